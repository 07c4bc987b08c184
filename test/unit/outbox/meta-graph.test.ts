import { describe, expect, it } from 'vitest';
import { containerOfStep, stepOfContainer } from '../../../electron/core/outbox/publishers/meta-container';
import { DAILY_LIMIT_RETRY_MS, graphErrorOf, metaHttpFailure } from '../../../electron/core/outbox/publishers/meta-graph';
import { userIdInAccountId } from '../../../electron/core/outbox/publishers/meta-publisher';

const NOW = new Date('2025-03-10T09:00:00.000Z');
const error = (fields: Record<string, unknown>) => ({ error: { message: 'Something', type: 'OAuthException', fbtrace_id: 'x', ...fields } });

describe('what a Meta graph answer means for the post', () => {
  it('asks for a reconnect on an invalid token (code 190), whatever the HTTP status', () => {
    expect(metaHttpFailure('Threads', 400, new Headers(), error({ code: 190, error_subcode: 463 }), NOW)).toMatchObject({ kind: 'reconnect', code: 'reconnect_needed' });
  });

  it('reads the daily publishing limit (subcode 2207042) as daily_limit_reached, retried in an hour', () => {
    expect(metaHttpFailure('Instagram', 400, new Headers(), error({ code: 9, error_subcode: 2207042 }), NOW)).toMatchObject({
      kind: 'retryable',
      code: 'daily_limit_reached',
      retryAfterMs: DAILY_LIMIT_RETRY_MS,
    });
  });

  it('slows down on Graph rate limits (4, 17, 32, 613) and retries transient errors and a container not ready yet', () => {
    for (const code of [4, 17, 32, 613]) expect(metaHttpFailure('Threads', 400, new Headers(), error({ code }), NOW)).toMatchObject({ kind: 'retryable', code: 'rate_limited' });
    expect(metaHttpFailure('Threads', 400, new Headers(), error({ code: 2, is_transient: true }), NOW)).toMatchObject({ kind: 'retryable', code: 'server_error' });
    expect(metaHttpFailure('Instagram', 400, new Headers(), error({ code: 9007, error_subcode: 2207027 }), NOW)).toMatchObject({ kind: 'retryable', code: 'server_error' });
    expect(metaHttpFailure('Instagram', 503, new Headers({ 'retry-after': '30' }), null, NOW)).toMatchObject({ kind: 'retryable', retryAfterMs: 30_000 });
  });

  it('refuses for good with Meta\'s own words (error_user_msg first) on other 4xx answers', () => {
    expect(metaHttpFailure('Instagram', 400, new Headers(), error({ code: 100, error_user_msg: 'The caption is too long.' }), NOW)).toMatchObject({
      kind: 'permanent',
      code: 'rejected',
      message: 'Instagram refused the post: The caption is too long. (HTTP 400).',
    });
    expect(graphErrorOf({ error: 'not the graph shape' })).toBeNull();
  });
});

describe('a part\'s saved step and the account\'s Meta id', () => {
  it('keeps the container id in the step and reads nothing else as one', () => {
    expect(containerOfStep(stepOfContainer('17889615691921648'))).toBe('17889615691921648');
    expect(containerOfStep(null)).toBeNull();
    expect(containerOfStep('container:../../etc')).toBeNull();
    expect(containerOfStep('something else')).toBeNull();
  });

  it('reads the user id from the connectors\' account ids, and asks for a reconnect otherwise', async () => {
    await expect(userIdInAccountId('threads:17841400000000001')).resolves.toBe('17841400000000001');
    await expect(userIdInAccountId('instagram:17841405793187218')).resolves.toBe('17841405793187218');
    await expect(userIdInAccountId('threads:h0123abc')).rejects.toMatchObject({ kind: 'reconnect', code: 'reconnect_needed' });
  });
});
