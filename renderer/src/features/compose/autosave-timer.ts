/**
 * When autosave writes: a short pause after the last edit, but never later than `maxWaitMs` after
 * the first edit not yet saved. A plain debounce restarts on every keystroke, so someone who types
 * without pausing would have nothing saved until they stop; the maximum wait bounds that.
 * (A trailing debounce with maxWait, as lodash's `debounce(fn, wait, { maxWait })`, in 40 lines.)
 */
export interface AutosaveTimer {
  /** An edit happened: `save` is due `delayMs` from now, or sooner if the edits started long ago. */
  touch(save: () => void): void;
  /** Forgets the save that was due; true if one was. */
  cancel(): boolean;
  /** True while a save is due. */
  readonly pending: boolean;
}

export interface AutosaveTimerOptions {
  delayMs: number;
  maxWaitMs: number;
  /** Milliseconds on a clock that never goes back; performance.now by default. */
  now?: () => number;
}

export function createAutosaveTimer({ delayMs, maxWaitMs, now = () => performance.now() }: AutosaveTimerOptions): AutosaveTimer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest edit not yet saved was made. */
  let firstEditAt: number | null = null;

  return {
    touch(save) {
      const at = now();
      firstEditAt ??= at;
      if (timer !== null) clearTimeout(timer);
      const untilMaxWait = firstEditAt + maxWaitMs - at;
      const fire = (): void => {
        timer = null;
        firstEditAt = null;
        save();
      };
      timer = setTimeout(fire, Math.max(0, Math.min(delayMs, untilMaxWait)));
    },
    cancel() {
      const was = timer !== null;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      firstEditAt = null;
      return was;
    },
    get pending() {
      return timer !== null;
    },
  };
}
