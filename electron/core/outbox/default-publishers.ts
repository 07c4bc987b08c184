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
  /** Where Threads and Instagram images go for Meta to download them; absent: none set up (text-only Threads posts still go). */
  mediaHost?: MediaHostPort;
  /**
   * Each network's API origin (tests: the loopback fakes, the connectors' `api` or `graph` endpoint);
   * the network's own by default (https://api.x.com, https://api.linkedin.com, Meta's graph hosts).
   */
  apiOrigins?: Partial<Record<'x' | 'linkedin' | 'threads' | 'instagram', string>>;
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
      ...(ports.apiOrigins?.linkedin === undefined ? {} : { apiOrigin: ports.apiOrigins.linkedin }),
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
      ...(ports.apiOrigins?.x === undefined ? {} : { apiOrigin: ports.apiOrigins.x }),
      // The connector keeps the X user id as a fact and in the account id (`x:<user id>`).
      userIdOf: async (accountId) => {
        const fact = ports.accounts().find((account) => account.id === accountId)?.facts['userId'];
        if (fact !== undefined) return fact;
        const inId = /^x:(\d{1,30})$/.exec(accountId)?.[1];
        if (inId === undefined) throw new AppError('reconnect_needed', 'Spheres does not know this X account\'s user id. Connect the account again.');
        return inId;
      },
    }),
    threads: new ThreadsPublisher({ ...metaOptions(ports), ...(ports.apiOrigins?.threads === undefined ? {} : { graphOrigin: ports.apiOrigins.threads }) }),
    instagram: new InstagramPublisher({ ...metaOptions(ports), ...(ports.apiOrigins?.instagram === undefined ? {} : { graphOrigin: ports.apiOrigins.instagram }) }),
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
