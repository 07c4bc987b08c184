import { randomUUID } from 'node:crypto';
import { AppError } from '../../../common/api';
import type { NetworkIdValue } from '../../../common/domain';
import { NETWORK_INFO } from '../../../common/networks';
import type { OnRecovered, StorageFs } from '../storage';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { intentIdOf, NO_EXTRAS, OUTBOX_SCHEMA_VERSION, type IntentExtras, type RemoteRef, type SendIntent } from './intent-file';
import { IntentStore } from './intent-store';
import { applyEvent, firstPartNotDone, type IntentEvent } from './publish-state';
import { findPublishFailure, PublishFailure } from './publish-failure';
import type { CredentialsPort, PartRequest, Publisher } from './publisher';

export interface OutboxEngineOptions {
  /**
   * Another process sends for this data folder (it holds the sender lock): read what is on disk,
   * write nothing (no journal fold, no state change), so that process's journal stays whole.
   */
  readOnly?: boolean;
  fs: StorageFs;
  dataDir: string;
  now(): Date;
  /** In [0, 1): the jitter of the backoff. */
  random(): number;
  publishers: Readonly<Partial<Record<NetworkIdValue, Publisher>>>;
  credentials: CredentialsPort;
  backoff?: BackoffPolicy;
  newIdempotencyKey?(): string;
  /** Called after every change of a target is on disk (the outbox view and notifications listen). */
  onChange?(intent: SendIntent): void;
  /** Called once a cancelled target's files are gone. */
  onRemoved?(intent: SendIntent): void;
  /**
   * Checked right before each attempt, after the target is due: throw a PublishFailure to stop it
   * (the tone policy at send time). Nothing has been written or sent yet when it throws.
   */
  beforeSend?(intent: SendIntent): Promise<void>;
  /**
   * Checked before an assisted target is handed to the person (the guardrails: a quiet period
   * added since it was queued); a PublishFailure stops it, waiting for Retry, before any hand-over.
   */
  beforeHandOver?(intent: SendIntent): Promise<void>;
  onRecovered?: OnRecovered;
}

export interface EnqueueInput {
  postId: string;
  target: { network: NetworkIdValue; accountId: string; assisted?: true };
  /** The texts of the thread's parts in order (one for a single post), as the composer split them. */
  parts: readonly string[];
  /** The content warning and images with alt text; none if absent. */
  extras?: IntentExtras;
  /** The planned time of a scheduled post: not sent before it. Absent: due now. */
  notBefore?: Date;
}

/** States whose targets the engine sends when their time comes. */
const SENDABLE = new Set<SendIntent['state']>(['queued', 'failed_retryable', 'unknown']);
const SENDABLE_OR_SENDING = new Set<SendIntent['state']>([...SENDABLE, 'sending']);

/**
 * Sends each target of each post exactly once. Every step is written to disk before the next one
 * happens (the order and its reasons are in intent-file.ts); one target is never sent twice at once.
 * Plain Node: the disk, the clock, the randomness, the networks and the credentials are ports.
 */
export class OutboxEngine {
  readonly #options: OutboxEngineOptions;
  readonly #store: IntentStore;
  readonly #intents = new Map<string, SendIntent>();
  readonly #inFlight = new Set<string>();
  #opened = false;

  constructor(options: OutboxEngineOptions) {
    this.#options = options;
    this.#store = new IntentStore({ fs: options.fs, dataDir: options.dataDir, now: options.now, onRecovered: options.onRecovered });
  }

  /**
   * Loads the outbox. A target found `sending` was in flight when the process ended: it becomes
   * `unknown` (written before anything else runs), and its next attempt asks the network first.
   * One restored from a backup waits for the person instead (see the `restored` event).
   */
  async open(): Promise<void> {
    const { intents, restored } = await this.#store.readAll();
    if (this.#options.readOnly === true) {
      for (const intent of intents) this.#intents.set(intent.id, intent);
      this.#opened = true;
      return;
    }
    // The journal a last run left (closed or killed) is folded into the intent files and starts empty.
    await this.#store.compact();
    for (const intent of intents) {
      this.#intents.set(intent.id, intent);
      const at = this.#options.now();
      if (restored.has(intent.id) && SENDABLE_OR_SENDING.has(intent.state)) await this.#commit(this.#apply(intent, { type: 'restored', at }));
      else if (intent.state === 'sending') await this.#commit(this.#apply(intent, { type: 'interrupted', at }));
    }
    this.#opened = true;
  }

