import { describe, expect, it } from 'vitest';
import { applyEvent, DEFAULT_BACKOFF, PublishFailure, type SendIntent } from '../../../electron/core/outbox';
import { testIntent } from '../../support/intents';

const AT = new Date('2026-03-01T09:00:00.000Z');
const half = () => 0.5;

const intent = testIntent;

function apply(from: SendIntent, event: Parameters<typeof applyEvent>[1]): SendIntent {
  const result = applyEvent(from, event);
  if (!result.ok) throw new Error(result.reason);
  return result.intent;
}

const failed = (failure: PublishFailure, attempts = 1) =>
  apply(intent({ state: 'sending', attempts }), { type: 'failed', failure, at: AT, random: half, policy: DEFAULT_BACKOFF });

describe('the publish state of one target', () => {
  it('starts an attempt: sending, one more attempt, the last error cleared', () => {
    const next = apply(intent({ state: 'failed_retryable', attempts: 2, error: { kind: 'retryable', code: 'server_error', message: 'x' } }), { type: 'start', at: AT });
    expect(next).toMatchObject({ state: 'sending', attempts: 3, error: null, nextAttemptAt: null });
  });

  it('records the chosen record key of a part, and never replaces it with another', () => {
    const keyed = apply(intent({ state: 'sending' }), { type: 'key_chosen', part: 0, key: '3abc', at: AT });
    expect(keyed.parts[0]).toStrictEqual({ text: 'one', key: '3abc', remote: null });
    expect(applyEvent(keyed, { type: 'key_chosen', part: 0, key: '3xyz', at: AT })).toStrictEqual({ ok: false, reason: 'part 1 already has its record key' });
  });

  it('is published only when every part is on the network, in order', () => {
    const sending = intent({ state: 'sending' });
    expect(applyEvent(sending, { type: 'part_published', part: 1, remote: { id: 'b' }, at: AT })).toMatchObject({ ok: false });
    const first = apply(sending, { type: 'part_published', part: 0, remote: { id: 'a' }, at: AT });
    expect(first.state).toBe('sending');
    const both = apply(first, { type: 'part_published', part: 1, remote: { id: 'b' }, at: AT });
    expect(both.state).toBe('published');
    expect(both.parts.map((part) => part.remote?.id)).toStrictEqual(['a', 'b']);
    expect(applyEvent(both, { type: 'part_published', part: 1, remote: { id: 'c' }, at: AT })).toMatchObject({ ok: false });
  });

  it('turns each kind of failure into its state', () => {
    expect(failed(new PublishFailure('retryable', 'server_error', 'm'))).toMatchObject({ state: 'failed_retryable', error: { code: 'server_error' } });
    expect(failed(new PublishFailure('permanent', 'rejected', 'm'))).toMatchObject({ state: 'failed_permanent', nextAttemptAt: null });
    expect(failed(new PublishFailure('unknown', 'timed_out', 'm')).state).toBe('unknown');
    // A lost sign-in waits for the account, not for a clock.
    expect(failed(new PublishFailure('reconnect', 'reconnect_needed', 'm'))).toMatchObject({ state: 'failed_retryable', nextAttemptAt: null });
  });

  it('waits longer after each failure, and at least as long as the server asked', () => {
    const after = (attempts: number, retryAfterMs?: number) =>
      Date.parse(failed(new PublishFailure('retryable', 'rate_limited', 'm', retryAfterMs === undefined ? {} : { retryAfterMs }), attempts).nextAttemptAt!) - AT.getTime();
    expect([after(1), after(2), after(3)]).toStrictEqual([1_500, 3_000, 6_000]);
    expect(after(1, 60_000)).toBe(60_000);
  });

  it('gives up on a retryable failure after the last attempt and says why, but never on an unknown one', () => {
    const max = DEFAULT_BACKOFF.maxAttempts;
    expect(failed(new PublishFailure('retryable', 'server_error', 'HTTP 503'), max)).toMatchObject({
      state: 'failed_permanent',
      error: { code: 'gave_up', message: `Spheres tried ${max} times and stopped. Last reason: HTTP 503` },
    });
    expect(failed(new PublishFailure('unknown', 'timed_out', 'm'), max)).toMatchObject({ state: 'unknown', nextAttemptAt: null });
  });

  it('turns a target found sending at start-up into unknown, due now', () => {
    expect(apply(intent({ state: 'sending' }), { type: 'interrupted', at: AT })).toMatchObject({ state: 'unknown', nextAttemptAt: AT.toISOString() });
  });

  it('holds a target restored from an older copy as unknown until the person looks, but leaves a published one alone', () => {
    expect(apply(intent({ state: 'sending' }), { type: 'restored', at: AT })).toMatchObject({ state: 'unknown', nextAttemptAt: null, error: { code: 'restored_from_backup' } });
    expect(applyEvent(intent({ state: 'published' }), { type: 'restored', at: AT })).toMatchObject({ ok: false });
  });

  it('retries a failed target from the queue, keeping the parts already done and their keys', () => {
    const parts = [
      { text: 'one', key: 'k1', remote: { id: 'a' } },
      { text: 'two', key: 'k2', remote: null },
    ];
    expect(apply(intent({ state: 'failed_permanent', parts }), { type: 'retry', at: AT })).toMatchObject({ state: 'queued', parts });
    expect(apply(intent({ state: 'unknown', parts, nextAttemptAt: null }), { type: 'retry', at: AT })).toMatchObject({ state: 'unknown', nextAttemptAt: AT.toISOString() });
  });

  it('refuses events a state does not take, as a value', () => {
    expect(applyEvent(intent({ state: 'published' }), { type: 'start', at: AT })).toStrictEqual({ ok: false, reason: 'a target in state published cannot take "start"' });
    expect(applyEvent(intent(), { type: 'part_published', part: 0, remote: { id: 'a' }, at: AT })).toMatchObject({ ok: false });
    expect(applyEvent(intent({ state: 'failed_permanent' }), { type: 'start', at: AT })).toMatchObject({ ok: false });
  });
});
