import type { NetworkIdValue } from '../../../common/domain';
import type { Credentials } from '../vault';
import type { IntentExtras, RemoteRef } from './intent-file';

/** The part of AccountsService the outbox needs: fresh credentials of one account, or a `reconnect_needed` AppError. */
export interface CredentialsPort {
  credentialsFor(accountId: string): Promise<Credentials>;
}

export interface PartRequest {
  accountId: string;
  credentials: Credentials;
  /** The text of this part, as the composer split it. */
  text: string;
  /** Which part of the thread (0 is the first post). */
  index: number;
  /** The record key saved in the intent before this request: the same on every resend. */
  key: string;
  /** The parts already on the network, in order: a reply needs the first and the previous. */
  done: readonly RemoteRef[];
  /** The target's idempotency key (kept across retries). */
  idempotencyKey: string;
  /** The content warning (every part) and the images with alt text (the first part only; none on later parts). */
  extras: IntentExtras;
  /** What this publisher last saved with `saveStep` for this part (null: nothing), as on disk. */
  step?: string | null;
  /**
   * Saves where the part's send has got to (a Meta container id) in the intent, fsynced, before it
   * resolves: the next request may leave only after. A network that makes a post in two requests
   * (create, then publish) needs it to know after a lost answer what the first request made.
   * Only during sendPart; absent where the caller keeps no intent (then such a publisher refuses to send).
   */
  saveStep?(step: string | null): Promise<void>;
}

/**
 * One network's way of posting. Failures are thrown as PublishFailure (publish-failure.ts); the
 * engine decides what they mean for the target and writes it down.
 */
export interface Publisher {
  readonly network: NetworkIdValue;
  /** A new record key for a part, chosen before it is first sent and saved in the intent. */
  newKey(): string;
  sendPart(request: PartRequest): Promise<RemoteRef>;
  /**
   * Asks the network whether a part sent under `request.key` is there: its ref if so, null if
   * the network is sure it is not (so sending again with the same key is safe).
   */
  findPart(request: PartRequest): Promise<RemoteRef | null>;
}
