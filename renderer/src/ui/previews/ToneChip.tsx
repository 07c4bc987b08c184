import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tone } from '../../../../common/domain';
import { TONE_STYLE } from '../tone-style';

/** The post's tone in its colour, with its name (the colour is never the only signal). */
export const ToneChip = memo(function ToneChip({ tone }: Readonly<{ tone: Tone | null }>) {
  const { t } = useTranslation();
  if (tone === null) {
    return (
      <span
        data-tone="none"
        className="inline-flex items-center gap-1.5 rounded-full border border-dashed border-zinc-400 px-2 py-0.5 text-xs text-zinc-600 dark:border-zinc-500 dark:text-zinc-300"
      >
        {t('previews.toneMissing')}
      </span>
    );
  }
  return (
    <span data-tone={tone} className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium ${TONE_STYLE[tone].chip}`}>
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${TONE_STYLE[tone].swatch}`} />
      <span className="sr-only">{t('previews.tonePrefix')} </span>
      {t(`tone.${tone}`)}
    </span>
  );
});
