import type { PUBLISH_STATES } from '../../../common/domain';
import { backoffDelayMs, type BackoffPolicy } from './backoff';
import type { RemoteRef, SendIntent } from './intent-file';
import type { PublishFailure } from './publish-failure';

export type PublishState = (typeof PUBLISH_STATES)[number];

/** What can happen to one target. Pure data: the engine records each before or after the fact. */
export type IntentEvent =
  | { type: 'start'; at: Date }
  | { type: 'key_chosen'; part: number; key: string; at: Date }
  /** The publisher saved where a part's send has got to (PartRequest.saveStep): null clears it. */
  | { type: 'step_saved'; part: number; step: string | null; at: Date }
  | { type: 'part_published'; part: number; remote: RemoteRef; at: Date }
  | { type: 'failed'; failure: PublishFailure; at: Date; random: () => number; policy: BackoffPolicy }
  /** Start-up found the target `sending`: the process ended while a request may have been out. */
  | { type: 'interrupted'; at: Date }
  /**
   * The intent file was damaged and an older copy restored: a part may be on the network under a
   * key the copy does not have, so nothing is sent until the person has looked.
   */
  | { type: 'restored'; at: Date }
  /** Its time passed while the app was closed, beyond the grace window: never sent silently late. */
  | { type: 'missed'; at: Date }
  /** The person asked to try again, or the account was reconnected. */
  | { type: 'retry'; at: Date }
  /** An assisted target's time came: it waits for the person to post it by hand (assisted.ts). */
  | { type: 'handed_over'; at: Date }
  /** The person posted an assisted target by hand and said so; `remote` carries the link they pasted. */
  | { type: 'confirmed'; remote: RemoteRef; at: Date };

export type TransitionResult = { ok: true; intent: SendIntent } | { ok: false; reason: string };

/** Which events each state accepts; anything else is a bug in the caller, reported as a value. */
const ACCEPTS: Readonly<Record<PublishState, readonly IntentEvent['type'][]>> = {
  queued: ['start', 'restored', 'missed', 'handed_over', 'confirmed'],
  sending: ['key_chosen', 'step_saved', 'part_published', 'failed', 'interrupted', 'restored'],
  published: [],
  failed_retryable: ['start', 'retry', 'restored'],
  failed_permanent: ['retry'],
  unknown: ['start', 'retry', 'restored'],
};

export function firstPartNotDone(intent: SendIntent): number {
  const index = intent.parts.findIndex((part) => part.remote === null);
  return index === -1 ? intent.parts.length : index;
}

/**
 * The one place a target's state changes: queued → sending → published | failed_retryable |
 * failed_permanent | unknown. Returns a new intent; the input is not touched.
 */
