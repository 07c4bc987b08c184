import type { Account, NetworkIdValue } from '../../../common/domain';
import { AppError } from '../../../common/api';
import type { Publisher } from './publisher';
import type { ReadMedia } from './publishers/post-image';
import { BlueskyPublisher } from './publishers/bluesky';
import { LinkedInPublisher } from './publishers/linkedin';
import { MastodonPublisher } from './publishers/mastodon';

export interface PublisherPorts {
  now(): Date;
  fetch?: typeof globalThis.fetch;
  /** The accounts as they are now: a Mastodon account's server is its `serverUrl`, a LinkedIn account's member its `facts.memberUrn`. */
  accounts(): Account[];
  /** An attached image's bytes from the media library (checked against its id). */
  readMedia: ReadMedia;
}

/** The networks Spheres posts to, each with its way of posting. */
export function defaultPublishers(ports: PublisherPorts): Partial<Record<NetworkIdValue, Publisher>> {
  const fetchPort = ports.fetch === undefined ? {} : { fetch: ports.fetch };
  return {
    // Link cards go through the same port (tests: loopback only), never through the PDS fetch that carries the token.
    bluesky: new BlueskyPublisher({ now: ports.now, readMedia: ports.readMedia, ...fetchPort, ...(ports.fetch === undefined ? {} : { cardFetch: ports.fetch }) }),
    mastodon: new MastodonPublisher({
      now: ports.now,
      readMedia: ports.readMedia,
      ...fetchPort,
      serverOf: async (accountId) => {
        const server = ports.accounts().find((account) => account.id === accountId)?.serverUrl ?? null;
        if (server === null) throw new AppError('reconnect_needed', 'Spheres does not know this Mastodon account\'s server. Connect the account again.');
        return new URL(server).origin;
      },
    }),
    linkedin: new LinkedInPublisher({
      now: ports.now,
      readMedia: ports.readMedia,
      ...fetchPort,
      // Saved by the LinkedIn connector at sign-in (the OpenID `sub`): credentials hold only the token.
      authorOf: async (accountId) => {
        const urn = ports.accounts().find((account) => account.id === accountId)?.facts['memberUrn'];
        if (urn === undefined) throw new AppError('reconnect_needed', 'Spheres does not know which LinkedIn member this account is. Connect the account again.');
        return urn;
      },
    }),
  };
}
