import { mastodonHttpFailure, unreadableAnswer } from './mastodon-failure';
import { parseAnswer, requestAnswer } from './http-answer';

/** One request may take this long before its outcome counts as unknown. */
export const MASTODON_REQUEST_TIMEOUT_MS = 30_000;

export interface MastodonAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface MastodonCall {
  method: 'GET' | 'POST';
  path: string;
  /** Null sends no Authorization header (a public read). */
  token: string | null;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /** What the call is doing, for the sentence when its answer cannot be read. */
  doing: string;
}

/**
 * Talks to one Mastodon server. Every failure comes back as a PublishFailure: a refused connection
 * means nothing was sent; a reset or our deadline after sending means the outcome is unknown.
 */
export class MastodonClient {
  constructor(
    readonly origin: string,
    private readonly options: { fetch: typeof globalThis.fetch; timeoutMs: number; now(): Date },
  ) {}

  /** The answer when its status is one of `accept`; anything else is thrown as a PublishFailure. */
  async call(call: MastodonCall, accept: readonly number[] = [200]): Promise<MastodonAnswer> {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.token !== null) headers['authorization'] = `Bearer ${call.token}`;
    let body: string | FormData | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.form !== undefined) {
      body = call.form;
    }
    const { response, text } = await requestAnswer(this.options.fetch, `${this.origin}${call.path}`, { method: call.method, headers, body }, 'Mastodon', this.options.timeoutMs);
    const answer = parseAnswer(text);
    if ('error' in answer && accept.includes(response.status)) throw unreadableAnswer(call.doing, answer.error);
    const parsed = 'value' in answer ? answer.value : null;
    if (!accept.includes(response.status)) throw mastodonHttpFailure(response.status, response.headers, parsed, this.options.now());
    return { status: response.status, headers: response.headers, body: parsed };
  }
}
