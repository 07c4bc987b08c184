import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tone } from '../../../../common/domain';
import { TONE_STYLE } from '../../ui';
import type { ToneSuggestionView } from './use-tone-suggestion';

/** Alt+S: S for suggestion. `code`, not `key`: on a Mac Option+S types ß. */
export function isAcceptSuggestionKey(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyS';
}

/**
 * "Looks like Blend — family, conference": the suggester's tone for the text and the words that
 * drove it. It never sets the tone by itself; a click or Alt+S does. Hidden when the tone already
 * is the suggested one, or when there is nothing to suggest.
 */
export function ToneSuggestionChip({
  suggestion,
  current,
  disabled = false,
  onAccept,
}: Readonly<{ suggestion: ToneSuggestionView | null; current: Tone | null; disabled?: boolean; onAccept: (tone: Tone) => void }>) {
  const { t, i18n } = useTranslation();
  const shown = suggestion !== null && suggestion.tone !== current && !disabled ? suggestion : null;

  useEffect(() => {
    if (shown === null) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (!isAcceptSuggestionKey(event)) return;
      event.preventDefault();
      onAccept(shown.tone);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown, onAccept]);

  if (shown === null) return null;
  const tone = t(`tone.${shown.tone}`);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(shown.confidence);
  // Words, not a sentence: "family, conference" in any language.
  const reasons = shown.reasons.join(', ');
  return (
    <div role="status" aria-live="polite" className="flex w-fit items-center gap-2 text-sm">
      <button
        type="button"
        onClick={() => onAccept(shown.tone)}
        title={t('compose.suggestion.acceptTitle', { tone })}
        aria-keyshortcuts="Alt+S"
        className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 ${TONE_STYLE[shown.tone].chip} hover:brightness-95 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-600`}
      >
        <span aria-hidden="true" className={`h-2 w-2 rounded-full ${TONE_STYLE[shown.tone].swatch}`} />
        <span>
          {t('compose.suggestion.looksLike', { tone })}
          {reasons !== '' && (
            <>
              {' — '}
              <span className="text-zinc-700 dark:text-zinc-200">{reasons}</span>
            </>
          )}
        </span>
        <kbd className="rounded border border-current/40 px-1 text-[10px]">Alt+S</kbd>
      </button>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">{t('compose.suggestion.confidence', { percent })}</span>
    </div>
  );
}
