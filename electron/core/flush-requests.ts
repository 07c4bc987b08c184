import { randomUUID } from 'node:crypto';
import type { EventBus } from './events';

/**
 * "Save what you hold, then tell me": before a window closes or the app quits, the host asks the
 * renderer (event `app.flushRequested`) and waits for its answer (method `app.flushed`). The
 * renderer's last edits live only in its memory until its autosave timer fires, so without this a
 * quit within a second of typing would lose them.
 */
export class FlushRequests {
  readonly #events: EventBus;
  readonly #newId: () => string;
  readonly #waiting = new Map<string, () => void>();

  constructor(events: EventBus, newId: () => string = randomUUID) {
    this.#events = events;
    this.#newId = newId;
  }

  /**
   * Asks every open window to save; resolves true when one has answered, false when none did
   * within `timeoutMs` (no window, or a renderer that hangs: quitting must not hang with it).
   */
  request(timeoutMs: number): Promise<boolean> {
    const requestId = this.#newId();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(requestId);
        resolve(false);
      }, timeoutMs);
      this.#waiting.set(requestId, () => {
        clearTimeout(timer);
        this.#waiting.delete(requestId);
        resolve(true);
      });
      this.#events.emit('app.flushRequested', { requestId });
    });
  }

  /** The renderer's answer; false for an id nobody is waiting for (late, or made up). */
  answer(requestId: string): boolean {
    const done = this.#waiting.get(requestId);
    if (done === undefined) return false;
    done();
    return true;
  }
}
