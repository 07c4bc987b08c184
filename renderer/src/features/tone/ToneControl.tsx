import { useTranslation } from 'react-i18next';
import { TONES, type Tone } from '../../../../common/domain';
import { TONE_STYLE } from './tone-style';

/**
 * The three-way tone switch. Native radio buttons: arrow keys move between tones and screen
 * readers announce "Tone, Private, 1 of 3" without extra work.
 */
export function ToneControl({ value, onChange }: Readonly<{ value: Tone | null; onChange: (tone: Tone) => void }>) {
  const { t } = useTranslation();
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-semibold">
        {t('compose.tone')}
        {value === null && <span className="ml-2 font-normal text-zinc-600 dark:text-zinc-400">{t('compose.toneMissing')}</span>}
      </legend>
      <div className="inline-flex w-fit overflow-hidden rounded-lg border border-zinc-300 dark:border-zinc-700">
        {TONES.map((tone) => (
          <label
            key={tone}
            className={`flex cursor-pointer items-center gap-2 border-l px-4 py-2 text-sm font-medium first:border-l-0 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-violet-600 ${
              value === tone ? TONE_STYLE[tone].selected : 'border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800'
            }`}
          >
            <input
              type="radio"
              name="tone"
              value={tone}
              checked={value === tone}
              onChange={() => onChange(tone)}
              className="sr-only"
            />
            <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${value === tone ? 'bg-white' : TONE_STYLE[tone].swatch}`} />
            {t(`tone.${tone}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
