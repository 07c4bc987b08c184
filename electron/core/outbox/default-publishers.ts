import type { Account, NetworkIdValue } from '../../../common/domain';
import { AppError } from '../../../common/api';
import type { MediaHostPort } from './media-host';
import type { Publisher } from './publisher';
import type { ReadMedia } from './publishers/post-image';
import { BlueskyPublisher } from './publishers/bluesky';
import { LinkedInPublisher } from './publishers/linkedin';
import { InstagramPublisher } from './publishers/instagram';
import { MastodonPublisher } from './publishers/mastodon';
import { XPublisher } from './publishers/x';
import { userIdInAccountId } from './publishers/meta-publisher';
import { ThreadsPublisher } from './publishers/threads';

export interface PublisherPorts {
  now(): Date;
  fetch?: typeof globalThis.fetch;
  /** The accounts as they are now: a Mastodon account's server is its `serverUrl`, a LinkedIn account's member its `facts.memberUrn`. */
  accounts(): Account[];
  /** An attached image's bytes from the media library (checked against its id). */
  readMedia: ReadMedia;
  /** X's API origin (tests: the loopback fake); https://api.x.com by default. */
  xApiOrigin?: string;
  /** Where Threads and Instagram images go for Meta to download them; absent: none set up (text-only Threads posts still go). */
  mediaHost?: MediaHostPort;
  /** The Threads and Instagram graph hosts (tests: the loopback fakes, as the connectors' `graph` endpoint); Meta's by default. */
  threadsGraphOrigin?: string;
  instagramGraphOrigin?: string;
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
    x: new XPublisher({
      now: ports.now,
      readMedia: ports.readMedia,
      ...fetchPort,
      ...(ports.xApiOrigin === undefined ? {} : { apiOrigin: ports.xApiOrigin }),
      // The connector keeps the X user id as a fact and in the account id (`x:<user id>`).
      userIdOf: async (accountId) => {
        const fact = ports.accounts().find((account) => account.id === accountId)?.facts['userId'];
        if (fact !== undefined) return fact;
        const inId = /^x:(\d{1,30})$/.exec(accountId)?.[1];
        if (inId === undefined) throw new AppError('reconnect_needed', 'Spheres does not know this X account\'s user id. Connect the account again.');
        return inId;
      },
    }),
    threads: new ThreadsPublisher({ ...metaOptions(ports), ...(ports.threadsGraphOrigin === undefined ? {} : { graphOrigin: ports.threadsGraphOrigin }) }),
    instagram: new InstagramPublisher({ ...metaOptions(ports), ...(ports.instagramGraphOrigin === undefined ? {} : { graphOrigin: ports.instagramGraphOrigin }) }),
  };
}

/** Threads and Instagram share the media host and read the account's Meta user id from its facts. */
function metaOptions(ports: PublisherPorts) {
  return {
    now: ports.now,
    readMedia: ports.readMedia,
    ...(ports.fetch === undefined ? {} : { fetch: ports.fetch }),
    mediaHost: ports.mediaHost ?? (async () => null),
    userIdOf: async (accountId: string) => ports.accounts().find((account) => account.id === accountId)?.facts['userId'] ?? userIdInAccountId(accountId),
  };
}
