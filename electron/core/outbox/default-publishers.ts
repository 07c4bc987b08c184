import type { Account, NetworkIdValue } from '../../../common/domain';
import { AppError } from '../../../common/api';
import type { Publisher } from './publisher';
import { BlueskyPublisher } from './publishers/bluesky';
import { MastodonPublisher } from './publishers/mastodon';

export interface PublisherPorts {
  now(): Date;
  fetch?: typeof globalThis.fetch;
  /** The accounts as they are now: a Mastodon account's server is its `serverUrl`. */
  accounts(): Account[];
}

/** The networks Spheres posts to, each with its way of posting. */
export function defaultPublishers(ports: PublisherPorts): Partial<Record<NetworkIdValue, Publisher>> {
  const fetchPort = ports.fetch === undefined ? {} : { fetch: ports.fetch };
  return {
    bluesky: new BlueskyPublisher({ now: ports.now, ...fetchPort }),
    mastodon: new MastodonPublisher({
      now: ports.now,
      ...fetchPort,
      serverOf: async (accountId) => {
        const server = ports.accounts().find((account) => account.id === accountId)?.serverUrl ?? null;
        if (server === null) throw new AppError('reconnect_needed', 'Spheres does not know this Mastodon account\'s server. Connect the account again.');
        return new URL(server).origin;
      },
    }),
  };
}
