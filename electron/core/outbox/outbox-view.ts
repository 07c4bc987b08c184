import type { Account, OutboxEntry, OutboxTarget, OutboxWait, Post, PostStatus, PublishResult } from '../../../common/domain';
import { BY_HAND, targetOfIntent } from './assisted';
import type { SendIntent } from './intent-file';

const EXCERPT = 280;

/** Failures that mean the machine could not reach the network: the outbox says "Waiting for a connection". */
const CONNECTION_CODES = new Set(['network_unreachable', 'timed_out', 'connection_lost']);

/** Why a target is not being sent right now, in the person's terms. */
export function waitOf(intent: SendIntent, now: number): OutboxWait | null {
  if (intent.target.assisted === true && intent.state === 'queued') {
    return intent.nextAttemptAt !== null && Date.parse(intent.nextAttemptAt) > now ? 'time' : 'assisted';
  }
  switch (intent.state) {
    case 'queued':
      return intent.nextAttemptAt !== null && Date.parse(intent.nextAttemptAt) > now ? 'time' : null;
    case 'failed_retryable':
      if (intent.error?.kind === 'reconnect') return 'reconnect';
      if (intent.nextAttemptAt === null) return 'person';
      return intent.error !== null && CONNECTION_CODES.has(intent.error.code) ? 'connection' : 'time';
    case 'unknown':
      if (intent.nextAttemptAt === null) return 'person';
      return intent.error !== null && CONNECTION_CODES.has(intent.error.code) ? 'connection' : 'time';
    case 'failed_permanent':
      return 'person';
    case 'sending':
    case 'published':
      return null;
  }
}

/** The post as a whole, from its targets: the one word the Outbox and the calendar show. */
export function entryStatus(intents: readonly SendIntent[], now: number): PostStatus {
  if (intents.every((intent) => intent.state === 'published')) return 'published';
  const waits = intents.map((intent) => waitOf(intent, now));
  if (intents.some((intent) => intent.error?.code === 'missed_its_time') || waits.includes('reconnect')) return 'needs_attention';
  if (intents.some((intent) => intent.state === 'unknown' && intent.nextAttemptAt === null)) return 'needs_attention';
  if (intents.some((intent) => intent.state === 'failed_permanent')) return 'failed';
  if (intents.some((intent) => intent.state === 'sending' || intent.attempts > 0 || intent.state === 'published')) return 'publishing';
  return waits.every((wait) => wait === 'time') ? 'scheduled' : 'queued';
}

export function targetView(intent: SendIntent, untouched: boolean, account: Account | undefined, now: number): OutboxTarget {
  const done = intent.parts.filter((part) => part.remote !== null);
  return {
    network: intent.target.network,
    accountId: intent.target.accountId,
    handle: account?.handle ?? (intent.target.accountId === BY_HAND ? '' : intent.target.accountId),
    state: intent.state,
    attempts: intent.attempts,
    nextAttemptAt: intent.nextAttemptAt,
    waiting: waitOf(intent, now),
    error: intent.error,
    partsDone: done.length,
    parts: intent.parts.length,
    url: intent.parts[0]?.remote?.url ?? null,
    untouched,
    ...(intent.target.assisted === true ? { assisted: true, assistedReason: intent.target.accountId === BY_HAND ? 'chosen' : 'no_media_host' } : {}),
    updatedAt: intent.updatedAt,
  };
}

export function entryOf(post: Post, targets: readonly OutboxTarget[], intents: readonly SendIntent[], now: number): OutboxEntry {
  const updatedAt = intents.reduce((latest, intent) => (intent.updatedAt > latest ? intent.updatedAt : latest), intents[0]?.createdAt ?? post.updatedAt);
  return {
    postId: post.id,
    excerpt: post.text.length > EXCERPT ? `${post.text.slice(0, EXCERPT - 1)}…` : post.text,
    tone: post.tone,
    planned: post.planned,
    // No intent at all: marked for the outbox by an older Spheres or cut off by a crash; the post says which.
    status: intents.length === 0 ? post.status : entryStatus(intents, now),
    targets: [...targets],
    updatedAt,
  };
}

/** What a post keeps of its publishing: one result per target, with the published post's link. */
export function resultsOf(intents: readonly SendIntent[]): PublishResult[] {
  return intents.map((intent) => ({
    target: targetOfIntent(intent),
    state: intent.state,
    remoteIds: intent.parts.flatMap((part) => (part.remote === null ? [] : [part.remote.id])),
    ...(intent.parts[0]?.remote?.url === undefined ? {} : { url: intent.parts[0].remote.url }),
    ...(intent.error === null ? {} : { error: { code: intent.error.code, message: intent.error.message } }),
    attempts: intent.attempts,
    updatedAt: intent.updatedAt,
  }));
}
