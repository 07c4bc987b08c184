import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../common/api';

export type ToneSuggestionView = NonNullable<MethodOutput<'tone.suggest'>>;

/** Waits for a pause in typing: the suggestion follows the text, not every keystroke. */
const PAUSE_MS = 300;

/** The suggester's tone for the text being written, from the core (it runs on this device only); null while there is nothing to suggest. */
export function useToneSuggestion(text: string): ToneSuggestionView | null {
  const [suggestion, setSuggestion] = useState<ToneSuggestionView | null>(null);
  useEffect(() => {
    let live = true;
    if (text.trim() === '') {
      const clear = setTimeout(() => live && setSuggestion(null), 0);
      return () => {
        live = false;
        clearTimeout(clear);
      };
    }
    const timer = setTimeout(() => {
      window.spheres.tone.suggest({ text }).then(
        (next) => live && setSuggestion(next),
        // A suggestion is help, not data: when it cannot be had, the chip just stays away.
        () => live && setSuggestion(null),
      );
    }, PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return suggestion;
}