export function applyEvent(intent: SendIntent, event: IntentEvent): TransitionResult {
  if (!ACCEPTS[intent.state].includes(event.type)) {
    return { ok: false, reason: `a target in state ${intent.state} cannot take "${event.type}"` };
  }
  const updatedAt = event.at.toISOString();
  switch (event.type) {
    case 'start':
      return ok({ ...intent, state: 'sending', attempts: intent.attempts + 1, nextAttemptAt: null, error: null, updatedAt });
    case 'key_chosen': {
      const part = intent.parts[event.part];
      if (part === undefined || part.remote !== null) return { ok: false, reason: `part ${event.part + 1} is not waiting to be sent` };
      if (part.key !== null && part.key !== event.key) return { ok: false, reason: `part ${event.part + 1} already has its record key` };
      return ok({ ...intent, parts: replaceAt(intent.parts, event.part, { ...part, key: event.key }), updatedAt });
    }
    case 'step_saved': {
      const part = intent.parts[event.part];
      if (part === undefined || part.remote !== null || part.key === null) return { ok: false, reason: `part ${event.part + 1} is not being sent` };
      return ok({ ...intent, parts: replaceAt(intent.parts, event.part, { ...part, step: event.step }), updatedAt });
    }
    case 'part_published': {
      const part = intent.parts[event.part];
      if (part === undefined || part.remote !== null) return { ok: false, reason: `part ${event.part + 1} is not waiting to be sent` };
      if (event.part !== firstPartNotDone(intent)) return { ok: false, reason: `part ${event.part + 1} cannot be done before the parts above it` };
      const parts = replaceAt(intent.parts, event.part, { ...part, remote: event.remote });
      const done = parts.every((candidate) => candidate.remote !== null);
      return ok({ ...intent, parts, state: done ? 'published' : 'sending', updatedAt });
    }
    case 'failed':
      return ok(afterFailure(intent, event, updatedAt));
    case 'interrupted':
      return ok({ ...intent, state: 'unknown', nextAttemptAt: updatedAt, updatedAt });
    case 'restored': {
      const message = 'Spheres found this post\'s outbox record damaged and restored an older copy, so it cannot tell whether the post already went out. Check the network, then Retry or Cancel.';
      return ok({ ...intent, state: 'unknown', nextAttemptAt: null, error: { kind: 'unknown', code: 'restored_from_backup', message }, updatedAt });
    }
    case 'missed': {
      if (intent.attempts > 0) return { ok: false, reason: 'only a target never sent can miss its time' };
      const message = 'Its time passed while Spheres was closed, so it was not sent late on its own. Post it now, or cancel it.';
      return ok({ ...intent, state: 'failed_permanent', nextAttemptAt: null, error: { kind: 'permanent', code: 'missed_its_time', message }, updatedAt });
    }
    case 'handed_over':
      if (intent.target.assisted !== true) return { ok: false, reason: 'only an assisted target is handed to the person' };
      // What stopped an earlier attempt (a guardrail, a missed time) is over once it is in the person's hands.
      return ok({ ...intent, nextAttemptAt: null, error: null, updatedAt });
    case 'confirmed':
      if (intent.target.assisted !== true) return { ok: false, reason: 'only an assisted target is confirmed by the person' };
      // The person posted it whole (a thread by hand too): every part counts as on the network, under the one link.
      return ok({ ...intent, state: 'published', parts: intent.parts.map((part, index) => ({ ...part, remote: index === 0 ? event.remote : { id: `${event.remote.id}#${index + 1}` } })), nextAttemptAt: null, error: null, updatedAt });
    case 'retry':
      // Parts already done stay done, and a part with a key is still checked before it is resent.
      return ok({ ...intent, state: intent.state === 'unknown' ? 'unknown' : 'queued', nextAttemptAt: updatedAt, updatedAt });
  }
}

function afterFailure(intent: SendIntent, event: Extract<IntentEvent, { type: 'failed' }>, updatedAt: string): SendIntent {
  const { failure } = event;
  const error = { kind: failure.kind, code: failure.code, message: failure.message };
  const later = (): string =>
    new Date(event.at.getTime() + backoffDelayMs(intent.attempts, event.random, event.policy, failure.retryAfterMs)).toISOString();
  switch (failure.kind) {
    case 'permanent':
      return { ...intent, state: 'failed_permanent', error, nextAttemptAt: null, updatedAt };
    case 'reconnect':
      // Waits for the account, not for a clock: `retry` when it is connected again.
      return { ...intent, state: 'failed_retryable', error, nextAttemptAt: null, updatedAt };
    case 'unknown':
      // Never given up on silently: after the last attempt it waits for the person, still `unknown`.
      return { ...intent, state: 'unknown', error, nextAttemptAt: intent.attempts >= event.policy.maxAttempts ? null : later(), updatedAt };
    case 'retryable':
      if (intent.attempts >= event.policy.maxAttempts) {
        const message = `Spheres tried ${intent.attempts} times and stopped. Last reason: ${failure.message}`;
        return { ...intent, state: 'failed_permanent', error: { kind: 'permanent', code: 'gave_up', message }, nextAttemptAt: null, updatedAt };
      }
      return { ...intent, state: 'failed_retryable', error, nextAttemptAt: later(), updatedAt };
  }
}

function ok(intent: SendIntent): TransitionResult {
  return { ok: true, intent };
}

function replaceAt<T>(items: readonly T[], index: number, value: T): T[] {
  return items.map((item, at) => (at === index ? value : item));
}
