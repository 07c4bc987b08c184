import { act, render } from '@testing-library/react';
import { useReducer, type Dispatch } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { answerFlushRequests, holdUnsavedWork } from '../../../renderer/src/ui/unsaved-work';
import { createAutosaveTimer } from '../../../renderer/src/features/compose/autosave-timer';
import { draftReducer, emptyDraft, type DraftAction } from '../../../renderer/src/features/compose/draft';
import { AUTOSAVE_MAX_WAIT_MS, useDraftPersistence } from '../../../renderer/src/features/compose/use-draft-persistence';
import { inProcessApp } from '../../support/in-process-app';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('when autosave writes', () => {
  it('writes 300 ms after a single edit', () => {
    const timer = createAutosaveTimer({ delayMs: 300, maxWaitMs: 800 });
    const save = vi.fn();
    timer.touch(save);
    vi.advanceTimersByTime(299);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(timer.pending).toBe(false);
  });

  it('writes at least every 800 ms while the typing never pauses (ten keys a second for five seconds)', () => {
    const timer = createAutosaveTimer({ delayMs: 300, maxWaitMs: 800 });
    const savedAt: number[] = [];
    const save = (): void => void savedAt.push(performance.now());
    const start = performance.now();
    for (let key = 0; key < 50; key += 1) {
      timer.touch(save);
      vi.advanceTimersByTime(100);
    }
    const gaps = [savedAt[0]! - start, ...savedAt.slice(1).map((at, index) => at - savedAt[index]!)];
    expect(savedAt.length).toBeGreaterThanOrEqual(5);
    expect(gaps.every((gap) => gap <= 800)).toBe(true);
  });

  it('starts the maximum wait again after each save', () => {
    const timer = createAutosaveTimer({ delayMs: 300, maxWaitMs: 800 });
    const save = vi.fn();
    for (let key = 0; key < 8; key += 1) {
      timer.touch(save);
      vi.advanceTimersByTime(100);
    }
    expect(save).toHaveBeenCalledTimes(1);
    timer.touch(save);
    vi.advanceTimersByTime(299);
    expect(save).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('forgets a due save when cancelled, and says whether one was due', () => {
    const timer = createAutosaveTimer({ delayMs: 300, maxWaitMs: 800 });
    const save = vi.fn();
    expect(timer.cancel()).toBe(false);
    timer.touch(save);
    expect(timer.cancel()).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(save).not.toHaveBeenCalled();
  });
});

/** The composer's state and its persistence, without the rest of the screen. */
function Composer({ onDispatch }: Readonly<{ onDispatch: (dispatch: Dispatch<DraftAction>) => void }>) {
  const [draft, dispatch] = useReducer(draftReducer, emptyDraft('typed-draft'));
  useDraftPersistence(draft, dispatch, null);
  onDispatch(dispatch);
  return null;
}

/** A `window.spheres` that records the texts saved (and when); the rest answers as an empty store would. */
function recordingSpheres(): string[] {
  return recordingSpheresWithTimes().texts;
}

function recordingSpheresWithTimes(): { texts: string[]; times: number[] } {
  const texts: string[] = [];
  const times: number[] = [];
  const api = {
    posts: {
      lastDraft: async () => null,
      saveDraft: async (patch: { text?: string }) => {
        texts.push(patch.text ?? '');
        times.push(performance.now());
        return {};
      },
    },
    on: () => () => undefined,
  };
  Object.defineProperty(window, 'spheres', { value: api as unknown as SpheresApi, configurable: true });
  return { texts, times };
}

async function mountComposer(): Promise<Dispatch<DraftAction>> {
  let dispatch: Dispatch<DraftAction> | null = null;
  render(<Composer onDispatch={(next) => (dispatch = next)} />);
  // Let the (empty) last draft arrive.
  await act(async () => vi.advanceTimersByTimeAsync(0));
  if (dispatch === null) throw new Error('the composer did not render');
  return dispatch;
}

describe('the composer’s autosave', () => {
  it('saves while someone types steadily, never more than the maximum wait behind', async () => {
    const saved = recordingSpheresWithTimes();
    const dispatch = await mountComposer();
    const typed = 'Ten keys a second, and never a pause for breath.';
    const typedAt: number[] = [];
    for (let key = 1; key <= typed.length; key += 1) {
      typedAt.push(performance.now());
      act(() => dispatch({ type: 'setText', text: typed.slice(0, key) }));
      await act(async () => vi.advanceTimersByTimeAsync(100));
    }
    await act(async () => vi.advanceTimersByTimeAsync(1_000));
    expect(saved.texts.every((text) => typed.startsWith(text))).toBe(true);
    expect(saved.texts.at(-1)).toBe(typed);
    // For each keystroke: how long until a save held it.
    const behind = typedAt.map((at, index) => {
      const first = saved.texts.findIndex((text) => text.length > index);
      return saved.times[first]! - at;
    });
    expect(Math.max(...behind)).toBeLessThanOrEqual(AUTOSAVE_MAX_WAIT_MS);
  });

  it('saves at once when the page goes away (reload, closed tab)', async () => {
    const saved = recordingSpheres();
    const dispatch = await mountComposer();
    await act(async () => dispatch({ type: 'setText', text: 'Last words before the reload' }));
    window.dispatchEvent(new Event('pagehide'));
    expect(saved).toStrictEqual(['Last words before the reload']);
  });

  it('saves at once when the window is hidden', async () => {
    const saved = recordingSpheres();
    const dispatch = await mountComposer();
    await act(async () => dispatch({ type: 'setText', text: 'Switching to another app' }));
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    visibility.mockRestore();
    expect(saved).toStrictEqual(['Switching to another app']);
  });
});

describe('before the desktop window closes or the app quits', () => {
  it('answers main only after every screen has saved what it holds', async () => {
    vi.useRealTimers();
    const { core, api } = await inProcessApp();
    const order: string[] = [];
    const release = holdUnsavedWork(async () => {
      await api.posts.saveDraft({ id: 'held-draft', text: 'Typed a moment before quitting' });
      order.push('saved');
    });
    const stop = answerFlushRequests(api);
    try {
      await expect(core.requestFlush(10_000)).resolves.toBe(true);
      order.push('main heard back');
      expect(order).toStrictEqual(['saved', 'main heard back']);
      await expect(api.posts.get({ id: 'held-draft' })).resolves.toMatchObject({ text: 'Typed a moment before quitting' });
    } finally {
      stop();
      release();
      await core.close();
    }
  });
});

describe('leaving the composer while a save is on its way', () => {
  it('still writes what was typed, and touches no screen state once it is gone (as when the test page is torn down)', async () => {
    const texts: string[] = [];
    let answerFirst: (() => void) | null = null;
    const api = {
      posts: {
        lastDraft: async () => null,
        saveDraft: (patch: { text?: string }) => {
          texts.push(patch.text ?? '');
          if (texts.length > 1) return Promise.resolve({});
          return new Promise((resolve) => (answerFirst = () => resolve({})));
        },
      },
      on: () => () => undefined,
    };
    Object.defineProperty(window, 'spheres', { value: api as unknown as SpheresApi, configurable: true });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let dispatch: Dispatch<DraftAction> | null = null;
    const view = render(<Composer onDispatch={(next) => (dispatch = next)} />);
    try {
      await act(async () => vi.advanceTimersByTimeAsync(0));
      act(() => dispatch!({ type: 'setText', text: 'First half' }));
      await act(async () => vi.advanceTimersByTimeAsync(300));
      expect(texts).toStrictEqual(['First half']);
      act(() => dispatch!({ type: 'setText', text: 'First half, second half' }));
      view.unmount();
      // The page is gone before the first save answers: React may not be asked for anything now
      // (a state update reads window.event, which throws here as a torn-down page's missing window does).
      const { spheres } = window as unknown as { spheres: SpheresApi };
      vi.stubGlobal('window', {
        spheres,
        get event(): never {
          throw new ReferenceError('window is not defined');
        },
      });
      answerFirst!();
      await vi.advanceTimersByTimeAsync(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(texts).toStrictEqual(['First half', 'First half, second half']);
      expect(unhandled).toStrictEqual([]);
    } finally {
      vi.unstubAllGlobals();
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