  /** Folds the journal into the intent files and closes it; nothing is lost without it (open replays the journal). */
  async close(): Promise<void> {
    if (this.#options.readOnly !== true) await this.#store.close();
  }

  list(): SendIntent[] {
    return [...this.#intents.values()];
  }

  get(id: string): SendIntent | undefined {
    return this.#intents.get(id);
  }

  async enqueue(input: EnqueueInput): Promise<SendIntent> {
    this.#assertOpen();
    const { network, accountId } = input.target;
    const assisted = input.target.assisted === true;
    if (!assisted && this.#options.publishers[network] === undefined) {
      throw new AppError('invalid_input', `Spheres cannot post to ${NETWORK_INFO[network].name} yet.`, { network });
    }
    if (input.parts.length === 0 || input.parts.some((text) => text.trim() === '')) {
      throw new AppError('invalid_input', 'A post with an empty part cannot be queued. Write something in every part of the thread.');
    }
    const id = intentIdOf(input.postId, input.target);
    if (this.#intents.has(id)) {
      throw new AppError('invalid_input', `This post is already in the outbox for that ${NETWORK_INFO[network].name} account.`, { intentId: id });
    }
    const at = this.#options.now().toISOString();
    const plannedAt = input.notBefore?.toISOString() ?? null;
    const intent: SendIntent = {
      schemaVersion: OUTBOX_SCHEMA_VERSION,
      id,
      postId: input.postId,
      target: assisted ? { network, accountId, assisted: true } : { network, accountId },
      idempotencyKey: (this.#options.newIdempotencyKey ?? randomUUID)(),
      state: 'queued',
      parts: input.parts.map((text) => ({ text, key: null, remote: null })),
      extras: input.extras ?? NO_EXTRAS,
      plannedAt,
      attempts: 0,
      nextAttemptAt: plannedAt ?? at,
      error: null,
      createdAt: at,
      updatedAt: at,
    };
    await this.#commit(intent);
    return intent;
  }

  /** The person's Retry (or an account connected again): due now; done parts stay done. */
  async retry(id: string): Promise<SendIntent> {
    const intent = this.#require(id);
    return this.#commit(this.#apply(intent, { type: 'retry', at: this.#options.now() }));
  }

  /** Post now for a scheduled target not yet attempted: due at once. A target in any other state is left as it is. */
  async sendNow(id: string): Promise<SendIntent> {
    const intent = this.#require(id);
    if (intent.state !== 'queued') return intent;
    return this.#commit({ ...intent, nextAttemptAt: this.#options.now().toISOString(), updatedAt: this.#options.now().toISOString() });
  }

  /** A scheduled target moved to another time (the calendar's re-plan), only while it was never attempted. */
  async reschedule(id: string, notBefore: Date): Promise<SendIntent> {
    const intent = this.#require(id);
    if (intent.state !== 'queued' || intent.attempts > 0 || !this.untouched(intent)) {
      throw new AppError('already_sending', 'Spheres has started sending this post, so its time can no longer change.', { intentId: id });
    }
    const at = notBefore.toISOString();
    return this.#commit({ ...intent, plannedAt: at, nextAttemptAt: at, updatedAt: this.#options.now().toISOString() });
  }

  /**
   * The person posted an assisted target by hand: published, with their link as the first part's
   * RemoteRef. Written durably (fsync) like every change the person makes; a second confirmation
   * finds it published and changes nothing (the caller answers it).
   */
  async confirmByHand(id: string, remote: RemoteRef): Promise<SendIntent> {
    this.#assertOpen();
    return this.#commit(this.#apply(this.#require(id), { type: 'confirmed', remote, at: this.#options.now() }));
  }

  /** Its time passed while the app was closed, beyond the grace window: waits for the person (Retry sends it). */
  async markMissed(id: string): Promise<SendIntent> {
    return this.#commit(this.#apply(this.#require(id), { type: 'missed', at: this.#options.now() }));
  }

  /**
   * Whether nothing of this target can have reached the network: no part was given a record key,
   * and it is not being sent. Only then may it be cancelled or edited.
   */
  untouched(intent: SendIntent): boolean {
    return intent.state !== 'sending' && !this.#inFlight.has(intent.id) && intent.parts.every((part) => part.key === null && part.remote === null);
  }

  /**
   * Takes a target out of the outbox before sending started; its files go (backups first, so a
   * crash midway leaves the intent whole rather than restorable from an older copy).
   */
  async cancel(id: string): Promise<void> {
    const intent = this.#require(id);
    if (!this.untouched(intent)) {
      throw new AppError('already_sending', 'Spheres has started sending this post, so it can no longer be cancelled.', { intentId: id });
    }
    await this.#store.remove(id);
    this.#intents.delete(id);
    this.#options.onRemoved?.(intent);
  }

  /** Targets whose time to be sent has come, oldest first. */
  due(): SendIntent[] {
    const now = this.#options.now().getTime();
    return this.list()
      .filter((intent) => SENDABLE.has(intent.state) && intent.nextAttemptAt !== null && Date.parse(intent.nextAttemptAt) <= now)
      .sort((a, b) => Date.parse(a.nextAttemptAt!) - Date.parse(b.nextAttemptAt!));
  }

  /** The earliest time a target waits for, for the scheduler's timer; null when none waits on the clock. */
  nextDueAt(): Date | null {
    let earliest: number | null = null;
    for (const intent of this.#intents.values()) {
      if (!SENDABLE.has(intent.state) || intent.nextAttemptAt === null) continue;
      const at = Date.parse(intent.nextAttemptAt);
      if (earliest === null || at < earliest) earliest = at;
    }
    return earliest === null ? null : new Date(earliest);
  }

  /** Sends every due target: one at a time per account (a network sees one writer), accounts side by side. */
  async sendDue(): Promise<SendIntent[]> {
    const byAccount = new Map<string, SendIntent[]>();
    for (const intent of this.due()) byAccount.set(intent.target.accountId, [...(byAccount.get(intent.target.accountId) ?? []), intent]);
    const results = await Promise.all(
      [...byAccount.values()].map(async (queue) => {
        const sent: SendIntent[] = [];
        for (const intent of queue) sent.push(await this.send(intent.id));
        return sent;
      }),
    );
    return results.flat();
  }

  /** One attempt at one target: resumes at its first part not on the network. */
  async send(id: string): Promise<SendIntent> {
    this.#assertOpen();
    if (this.#inFlight.has(id)) return this.#require(id);
    this.#inFlight.add(id);
    try {
      return await this.#attempt(this.#require(id));
    } finally {
      this.#inFlight.delete(id);
    }
  }

  async #attempt(queued: SendIntent): Promise<SendIntent> {
    if (!SENDABLE.has(queued.state)) return queued;
    // No publisher ever sends an assisted target: its time coming hands it to the person.
    if (queued.target.assisted === true) {
      if (queued.state !== 'queued') return queued;
      try {
        await this.#options.beforeHandOver?.(queued);
      } catch (error) {
        if (!(error instanceof PublishFailure)) throw error;
        // Stopped before the hand-over: a failed attempt with no part touched, so Retry or Cancel are both open.
        const started = this.#apply(queued, { type: 'start', at: this.#options.now() });
        const failed = this.#apply(started, { type: 'failed', failure: error, at: this.#options.now(), random: this.#options.random, policy: this.#options.backoff ?? DEFAULT_BACKOFF });
        return this.#commit(failed, { outcome: true });
      }
      return this.#commit(this.#apply(queued, { type: 'handed_over', at: this.#options.now() }));
    }
    let intent = this.#apply(queued, { type: 'start', at: this.#options.now() });
    const publisher = this.#options.publishers[intent.target.network];
    try {
      await this.#options.beforeSend?.(queued);
      if (publisher === undefined) {
        throw new PublishFailure('permanent', 'no_publisher', `Spheres cannot post to ${NETWORK_INFO[intent.target.network].name} yet.`);
      }
      const credentials = await this.#credentialsFor(intent.target.accountId);
      /** A part the network has answered whose remote id is not yet written (see intent-file.ts, write 3). */
      let unwritten = false;
      for (let index = firstPartNotDone(intent); index < intent.parts.length; index++) {
        const part = intent.parts[index]!;
        const done = intent.parts.slice(0, index).map((earlier) => earlier.remote!) satisfies RemoteRef[];
        const request = (key: string): PartRequest => ({
          accountId: intent.target.accountId,
          credentials,
          text: part.text,
          index,
          key,
          done,
          idempotencyKey: intent.idempotencyKey,
          extras: index === 0 ? (intent.extras ?? NO_EXTRAS) : { contentWarning: (intent.extras ?? NO_EXTRAS).contentWarning, media: [] },
          step: intent.parts[index]?.step ?? null,
          // Durable like the key (write 2): on disk before the publisher's next request leaves.
          saveStep: async (step) => {
            intent = await this.#commit(this.#apply(intent, { type: 'step_saved', part: index, step, at: this.#options.now() }));
          },
        });
        let key = part.key;
        if (key !== null) {
          // Sent before under this key (the answer was lost, or the process died): the network decides.
          const sentUnder = key;
          const found = await asked(() => publisher.findPart(request(sentUnder)));
          if (found !== null) {
            intent = await this.#commit(this.#apply(intent, { type: 'part_published', part: index, remote: found, at: this.#options.now() }), { outcome: true });
            unwritten = false;
            continue;
          }
        } else {
          key = publisher.newKey();
          intent = this.#apply(intent, { type: 'key_chosen', part: index, key, at: this.#options.now() });
        }
        // On disk before the request leaves: a crash from here on is reconciled, never resent blindly.
        // In a thread it also carries the part before's remote id (write 3 folded into this one).
        intent = await this.#commit(intent, { keepInMemoryOnError: unwritten });
        unwritten = false;
        const sendUnder = key;
        const remote = await asked(() => publisher.sendPart(request(sendUnder)));
        intent = this.#apply(intent, { type: 'part_published', part: index, remote, at: this.#options.now() });
        unwritten = true;
      }
      return unwritten ? await this.#commit(intent, { keepInMemoryOnError: true, outcome: true }) : intent;
    } catch (error) {
      // Anything else is the disk's: the intent stays as last written, and the caller hears why.
      if (!(error instanceof PublishFailure)) throw error;
      return this.#commit(
        this.#apply(intent, { type: 'failed', failure: error, at: this.#options.now(), random: this.#options.random, policy: this.#options.backoff ?? DEFAULT_BACKOFF }),
        { outcome: true },
      );
    }
  }

  async #credentialsFor(accountId: string) {
    try {
      return await this.#options.credentials.credentialsFor(accountId);
    } catch (error) {
      throw error instanceof AppError ? credentialFailure(error) : error;
    }
  }

  #apply(intent: SendIntent, event: IntentEvent): SendIntent {
    const result = applyEvent(intent, event);
    if (!result.ok) throw new Error(`Outbox state error for ${intent.id}: ${result.reason}`);
    return result.intent;
  }

