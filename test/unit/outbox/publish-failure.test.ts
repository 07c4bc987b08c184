import { describe, expect, it } from 'vitest';
import { backoffDelayMs, classifyHttpStatus, classifyTransportError, DEFAULT_BACKOFF, retryAfterMs } from '../../../electron/core/outbox';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const headers = (entries: Record<string, string>) => new Headers(entries);

describe('what a failed publish request means', () => {
  it('retries 5xx and 429, refuses 400/403/413/422 for good, and asks for a reconnect on 401', () => {
    const kinds = [500, 502, 503, 429, 400, 403, 413, 422, 401].map((status) => {
      const failure = classifyHttpStatus(status, 'Bluesky', null);
      return [status, failure.kind, failure.code];
    });
    expect(kinds).toStrictEqual([
      [500, 'retryable', 'server_error'],
      [502, 'retryable', 'server_error'],
      [503, 'retryable', 'server_error'],
      [429, 'retryable', 'rate_limited'],
      [400, 'permanent', 'rejected'],
      [403, 'permanent', 'forbidden'],
      [413, 'permanent', 'too_large'],
      [422, 'permanent', 'rejected'],
      [401, 'reconnect', 'reconnect_needed'],
    ]);
  });

  it('reads Retry-After as seconds or a date, and a rate-limit reset as epoch seconds', () => {
    expect(retryAfterMs(headers({ 'retry-after': '30' }), NOW)).toBe(30_000);
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 01 Mar 2026 09:01:00 GMT' }), NOW)).toBe(60_000);
    expect(retryAfterMs(headers({ 'ratelimit-reset': String(NOW.getTime() / 1000 + 90) }), NOW)).toBe(90_000);
    expect(retryAfterMs(headers({}), NOW)).toBeNull();
    expect(classifyHttpStatus(429, 'Bluesky', 30_000).retryAfterMs).toBe(30_000);
  });

  it('retries a request that never connected, and treats a reset or a timeout as maybe sent', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }) });
    expect(classifyTransportError(refused, 'Bluesky', false)).toMatchObject({ kind: 'retryable', code: 'network_unreachable' });
    expect(classifyTransportError(reset, 'Bluesky', false)).toMatchObject({ kind: 'unknown', code: 'connection_lost' });
    expect(classifyTransportError(new Error('aborted'), 'Bluesky', true)).toMatchObject({ kind: 'unknown', code: 'timed_out' });
    // Our own deadline firing while connecting is still a deadline: the request may have left.
    expect(classifyTransportError(refused, 'Bluesky', true).kind).toBe('unknown');
  });

  it('backs off exponentially with jitter, up to the cap', () => {
    const policy = { ...DEFAULT_BACKOFF, baseMs: 1_000, capMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6, 40].map((attempt) => backoffDelayMs(attempt, () => 0, policy))).toStrictEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, () => 0.999_999, policy))).toStrictEqual([1_000, 2_000, 4_000, 8_000, 10_000]);
    expect(backoffDelayMs(1, () => 0, policy, 120_000)).toBe(120_000);
  });
});
