import type { OutboxEntry, OutboxTarget } from '../../../../common/domain';

export const OUTBOX_FILTERS = ['all', 'waiting', 'failed', 'published'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

/** Which filter a post falls under by its overall status: done, in trouble, or on its way. */
export function filterOf(entry: OutboxEntry): Exclude<OutboxFilter, 'all'> {
  if (entry.status === 'published') return 'published';
  if (entry.status === 'failed' || entry.status === 'needs_attention') return 'failed';
  return 'waiting';
}

/** Post now: a post still waiting for its time or its turn. */
export function canPostNow(entry: OutboxEntry): boolean {
  return entry.status === 'queued' || entry.status === 'scheduled';
}

/** A target Retry sends again: failed either way, or unknown (the engine reconciles before it resends). */
export function retries(target: OutboxTarget): boolean {
  return target.state === 'failed_retryable' || target.state === 'failed_permanent' || target.state === 'unknown';
}

export function canRetry(entry: OutboxEntry): boolean {
  return entry.targets.some(retries);
}

/** Cancel and Edit: only while nothing of the post may have reached any network. */
export function canCancel(entry: OutboxEntry): boolean {
  return entry.status !== 'published' && entry.targets.every((target) => target.untouched);
}

/** The failure code the engine gives a post whose time passed while the app was closed. */
export const MISSED = 'missed_its_time';

export type TargetWords =
  | { kind: 'published' }
  | { kind: 'sending'; partsDone: number; parts: number }
  | { kind: 'scheduled' }
  | { kind: 'connection' }
  | { kind: 'reconnect' }
  | { kind: 'missed' }
  | { kind: 'unknown' }
  | { kind: 'failed'; reason: string; code: string | null }
  | { kind: 'due' }
  /** Its time came and it waits for the person to post it by hand. */
  | { kind: 'assisted' };

/**
 * What a target's state is, in the person's terms: a waiting reason outranks the state it waits
 * in (a failed send waiting for the connection is "Waiting for a connection"), a missed time is
 * its own case, and a scheduled one waits for its time.
 */
export function targetWords(target: OutboxTarget): TargetWords {
  if (target.state === 'published') return { kind: 'published' };
  if (target.state === 'sending') return { kind: 'sending', partsDone: target.partsDone, parts: target.parts };
  if (target.waiting === 'reconnect') return { kind: 'reconnect' };
  if (target.waiting === 'connection') return { kind: 'connection' };
  if (target.error?.code === MISSED) return { kind: 'missed' };
  if (target.state === 'unknown') return { kind: 'unknown' };
  if (target.state === 'failed_retryable' || target.state === 'failed_permanent') return { kind: 'failed', reason: target.error?.message ?? '', code: target.error?.code ?? null };
  if (target.waiting === 'time') return { kind: 'scheduled' };
  if (target.waiting === 'assisted') return { kind: 'assisted' };
  return { kind: 'due' };
}

/** The list after one `outbox.changed`: the entry replaced where it was, new ones first, a null removes it. */
export function applyChange(entries: readonly OutboxEntry[], postId: string, entry: OutboxEntry | null): OutboxEntry[] {
  const index = entries.findIndex((each) => each.postId === postId);
  if (entry === null) return index === -1 ? [...entries] : entries.filter((each) => each.postId !== postId);
  if (index === -1) return [entry, ...entries];
  return entries.map((each, at) => (at === index ? entry : each));
}
