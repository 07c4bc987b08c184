import { AppError } from '../../../common/api';
import type { Account } from '../../../common/domain';
import type { Credentials } from '../vault';
import { blueskyHistory } from './bluesky-history';
import { HistoryImportError } from './history-format';
import type { AccountHistoryPort } from './history-source';

export interface BlueskySourcePorts {
  accounts(): Account[];
  credentialsFor(accountId: string): Promise<Credentials>;
  fetch?: typeof globalThis.fetch;
}

/**
 * A connected Bluesky account's posts as a history source: read from its own PDS, no file. Its
 * images are blobs on the PDS, fetched only when the import stores them (ImportedMedia.fetch).
 */
export function blueskyAccountHistory(ports: BlueskySourcePorts): AccountHistoryPort {
  return async (accountId) => {
    const account = ports.accounts().find((candidate) => candidate.id === accountId);
    if (account?.network !== 'bluesky') {
      throw new AppError('invalid_input', 'Only a connected Bluesky account\'s history is read from the network; for the other networks, import the data export they send you.');
    }
    const credentials = await ports.credentialsFor(accountId);
    const blobs = new Map<string, () => Promise<Uint8Array>>();
    return {
      name: account.handle,
      network: 'bluesky',
      label: 'Bluesky account',
      async *posts(skip, signal) {
        for await (const post of blueskyHistory({ accountId, credentials, skip, signal, ...(ports.fetch === undefined ? {} : { fetch: ports.fetch }) })) {
          for (const media of post.media) if (media.fetch !== undefined) blobs.set(media.path, media.fetch);
          yield post;
        }
      },
      async readMedia(path, maxBytes) {
        const fetchBlob = blobs.get(path);
        if (fetchBlob === undefined) throw new HistoryImportError('unreadable', `${account.handle}: the image ${path} was not among the account's posts.`);
        const bytes = await fetchBlob();
        if (bytes.byteLength > maxBytes) throw new HistoryImportError('too_large', `${account.handle}: the image ${path} is larger than ${maxBytes} bytes.`);
        return bytes;
      },
      close: async () => undefined,
    };
  };
}
