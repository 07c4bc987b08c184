import type { RemoteRef } from '../intent-file';
import { classifyHttpStatus, PublishFailure, retryAfterMs } from '../publish-failure';

/*
 * LinkedIn's error answers: `{status, message, code?, serviceErrorCode?}`, a refused input adding
 * `errorDetails.inputErrors[{code, description}]`.
 * https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling
 * An identical post is refused with 422 and the input error code DUPLICATE_POST, its message naming
 * the post already there ("Content is a duplicate of urn:li:share:…"; the answer as LinkedIn sends
 * it is quoted in https://github.com/Arisamiga/Linkedin-RSS/issues/5).
 */

interface HeaderReader {
  get(name: string): string | null | undefined;
}

function recordOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The input error codes of a LinkedIn error body (empty when it has none). */
function inputErrorCodes(body: unknown): string[] {
  const inputErrors = recordOf(recordOf(body)?.['errorDetails'])?.['inputErrors'];
  if (!Array.isArray(inputErrors)) return [];
  return inputErrors.map((item) => recordOf(item)?.['code']).filter((code): code is string => typeof code === 'string');
}

/** A post's URN as LinkedIn names posts (a share or a ugcPost), in a message. */
const POST_URN = /urn:li:(?:share|ugcPost):\d{1,30}/;

/** Where a post is seen on LinkedIn: https://www.linkedin.com/feed/update/<urn>/ (the URN as it is; LinkedIn's own links do the same). */
export function postUrlOf(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

export function refOfPost(urn: string): RemoteRef {
  return { id: urn, url: postUrlOf(urn) };
}

/**
 * The post LinkedIn says is already there, from a 422 DUPLICATE_POST answer; null for any other
 * answer. A duplicate whose message names no post cannot be recorded: it is thrown as `unknown`.
 */
export function duplicateOf(status: number, body: unknown): RemoteRef | null {
  if (status !== 422 || !inputErrorCodes(body).includes('DUPLICATE_POST')) return null;
  const message = recordOf(body)?.['message'];
  const urn = typeof message === 'string' ? POST_URN.exec(message)?.[0] : undefined;
  if (urn === undefined) {
    throw new PublishFailure(
      'unknown',
      'connection_lost',
      'LinkedIn says this post is already on the account but did not say which post it is. Look on your LinkedIn profile: if it is there, cancel it here.',
      { status },
    );
  }
  return refOfPost(urn);
}

/** LinkedIn's own reason from an error body, shortened; null when it gave none. */
export function linkedinReason(body: unknown): string | null {
  const message = recordOf(body)?.['message'];
  if (typeof message !== 'string') return null;
  // Java exception names before the sentence say nothing to a person.
  const flat = message.replace(/^(?:[a-z][\w$]*\.)+[A-Z][\w$]*:\s*/, '').replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

/**
 * A LinkedIn answer that is not a success (and not a duplicate), as what it means for the post:
 * 401 → reconnect; 429 → retryable after Retry-After when LinkedIn gives one (its daily limits
 * reset at midnight UTC: https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits);
 * 5xx → retryable; any other 4xx → permanent, with LinkedIn's reason.
 */
export function linkedinHttpFailure(status: number, headers: HeaderReader, body: unknown, now: Date): PublishFailure {
  const generic = classifyHttpStatus(status, 'LinkedIn', retryAfterMs(headers, now));
  const reason = linkedinReason(body);
  if (generic.kind !== 'permanent' || reason === null) return generic;
  return new PublishFailure('permanent', generic.code, `LinkedIn refused the post: ${reason} (HTTP ${status}).`, { status });
}

/** An answer that said success but could not be read: the post may well be there. */
export function unreadableAnswer(what: string, cause?: unknown): PublishFailure {
  return new PublishFailure('unknown', 'connection_lost', `LinkedIn's answer to ${what} could not be read; the post may have gone out. Spheres checks before sending again.`, cause === undefined ? {} : { cause });
}
