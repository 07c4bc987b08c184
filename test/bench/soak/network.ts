import type { MediaHostSettings } from '../../../common/domain';
import type { Credentials } from '../../../electron/core/vault';
import type { FaultProxy } from '../../support/fault-proxy';
import type { SoakNetworkId } from '../outbox-soak-plan';

/** One post (or part) the soak found on a network's server, for the count. */
export interface SoakFound {
  accountId: string;
  text: string;
  /** The server's id of it: what a reply names as its parent. */
  id: string;
  /** The id of the post it answers; null for a first part. */
  parent: string | null;
  images: number;
}

/**
 * One network in the soak, as the parent sees it: its server (a real PDS or a loopback fake) behind
 * a fault proxy, the accounts to post as, and a way to read back everything the server holds.
 */
export interface SoakNetwork {
  readonly network: SoakNetworkId;
  readonly accounts: readonly string[];
  readonly credentials: Readonly<Record<string, Credentials>>;
  /** The child's publisher talks to the network through this proxy. */
  readonly proxy: FaultProxy;
  /** Whether a post of several parts goes there as a thread; when false the network gets only single posts. */
  readonly takesThreads: boolean;
  /** Whether every post there needs an image (Instagram); such a network gets only the image posts. */
  readonly needsImage: boolean;
  /** The media host the network downloads images from (Threads, Instagram): the child posts images through it. */
  readonly mediaHost?: { settings: MediaHostSettings; secretAccessKey: string };
  /** Images still on that media host after the run (each should have been removed once its post was made). */
  leftOnMediaHost?(): Promise<number>;
  /** Everything on the server now, read from the server itself (never from the outbox's files). */
  posted(): Promise<SoakFound[]>;
  close(): Promise<void>;
}
