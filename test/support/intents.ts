import type { SendIntent } from '../../electron/core/outbox';

const AT = '2026-03-01T09:00:00.000Z';

/** A send intent as the outbox keeps it: queued, two parts, due at 2026-03-01 09:00 UTC; change what a test is about. */
export function testIntent(overrides: Partial<SendIntent> = {}): SendIntent {
  return {
    schemaVersion: 1,
    id: 'post-0001.bluesky-0123456789abcdef',
    postId: 'post-0001',
    target: { network: 'bluesky', accountId: 'bluesky:did:plc:alice' },
    idempotencyKey: 'key-00000001',
    state: 'queued',
    parts: [
      { text: 'one', key: null, remote: null },
      { text: 'two', key: null, remote: null },
    ],
    attempts: 0,
    nextAttemptAt: AT,
    error: null,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}
