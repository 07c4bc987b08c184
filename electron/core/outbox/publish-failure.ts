/**
 * How a publish attempt can fail, judged by what it means for the post rather than by the error:
 *   retryable   the network did not take the post (refused before sending, 5xx, 429): try again later
 *   permanent   the network refused this post (400/403/413/422): trying again gives the same answer
 *   unknown     the request may have reached the network (timeout or reset after sending): ask the
 *               network before anything is sent again, never resend blindly
 *   reconnect   the account's sign-in is no longer accepted (401): its targets wait for a reconnect
 */
export const FAILURE_KINDS = ['retryable', 'permanent', 'unknown', 'reconnect'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Stable codes a person's "why" is built from; the sentence goes with them in `message`. */
export const PUBLISH_FAILURE_CODES = [
  'network_unreachable',
  'timed_out',
  'connection_lost',
  'server_error',
  'rate_limited',
  'rejected',
  'too_large',
  'forbidden',
  'reconnect_needed',
  'session_expired',
  'no_publisher',
  'gave_up',
  /** The intent file was damaged and an older copy restored: what happened since is not known. */
  'restored_from_backup',
  /** Its time passed while Spheres was closed, longer ago than the grace window: the person decides. */
  'missed_its_time',
  /** At send time the tone policy no longer allows the post's tone on that network. */
  'tone_not_allowed',
  /** At send time the post meets a guardrail (a quiet period added since, a watched word) not confirmed for it: it waits for the person. */
  'guardrail_blocked',
  /** The network's own daily cap on posts (Threads 250, Instagram's content_publishing_limit) is used up. */
  'daily_limit_reached',
  /** The media host (an S3 bucket Threads and Instagram fetch images from) could not be reached. */
  'media_host_unreachable',
  /** The media host refused the upload (its keys, its bucket or its policy). */
  'media_host_refused',
  /** The network could not make the post from what it was given (a Meta container ended in ERROR or EXPIRED). */
  'container_failed',
  /** The network needs an image and the post has none (Instagram). */
  'needs_image',
] as const;
export type PublishFailureCode = (typeof PUBLISH_FAILURE_CODES)[number];

/** A failed attempt as a value: thrown by publishers, stored in the intent, shown to the person. */
export class PublishFailure extends Error {
  readonly kind: FailureKind;
  readonly code: PublishFailureCode;
  /** What the network asked us to wait (Retry-After, rate-limit reset), when it said. */
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(kind: FailureKind, code: PublishFailureCode, message: string, extra: { retryAfterMs?: number; status?: number; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'PublishFailure';
    this.kind = kind;
    this.code = code;
    this.retryAfterMs = extra.retryAfterMs;
    this.status = extra.status;
  }
}

export function isPublishFailure(error: unknown): error is PublishFailure {
  return error instanceof PublishFailure;
}

/** The PublishFailure somewhere in a cause chain (client libraries wrap what our fetch threw). */
export function findPublishFailure(error: unknown): PublishFailure | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof PublishFailure) return current;
    current = current.cause;
  }
  return null;
}

/**
 * Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). Rate-limit headers of the
 * IETF draft (and Bluesky's PDS) give `ratelimit-reset` as epoch seconds. Null when neither says.
 */
export function retryAfterMs(headers: { get(name: string): string | null | undefined }, now: Date): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter !== undefined && retryAfter !== '') {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now.getTime());
  }
  const reset = headers.get('ratelimit-reset')?.trim();
  if (reset !== undefined && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now.getTime());
  return null;
}

/** An HTTP answer that is not a success, by status alone (the publisher adds the network's words). */
export function classifyHttpStatus(status: number, networkName: string, waitMs: number | null): PublishFailure {
  const extra = { status, ...(waitMs === null ? {} : { retryAfterMs: waitMs }) };
  if (status === 401) {
    return new PublishFailure('reconnect', 'reconnect_needed', `${networkName} no longer accepts this account's sign-in. Connect the account again; its posts wait until then.`, extra);
  }
  if (status === 429) {
    return new PublishFailure('retryable', 'rate_limited', `${networkName} asked Spheres to slow down (too many requests). The post goes out when it allows again.`, extra);
  }
  if (status === 413) return new PublishFailure('permanent', 'too_large', `${networkName} refused the post as too large (HTTP 413).`, extra);
  if (status === 403) return new PublishFailure('permanent', 'forbidden', `${networkName} does not allow this account to post this (HTTP 403).`, extra);
  if (status >= 500) {
    return new PublishFailure('retryable', 'server_error', `${networkName} had a problem on its side (HTTP ${status}). Spheres tries again shortly.`, extra);
  }
  return new PublishFailure('permanent', 'rejected', `${networkName} refused the post (HTTP ${status}).`, extra);
}

/** Connect-phase errors: the request never left this computer, so nothing can have been posted. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function errnoIn(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A fetch that threw instead of answering. Only a failure to connect proves the request never
 * left; a reset, a closed socket or our own deadline may come after the server has the post.
 */
export function classifyTransportError(error: unknown, networkName: string, timedOut: boolean): PublishFailure {
  const code = errnoIn(error);
  if (!timedOut && code !== undefined && NOT_SENT.has(code)) {
    return new PublishFailure('retryable', 'network_unreachable', `Spheres could not reach ${networkName} (${code}). The post waits for a connection.`, { cause: error });
  }
  if (timedOut) {
    return new PublishFailure('unknown', 'timed_out', `${networkName} did not answer in time; the post may have gone out. Spheres checks before sending again.`, { cause: error });
  }
  return new PublishFailure('unknown', 'connection_lost', `The connection to ${networkName} broke${code === undefined ? '' : ` (${code})`}; the post may have gone out. Spheres checks before sending again.`, { cause: error });
}
