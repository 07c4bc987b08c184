/**
 * Quitting and closing the window without losing the last words typed. The renderer holds edits
 * in memory for up to a second before its autosave writes them, and the core keeps recent saves
 * to fold into month files on close. So before the window closes, main asks the renderer to save
 * (and waits for its answer); before the app quits, it also waits for the core to close. Each wait
 * has a deadline: a hung renderer or disk must not keep the app from quitting (what reached the
 * core is already durable; a fold cut short is redone at the next start).
 *
 * Plain functions of Electron-free ports, so tests drive them without Electron; index.ts wires
 * them to `before-quit` and the window's `close`.
 */

export const QUIT_DEADLINES = {
  /** How long the renderer gets to send what it holds. */
  flushMs: 2_000,
  /** How long pending saves and the final fold get before the app exits anyway. */
  closeMs: 10_000,
} as const;

export interface QuitPorts {
  /** Asks the open window to save what it holds; true once it answered, false at the deadline or with no window. */
  flushWindow(timeoutMs: number): Promise<boolean>;
  /** Writes pending saves and folds them (the core's close: idempotent). */
  closeCore(): Promise<void>;
  /** Lets the app quit for real (app.quit again, now let through). */
  quit(): void;
  /** Resolves after `ms`; a timer in the app, a fake one in tests. */
  wait(ms: number): Promise<void>;
  log(message: string): void;
}

/** What the event handler should do with the event it got. */
export type Decision = 'let-it-happen' | 'hold';

export interface QuitGuard {
  /** `before-quit`: hold the first time, save everything, then quit for real. */
  beforeQuit(): Decision;
  /** A window's `close`: hold the first time, let the renderer save, then close it for real. */
  windowClose(window: { close(): void }): Decision;
  /** Resolves when the quit sequence (once started) has finished; the same promise every time. */
  readonly finished: Promise<void> | null;
}

async function withDeadline(task: Promise<unknown>, ms: number, wait: (ms: number) => Promise<void>): Promise<'done' | 'timed out' | 'failed'> {
  return Promise.race([task.then(() => 'done' as const, () => 'failed' as const), wait(ms).then(() => 'timed out' as const)]);
}

export function createQuitGuard(ports: QuitPorts, deadlines: { flushMs: number; closeMs: number } = QUIT_DEADLINES): QuitGuard {
  let finished: Promise<void> | null = null;
  let readyToQuit = false;
  /** Windows whose renderer has saved for this close: their next close goes through. */
  const saved = new WeakSet<object>();
  const flushing = new WeakSet<object>();

  const shutDown = async (): Promise<void> => {
    await ports.flushWindow(deadlines.flushMs);
    const closed = await withDeadline(ports.closeCore(), deadlines.closeMs, ports.wait);
    if (closed !== 'done') ports.log(`quitting although closing the posts store ${closed}`);
    readyToQuit = true;
    ports.quit();
  };

  return {
    beforeQuit() {
      if (readyToQuit) return 'let-it-happen';
      // A second Cmd+Q while the first is saving waits for the same sequence.
      finished ??= shutDown();
      return 'hold';
    },
    windowClose(window) {
      if (readyToQuit || saved.has(window)) return 'let-it-happen';
      if (flushing.has(window)) return 'hold';
      flushing.add(window);
      void ports.flushWindow(deadlines.flushMs).finally(() => {
        flushing.delete(window);
        saved.add(window);
        window.close();
      });
      return 'hold';
    },
    get finished() {
      return finished;
    },
  };
}
