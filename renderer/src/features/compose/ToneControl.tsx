import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TONES, type Tone } from '../../../../common/domain';
import { TONE_STYLE } from '../../ui';

/** Remembered in this browser profile only: the hint is help, not data, so losing it costs nothing. */
const HINT_SEEN_KEY = 'spheres:tone-hint-seen';

function hintSeen(): boolean {
  try {
    return window.localStorage.getItem(HINT_SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The three-way tone switch. Native radio buttons: arrow keys move between tones and screen
 * readers announce "Tone, Private, 1 of 3" without extra work. Each tone is explained in one line,
 * and the first time the composer opens a hint says what tones are for.
 */
export function ToneControl({ value, onChange }: Readonly<{ value: Tone | null; onChange: (tone: Tone) => void }>) {
  const { t } = useTranslation();
  const id = useId();
  const [showHint, setShowHint] = useState(() => !hintSeen());
  const dismissHint = (): void => {
    setShowHint(false);
    try {
      window.localStorage.setItem(HINT_SEEN_KEY, '1');
    } catch {
      // Private mode or storage refused: the hint comes back next time, nothing else is lost.
    }
  };
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-semibold">
        {t('compose.tone')}
        {value === null && <span className="ml-2 font-normal text-zinc-600 dark:text-zinc-400">{t('compose.toneMissing')}</span>}
      </legend>
      {showHint && (
        <div role="note" aria-label={t('compose.toneHintTitle')} className="flex items-start gap-3 rounded-lg border border-violet-200 bg-violet-50 p-3 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-50">
          <p className="flex-1">
            <span className="font-semibold">{t('compose.toneHintTitle')}</span> {t('compose.toneHint')}
          </p>
          <button
            type="button"
            onClick={dismissHint}
            className="shrink-0 rounded border border-violet-300 px-2 py-0.5 text-xs font-medium hover:bg-violet-100 dark:border-violet-700 dark:hover:bg-violet-900"
          >
            {t('compose.toneHintDismiss')}
          </button>
        </div>
      )}
      {/* No overflow-hidden here: it would clip the keyboard focus ring of the first and last tone. */}
      <div className="inline-flex w-fit rounded-lg border border-zinc-300 dark:border-zinc-700">
        {TONES.map((tone) => (
          <label
            key={tone}
            className={`flex cursor-pointer items-center gap-2 border-l px-4 py-2 text-sm font-medium first:rounded-l-[7px] first:border-l-0 last:rounded-r-[7px] has-[:focus-visible]:relative has-[:focus-visible]:z-10 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-violet-600 dark:has-[:focus-visible]:outline-violet-400 ${
              value === tone ? TONE_STYLE[tone].selected : 'border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800'
            }`}
          >
            <input
              type="radio"
              name="tone"
              value={tone}
              checked={value === tone}
              onChange={() => onChange(tone)}
              aria-describedby={`${id}-${tone}`}
              className="sr-only"
            />
            <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${value === tone ? 'bg-white' : TONE_STYLE[tone].swatch}`} />
            {t(`tone.${tone}`)}
          </label>
        ))}
      </div>
      <ul className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        {TONES.map((tone) => (
          <li key={tone} id={`${id}-${tone}`} className={value === tone ? 'font-medium text-zinc-900 dark:text-zinc-100' : undefined}>
            <span aria-hidden="true" className={`mr-1.5 inline-block h-2 w-2 rounded-full ${TONE_STYLE[tone].swatch}`} />
            {t(`compose.toneAbout.${tone}`)}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
