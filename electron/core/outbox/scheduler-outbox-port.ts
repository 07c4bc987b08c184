import type { OutboxEngine } from './outbox-engine';
import type { SchedulerOutboxPort, WaitingTarget } from './scheduler';

/**
 * The engine as the scheduler sees it. A target waits for a time exactly when it has a
 * `nextAttemptAt` (publish-state.ts clears it on start, publish, a permanent failure, a reconnect
 * and a restore); the engine's own `send` still refuses a target that is not sendable.
 */
export function outboxSchedulerPort(engine: Pick<OutboxEngine, 'list' | 'send'>): SchedulerOutboxPort {
  return {
    waiting(): WaitingTarget[] {
      return engine.list().flatMap((intent) =>
        intent.nextAttemptAt === null || intent.state === 'sending' || intent.state === 'published'
          ? []
          : [{ id: intent.id, accountId: intent.target.accountId, dueAt: new Date(intent.nextAttemptAt), notStarted: intent.attempts === 0 }],
      );
    },
    send: (id) => engine.send(id),
  };
}
