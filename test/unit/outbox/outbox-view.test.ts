import { describe, expect, it } from 'vitest';
import type { SendIntent } from '../../../electron/core/outbox';
import { entryStatus, waitOf } from '../../../electron/core/outbox/outbox-view';
import { testIntent } from '../../support/intents';

const NOW = Date.parse('2026-12-06T10:00:00.000Z');
const LATER = '2026-12-06T11:00:00.000Z';
const EARLIER = '2026-12-06T09:00:00.000Z';

/** Due before NOW unless a test says otherwise. */
const intent = testIntent;

const failure = (kind: 'retryable' | 'permanent' | 'unknown' | 'reconnect', code: string) =>
  ({ kind, code, message: 'Why, in a sentence.' }) as SendIntent['error'];

describe('what the outbox says a target waits for', () => {
  it('a scheduled target waits for its time; a due one waits for nothing', () => {
    expect(waitOf(intent({ nextAttemptAt: LATER }), NOW)).toBe('time');
    expect(waitOf(intent({ nextAttemptAt: EARLIER }), NOW)).toBeNull();
  });

  it('a target that could not reach the network waits for a connection', () => {
    for (const code of ['network_unreachable', 'timed_out', 'connection_lost']) {
      expect(waitOf(intent({ state: 'failed_retryable', attempts: 1, nextAttemptAt: LATER, error: failure('retryable', code) }), NOW)).toBe('connection');
    }
    expect(waitOf(intent({ state: 'failed_retryable', attempts: 1, nextAttemptAt: LATER, error: failure('retryable', 'server_error') }), NOW)).toBe('time');
  });

  it('a revoked account waits for a reconnect; a missed, refused or unresolved one waits for the person', () => {
    expect(waitOf(intent({ state: 'failed_retryable', attempts: 1, nextAttemptAt: null, error: failure('reconnect', 'reconnect_needed') }), NOW)).toBe('reconnect');
    expect(waitOf(intent({ state: 'failed_permanent', nextAttemptAt: null, error: failure('permanent', 'missed_its_time') }), NOW)).toBe('person');
    expect(waitOf(intent({ state: 'unknown', attempts: 5, nextAttemptAt: null, error: failure('unknown', 'timed_out') }), NOW)).toBe('person');
    expect(waitOf(intent({ state: 'published', attempts: 1, nextAttemptAt: null }), NOW)).toBeNull();
  });
});

describe('the one word for a post from its targets', () => {
  const published = intent({ state: 'published', attempts: 1, nextAttemptAt: null });
  it.each([
    ['scheduled', [intent({ nextAttemptAt: LATER }), intent({ nextAttemptAt: LATER })]],
    ['queued', [intent()]],
    ['publishing', [intent({ state: 'sending', attempts: 1, nextAttemptAt: null })]],
    ['publishing', [published, intent()]],
    ['published', [published, published]],
    ['failed', [published, intent({ state: 'failed_permanent', attempts: 1, nextAttemptAt: null, error: failure('permanent', 'rejected') })]],
    ['needs_attention', [intent({ state: 'failed_permanent', nextAttemptAt: null, error: failure('permanent', 'missed_its_time') })]],
    ['needs_attention', [published, intent({ state: 'failed_retryable', attempts: 1, nextAttemptAt: null, error: failure('reconnect', 'reconnect_needed') })]],
    ['needs_attention', [intent({ state: 'unknown', attempts: 5, nextAttemptAt: null, error: failure('unknown', 'restored_from_backup') })]],
  ] as const)('%s', (status, intents) => {
    expect(entryStatus(intents, NOW)).toBe(status);
  });
});
