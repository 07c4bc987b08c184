/**
 * After sleep, a locked screen or a lost connection the outbox's timers may have slept through a
 * post's time or a retry; waking it makes it look again at once. index.ts calls these from
 * powerMonitor's `resume` and `unlock-screen` and from the connection coming back.
 */

/**
 * Electron's main process has no `online` event, only `net.isOnline()`; main asks it on a timer,
 * and this says when the answer turned from offline to online.
 */
export function createConnectionWatch(options: { isOnline(): boolean; backOnline(): void }): { check(): void } {
  let wasOnline = options.isOnline();
  return {
    check() {
      const online = options.isOnline();
      if (online && !wasOnline) options.backOnline();
      wasOnline = online;
    },
  };
}

/** How often main asks whether the connection is back: a post waits at most this long after it is. */
export const CONNECTION_CHECK_MS = 10_000;
