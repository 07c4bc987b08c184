import { describe, expect, it } from 'vitest';
import { createQuitGuard, type QuitPorts } from '../../../electron/main/quit';

/** A hand-driven promise: the test decides when the renderer answers or the core finishes. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Ports that record what happened, in order; timers fire only when the test says so. */
function harness(options: { flush?: () => Promise<boolean>; close?: () => Promise<void> } = {}) {
  const steps: string[] = [];
  const timers: Array<() => void> = [];
  const ports: QuitPorts = {
    flushWindow: async (timeoutMs) => {
      steps.push(`ask the window to save (up to ${timeoutMs} ms)`);
      const answered = await (options.flush ?? (async () => true))();
      steps.push(answered ? 'the window saved' : 'no answer from the window');
      return answered;
    },
    closeCore: async () => {
      steps.push('close the core');
      await (options.close ?? (async () => undefined))();
      steps.push('the core closed');
    },
    quit: () => void steps.push('quit'),
    wait: () => new Promise<void>((resolve) => timers.push(resolve)),
    log: (message) => void steps.push(`log: ${message}`),
  };
  const fireTimers = (): void => {
    for (const fire of timers.splice(0)) fire();
  };
  return { steps, ports, fireTimers };
}

describe('quitting the desktop app', () => {
  it('holds the quit, lets the window save, waits for the core, then quits', async () => {
    const { steps, ports } = harness();
    const guard = createQuitGuard(ports, { flushMs: 2_000, closeMs: 10_000 });
    expect(guard.beforeQuit()).toBe('hold');
    await guard.finished;
    expect(steps).toStrictEqual(['ask the window to save (up to 2000 ms)', 'the window saved', 'close the core', 'the core closed', 'quit']);
    // The quit it asks for afterwards goes through, and so do the windows' closes.
    expect(guard.beforeQuit()).toBe('let-it-happen');
    expect(guard.windowClose({ close: () => undefined })).toBe('let-it-happen');
  });

  it('runs the sequence once when quit is asked again while it saves', async () => {
    const closing = deferred();
    const { steps, ports } = harness({ close: () => closing.promise });
    const guard = createQuitGuard(ports);
    expect(guard.beforeQuit()).toBe('hold');
    const first = guard.finished;
    expect(guard.beforeQuit()).toBe('hold');
    expect(guard.finished).toBe(first);
    closing.resolve();
    await first;
    expect(steps.filter((step) => step === 'close the core' || step === 'quit')).toStrictEqual(['close the core', 'quit']);
  });

  it('never quits before the core has closed', async () => {
    const closing = deferred();
    const { steps, ports } = harness({ close: () => closing.promise });
    const guard = createQuitGuard(ports);
    guard.beforeQuit();
    await Promise.resolve();
    await Promise.resolve();
    expect(steps).not.toContain('quit');
    closing.resolve();
    await guard.finished;
    expect(steps.at(-1)).toBe('quit');
  });

  it('quits anyway when the core does not close by the deadline, and says so', async () => {
    const { steps, ports, fireTimers } = harness({ close: () => new Promise(() => undefined) });
    const guard = createQuitGuard(ports);
    guard.beforeQuit();
    await new Promise((resolve) => setImmediate(resolve));
    fireTimers();
    await guard.finished;
    expect(steps.slice(-2)).toStrictEqual(['log: quitting although closing the posts store timed out', 'quit']);
  });

  it('quits when closing the core fails, and says so', async () => {
    const { steps, ports } = harness({ close: () => Promise.reject(new Error('disk full')) });
    const guard = createQuitGuard(ports);
    guard.beforeQuit();
    await guard.finished;
    expect(steps.slice(-2)).toStrictEqual(['log: quitting although closing the posts store failed', 'quit']);
  });

  it('still closes the core when the window does not answer', async () => {
    const { steps, ports } = harness({ flush: async () => false });
    const guard = createQuitGuard(ports);
    guard.beforeQuit();
    await guard.finished;
    expect(steps).toStrictEqual(['ask the window to save (up to 2000 ms)', 'no answer from the window', 'close the core', 'the core closed', 'quit']);
  });
});

describe('closing the window', () => {
  it('holds the close until the renderer has saved, then closes the window itself', async () => {
    const answer = deferred<boolean>();
    const { steps, ports } = harness({ flush: () => answer.promise });
    const guard = createQuitGuard(ports);
    const closed = deferred();
    const window = { close: () => closed.resolve() };
    expect(guard.windowClose(window)).toBe('hold');
    // Clicking the close button again while it saves changes nothing.
    expect(guard.windowClose(window)).toBe('hold');
    answer.resolve(true);
    await closed.promise;
    expect(steps).toStrictEqual(['ask the window to save (up to 2000 ms)', 'the window saved']);
    // The close it makes itself goes through.
    expect(guard.windowClose(window)).toBe('let-it-happen');
  });

  it('closes the window even when the renderer never answers (the wait has a deadline)', async () => {
    const { ports } = harness({ flush: async () => false });
    const guard = createQuitGuard(ports);
    const closed = deferred();
    expect(guard.windowClose({ close: () => closed.resolve() })).toBe('hold');
    await closed.promise;
  });
});
