import { AtpAgent } from '@atproto/api';
import type { Credentials } from '../../../electron/core/vault';
import { startBlueskyDevEnv } from '../../support/bluesky-dev-env';
import { FaultProxy } from '../../support/fault-proxy';
import type { SoakFound, SoakNetwork } from './network';

/** A real local PDS with two accounts (sent side by side), counted with listRecords. */
export async function soakBluesky(): Promise<SoakNetwork> {
  const bluesky = await startBlueskyDevEnv();
  const proxy = await FaultProxy.start(bluesky.pdsLoopbackUrl);
  const owner = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
  const alice = await owner.login({ identifier: bluesky.handle, password: bluesky.appPassword });
  const bob = await new AtpAgent({ service: bluesky.pdsLoopbackUrl }).createAccount({ handle: 'bob.test', email: 'bob@example.test', password: `main-${crypto.randomUUID()}` });
  const credentials: Record<string, Credentials> = {};
  const didOf = new Map<string, string>();
  for (const session of [alice.data, bob.data]) {
    const accountId = `bluesky:${session.did}`;
    didOf.set(accountId, session.did);
    credentials[accountId] = { accessToken: session.accessJwt, extra: { did: session.did, handle: session.handle, service: proxy.url } };
  }
  return {
    network: 'bluesky',
    accounts: [...didOf.keys()],
    credentials,
    proxy,
    takesThreads: true,
    needsImage: false,
    async posted() {
      const found: SoakFound[] = [];
      for (const [accountId, did] of didOf) {
        const agent = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
        let cursor: string | undefined;
        do {
          const page = await agent.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post', limit: 100, ...(cursor === undefined ? {} : { cursor }) });
          for (const record of page.data.records) {
            const value = record.value as { text?: unknown; reply?: { parent?: { uri?: unknown } }; embed?: { images?: unknown[] } };
            const images = Array.isArray(value.embed?.images) ? value.embed.images.length : 0;
            found.push({ accountId, id: record.uri, text: String(value.text), parent: typeof value.reply?.parent?.uri === 'string' ? value.reply.parent.uri : null, images });
          }
          cursor = page.data.records.length === 0 ? undefined : page.data.cursor;
        } while (cursor !== undefined);
      }
      return found;
    },
    async close() {
      await proxy.close();
      await bluesky.close();
    },
  };
}
