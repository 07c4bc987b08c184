import { classifyHttpStatus, PublishFailure, retryAfterMs } from '../publish-failure';
import { parseAnswer, requestAnswer } from './http-answer';

/** One request may take this long before its outcome counts as unknown. */
export const X_REQUEST_TIMEOUT_MS = 30_000;

/** X's answer to a second post with the same text (https://docs.x.com/x-api/posts/create-post, 403). */
const DUPLICATE = /duplicate content/i;

export interface XAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface XCall {
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  form?: FormData;
  /** The rate-limit window this request counts against (X keeps one per endpoint and user). */
  window: string;
  /** What the call is doing, for the sentence when its answer cannot be read. */
  doing: string;
}

/** What X's last answer on a window said: requests left and when the window resets (ms). */
interface WindowState {
  remaining: number;
  resetAt: number;
}

/** X refused a post as one it already has: the caller finds it instead of sending a variant. */
export class XDuplicateContent extends Error {
  constructor() {
    super('X already has a post with this text from this account.');
    this.name = 'XDuplicateContent';
  }
}

/**
 * How long X asks us to wait: Retry-After when given, else `x-rate-limit-reset`, epoch seconds
 * (https://docs.x.com/fundamentals/rate-limits). Null when neither says.
 */
export function xWaitMs(headers: { get(name: string): string | null | undefined }, now: Date): number | null {
  const said = retryAfterMs(headers, now);
  if (said !== null) return said;
  const reset = headers.get('x-rate-limit-reset')?.trim();
  return reset !== undefined && /^\d+$/.test(reset) ? Math.max(0, Number(reset) * 1000 - now.getTime()) : null;
}

/** X's own reason from an error body: a problem (`detail`/`title`) or the older `errors[].message`. */
export function xReason(body: unknown): string | null {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errors = Array.isArray(record['errors']) ? (record['errors'] as unknown[]) : [];
  const first = errors[0] as { message?: unknown; detail?: unknown } | undefined;
  const said = [record['detail'], first?.message, first?.detail, record['title']].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  if (said === undefined) return null;
  const flat = said.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

/**
 * An X answer that is not a success, as what it means for the post: 401 → reconnect; 429 →
 * retryable after the window's reset; 5xx → retryable; 400/403 → permanent with X's reason.
 * A 403 for duplicate content is not a failure of the post: it is thrown as XDuplicateContent.
 */
export function xHttpFailure(status: number, headers: { get(name: string): string | null | undefined }, body: unknown, now: Date): PublishFailure | XDuplicateContent {
  const reason = xReason(body);
  if (status === 403 && reason !== null && DUPLICATE.test(reason)) return new XDuplicateContent();
  const generic = classifyHttpStatus(status, 'X', xWaitMs(headers, now));
  if (generic.kind !== 'permanent' || reason === null) return generic;
  const extra = { status, ...(generic.retryAfterMs === undefined ? {} : { retryAfterMs: generic.retryAfterMs }) };
  return new PublishFailure('permanent', generic.code, `X refused the post: ${reason} (HTTP ${status}).`, extra);
}

/** An answer that said success but could not be read: the post may well be there. */
export function unreadableAnswer(what: string, cause?: unknown): PublishFailure {
  return new PublishFailure('unknown', 'connection_lost', `X's answer to ${what} could not be read; the post may have gone out. Spheres checks before sending again.`, cause === undefined ? {} : { cause });
}

/**
 * Talks to X's API for one account's token. Every failure comes back as a PublishFailure (or
 * XDuplicateContent); the rate-limit headers of every answer are remembered per window, so a send
 * on a window X said is used up waits for its reset instead of being refused.
 */
export class XClient {
  constructor(
    readonly origin: string,
    private readonly token: string,
    private readonly windows: Map<string, WindowState>,
    private readonly options: { fetch: typeof globalThis.fetch; timeoutMs: number; now(): Date },
  ) {}

  /**
   * When X said the window has no requests left and it has not reset yet: a retryable failure with
   * the wait, thrown before anything is sent. X counts a refused request too, so sending anyway only
   * earns a 429.
   */
  checkWindow(window: string): void {
    const state = this.windows.get(window);
    const now = this.options.now().getTime();
    if (state === undefined || state.remaining > 0 || state.resetAt <= now) return;
    throw new PublishFailure('retryable', 'rate_limited', 'X allows no more posts from this account until its limit resets. The post goes out then.', { retryAfterMs: state.resetAt - now });
  }

  /** The answer when its status is one of `accept`; anything else is thrown. */
  async call(call: XCall, accept: readonly number[] = [200]): Promise<XAnswer> {
    this.checkWindow(call.window);
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${this.token}` };
    let body: string | FormData | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.form !== undefined) {
      body = call.form;
    }
    const { response, text } = await requestAnswer(this.options.fetch, `${this.origin}${call.path}`, { method: call.method, headers, body }, 'X', this.options.timeoutMs);
    this.#remember(call.window, response.headers);
    const answer = parseAnswer(text);
    if ('error' in answer && accept.includes(response.status)) throw unreadableAnswer(call.doing, answer.error);
    const parsed = 'value' in answer ? answer.value : null;
    if (!accept.includes(response.status)) {
      const failure = xHttpFailure(response.status, response.headers, parsed, this.options.now());
      // Only a post can be a duplicate; anywhere else the 403 is what it says.
      throw failure instanceof XDuplicateContent && call.path !== '/2/tweets' ? classifyHttpStatus(403, 'X', null) : failure;
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  #remember(window: string, headers: Headers): void {
    const remaining = headers.get('x-rate-limit-remaining')?.trim();
    const reset = headers.get('x-rate-limit-reset')?.trim();
    if (remaining === undefined || reset === undefined || !/^\d+$/.test(remaining) || !/^\d+$/.test(reset)) return;
    this.windows.set(window, { remaining: Number(remaining), resetAt: Number(reset) * 1000 });
  }
}
