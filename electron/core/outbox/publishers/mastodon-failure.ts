import { classifyHttpStatus, PublishFailure, retryAfterMs } from '../publish-failure';

/** What a Mastodon answer's headers say about waiting. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * How long Mastodon asks us to wait: Retry-After when present, else `X-RateLimit-Reset`, which
 * Mastodon sends as an ISO 8601 time (https://docs.joinmastodon.org/api/rate-limits/), unlike the
 * epoch seconds of the IETF draft that `retryAfterMs` reads. Null when neither says.
 */
export function mastodonWaitMs(headers: HeaderReader, now: Date): number | null {
  const said = retryAfterMs(headers, now);
  if (said !== null) return said;
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset === undefined || reset === '') return null;
  const at = Date.parse(reset);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The server's own reason from a Mastodon error body (`{"error": "..."}`), shortened; null when it gave none. */
export function mastodonReason(body: unknown): string | null {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'string') return null;
  const flat = error.replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

/**
 * A Mastodon answer that is not a success, as what it means for the post:
 *   422 (validation: too long, media not found, blank) and 404 (the post it replies to is gone)
 *     → permanent, with the server's reason: sending the same again gets the same answer;
 *   429 → retryable after the time the server names; 401 → reconnect; 5xx → retryable.
 * https://docs.joinmastodon.org/methods/statuses/#create (422, 404 for in_reply_to_id)
 */
export function mastodonHttpFailure(status: number, headers: HeaderReader, body: unknown, now: Date): PublishFailure {
  const generic = classifyHttpStatus(status, 'Mastodon', mastodonWaitMs(headers, now));
  const reason = mastodonReason(body);
  if (generic.kind !== 'permanent' || reason === null) return generic;
  const extra = { status, ...(generic.retryAfterMs === undefined ? {} : { retryAfterMs: generic.retryAfterMs }) };
  return new PublishFailure('permanent', generic.code, `Mastodon refused the post: ${reason} (HTTP ${status}).`, extra);
}

/** An answer that said success but could not be read: the post may well be there. */
export function unreadableAnswer(what: string, cause?: unknown): PublishFailure {
  return new PublishFailure('unknown', 'connection_lost', `Mastodon's answer to ${what} could not be read; the post may have gone out. Spheres checks before sending again.`, cause === undefined ? {} : { cause });
}