  /**
   * Writes, then makes it the engine's view, then tells listeners. Without `outcome` the write is
   * appended to the journal and fsynced before this resolves (the enqueue, every change the person
   * makes, and the key before a send: on disk before the request leaves). An `outcome` is appended
   * without fsync: the next durable write or compaction fsyncs it; a power cut that loses it leaves
   * the durable key (`sending`), which start-up reconciles by asking the network (intent-file.ts).
   * A part the network already has
   * is kept in memory even when its write fails: the disk still says `sending` with its key, which
   * start-up reconciles, and this process must not send it again either.
   */
  async #commit(intent: SendIntent, options: { keepInMemoryOnError?: boolean; outcome?: boolean } = {}): Promise<SendIntent> {
    if (this.#options.readOnly === true) throw new AppError('invalid_input', 'This outbox is read-only: another process sends for this data folder.', { intentId: intent.id });
    try {
      await this.#store.write(intent, { outcome: options.outcome === true });
    } catch (error) {
      if (options.keepInMemoryOnError === true) this.#intents.set(intent.id, intent);
      throw error;
    }
    this.#intents.set(intent.id, intent);
    this.#options.onChange?.(intent);
    return intent;
  }

  #require(id: string): SendIntent {
    const intent = this.#intents.get(id);
    if (intent === undefined) throw new AppError('not_found', 'That post is no longer in the outbox.', { intentId: id });
    return intent;
  }

  #assertOpen(): void {
    if (!this.#opened) throw new Error('OutboxEngine.open() must finish before the outbox is used');
  }
}

/**
 * A publisher's call, with anything it throws as a PublishFailure. An error the publisher did not
 * classify came from somewhere after the request may have left: `unknown`, so the network is asked.
 */
async function asked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = findPublishFailure(error);
    if (failure !== null) throw failure;
    throw new PublishFailure('unknown', 'connection_lost', 'Sending stopped unexpectedly; the post may have gone out. Spheres checks before sending again.', { cause: error });
  }
}

/** Credentials that cannot be had: a reconnect the person must do, or a keychain to unlock (both wait). */
function credentialFailure(error: AppError): PublishFailure {
  if (error.code === 'reconnect_needed') return new PublishFailure('reconnect', 'reconnect_needed', error.message, { cause: error });
  return new PublishFailure('retryable', 'session_expired', error.message, { cause: error });
}
