import type { AppError } from '../../../../common/api';
import { accountError } from '../account-error';

/** fetch, injectable so tests can count calls; the real one in the app. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded, as OAuth token endpoints expect (RFC 6749 §4.1.3). */
  form?: Record<string, string | undefined>;
  json?: unknown;
  /** Shown in errors: "X", "mastodon.social". Never the URL's query, which can hold a token. */
  serverName: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or null when the body was empty or not JSON. */
  body: unknown;
  contentType: string;
}

export const DEFAULT_HTTP_TIMEOUT_MS = 20_000;

/**
 * One request with a deadline. A server that accepts the connection and then says nothing gets a
 * clear `server_unreachable` after the deadline; so does a refused connection or an unknown host.
 * Error messages name the server, never the request or response body (they can carry tokens).
 */
export async function requestJson(fetchImpl: FetchLike, url: string | URL, request: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.form !== undefined) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(request.form)) if (value !== undefined) form.set(key, value);
    body = form.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetchImpl(url, { method: request.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal, redirect: 'error' });
  } catch (error) {
    throw transportError(error, request, timeout.aborted, timeoutMs);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw transportError(error, request, timeout.aborted, timeoutMs);
  }
  const contentType = response.headers.get('content-type') ?? '';
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  return { status: response.status, body: parsed, contentType };
}

function transportError(error: unknown, request: HttpRequest, timedOut: boolean, timeoutMs: number): Error {
  return describeTransportFailure(error, request.serverName, { cancelled: request.signal?.aborted === true, timedOut, timeoutMs });
}

/**
 * A failed request as a sentence a person can act on: cancelled, timed out, unknown host, refused,
 * bad certificate. It names the server only, never the request (it can carry a password or token).
 */
export function describeTransportFailure(error: unknown, serverName: string, how: { cancelled: boolean; timedOut: boolean; timeoutMs: number }): AppError {
  if (how.cancelled) {
    return accountError('auth_cancelled', `Talking to ${serverName} was cancelled. Nothing was connected.`);
  }
  if (how.timedOut) {
    const seconds = Math.max(1, Math.round(how.timeoutMs / 1000));
    return accountError(
      'server_unreachable',
      `${serverName} did not answer within ${seconds} ${seconds === 1 ? 'second' : 'seconds'}. Check your internet connection and try again later; nothing was changed.`,
    );
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  const reason =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'its address could not be found'
      : code === 'ECONNREFUSED'
        ? 'it refused the connection'
        : code.startsWith('ERR_TLS') || code.startsWith('CERT_') || code.includes('CERT')
          ? 'its security certificate is not valid'
          : 'the connection failed';
  return accountError('server_unreachable', `Spheres could not reach ${serverName}: ${reason}. Check the address and your internet connection, then try again.`, code === '' ? undefined : { reason: code });
}

/** Reads the `error` / `error_description` of an OAuth error response (RFC 6749 §5.2), if any. */
export function oauthErrorOf(body: unknown): { error: string; description: string | null } | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  if (typeof record['error'] !== 'string') return null;
  const description = typeof record['error_description'] === 'string' ? record['error_description'].slice(0, 300) : null;
  return { error: record['error'], description };
}
