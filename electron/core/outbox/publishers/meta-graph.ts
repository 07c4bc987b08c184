import { classifyHttpStatus, PublishFailure, retryAfterMs } from '../publish-failure';
import { parseAnswer, requestAnswer } from './http-answer';

/*
 * What Threads and Instagram share: both are Meta graph hosts, answer errors in the Graph shape and
 * make a post in two requests (a container, then publish).
 * - https://developers.facebook.com/docs/graph-api/guides/error-handling
 *   (`{"error": {"message", "type", "code", "error_subcode", "is_transient", "error_user_msg", "fbtrace_id"}}`;
 *   code 190 an invalid token, 4 / 17 / 32 / 613 rate limits, 1 / 2 transient)
 * - https://developers.facebook.com/docs/instagram-platform/content-publishing/ (error code 9, subcode
 *   2207042: the daily publishing limit; 9007 / 2207027: the container is not ready to publish)
 */

/** One request may take this long before its outcome counts as unknown. */
export const META_REQUEST_TIMEOUT_MS = 30_000;

/** Graph error codes meaning "slow down" (application, user, page and API-method limits). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
/** Graph error codes meaning "try again later" (unknown error, service unavailable). */
const TRANSIENT_CODES = new Set([1, 2]);
/** Instagram's subcode for "The account has reached its daily publishing limit". */
export const DAILY_LIMIT_SUBCODE = 2207042;
/** Instagram's subcode for "The media is not ready for publishing, please wait for a moment". */
export const NOT_READY_SUBCODE = 2207027;

/** How long Spheres waits before it asks again once a daily publishing limit is used up. */
export const DAILY_LIMIT_RETRY_MS = 60 * 60_000;

export interface GraphError {
  message: string;
  code: number | null;
  subcode: number | null;
  transient: boolean;
}

/** The error of a Graph answer, or null when the body is not one. */
export function graphErrorOf(body: unknown): GraphError | null {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return null;
  const fields = error as Record<string, unknown>;
  const said = typeof fields['error_user_msg'] === 'string' && fields['error_user_msg'] !== '' ? fields['error_user_msg'] : fields['message'];
  const flat = typeof said === 'string' ? said.replace(/\s+/g, ' ').trim() : '';
  return {
    message: flat.length > 300 ? `${flat.slice(0, 299)}…` : flat,
    code: typeof fields['code'] === 'number' ? fields['code'] : null,
    subcode: typeof fields['error_subcode'] === 'number' ? fields['error_subcode'] : null,
    transient: fields['is_transient'] === true,
  };
}

export function dailyLimitReached(network: string, waitMs: number): PublishFailure {
  return new PublishFailure(
    'retryable',
    'daily_limit_reached',
    `${network} allows only so many posts a day from apps, and this account has used them up. Spheres posts it once ${network} allows again.`,
    { retryAfterMs: waitMs },
  );
}

/** A Graph answer that is not a success, as what it means for the post. */
export function metaHttpFailure(network: string, status: number, headers: Headers, body: unknown, now: Date): PublishFailure {
  const error = graphErrorOf(body);
  const waitMs = retryAfterMs(headers, now);
  const extra = { status, ...(waitMs === null ? {} : { retryAfterMs: waitMs }) };
  if (error !== null) {
    if (error.code === 190 || status === 401) return classifyHttpStatus(401, network, waitMs);
    if (error.subcode === DAILY_LIMIT_SUBCODE) return dailyLimitReached(network, waitMs ?? DAILY_LIMIT_RETRY_MS);
    if (error.code !== null && RATE_LIMIT_CODES.has(error.code)) return classifyHttpStatus(429, network, waitMs);
    if (error.subcode === NOT_READY_SUBCODE || error.transient || (error.code !== null && TRANSIENT_CODES.has(error.code)) || status >= 500) {
      return new PublishFailure('retryable', 'server_error', `${network} could not do it just now${error.message === '' ? '' : ` (${error.message})`}. Spheres tries again shortly.`, extra);
    }
    if (error.message !== '' && status >= 400 && status < 500) {
      const generic = classifyHttpStatus(status, network, waitMs);
      return new PublishFailure('permanent', generic.code, `${network} refused the post: ${error.message} (HTTP ${status}).`, extra);
    }
  }
  return classifyHttpStatus(status, network, waitMs);
}

/** An answer that said success but could not be read: what it did may well have happened. */
export function unreadableGraphAnswer(network: string, what: string, cause?: unknown): PublishFailure {
  return new PublishFailure('unknown', 'connection_lost', `${network}'s answer to ${what} could not be read; the post may have gone out. Spheres checks before sending again.`, cause === undefined ? {} : { cause });
}

export interface GraphCall {
  method: 'GET' | 'POST';
  /** Path and query after the origin: `/v1.0/123/threads?fields=…`. */
  path: string;
  /** Sent as a form, as Meta's examples do. */
  form?: Record<string, string>;
  /** What the call is doing, for the sentence when its answer cannot be read. */
  doing: string;
}

/**
 * Talks to one Meta graph host with a user token. The token goes in the Authorization header (the
 * Graph API takes it there as well as in the query), so it never sits in an address a log may keep.
 */
export class GraphClient {
  constructor(
    readonly network: string,
    readonly origin: string,
    private readonly token: string,
    private readonly options: { fetch: typeof globalThis.fetch; timeoutMs: number; now(): Date },
  ) {}

  async call(call: GraphCall): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${this.token}` };
    let body: string | undefined;
    if (call.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(call.form).toString();
    }
    const { response, text } = await requestAnswer(this.options.fetch, `${this.origin}${call.path}`, { method: call.method, headers, body }, this.network, this.options.timeoutMs);
    const answer = parseAnswer(text);
    if ('error' in answer && response.ok) throw unreadableGraphAnswer(this.network, call.doing, answer.error);
    const parsed = 'value' in answer ? answer.value : null;
    if (!response.ok || graphErrorOf(parsed) !== null) throw metaHttpFailure(this.network, response.status, response.headers, parsed, this.options.now());
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unreadableGraphAnswer(this.network, call.doing);
    return parsed as Record<string, unknown>;
  }
}

/** An id Meta answered (`{"id": "1789…"}`); Meta ids are digit strings, written as strings. */
export function idIn(body: Record<string, unknown>, network: string, doing: string): string {
  const id = body['id'];
  if (typeof id === 'string' && /^[0-9A-Za-z_-]{1,100}$/.test(id)) return id;
  throw unreadableGraphAnswer(network, doing);
}
