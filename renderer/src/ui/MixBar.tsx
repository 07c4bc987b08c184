import { memo } from 'react';
import { TONES } from '../../../common/domain';
import type { ToneMix } from '../../../common/tone';
import { TONE_STYLE } from './tone-style';

const HEIGHT = { thin: 'h-1', small: 'h-1.5', regular: 'h-2.5' } as const;

/**
 * A tone mix as a stacked bar: private, blend, professional from left to right, each as wide as
 * its share; grey when every post lacks a tone. With a label it is an image for screen readers;
 * without one it is decoration beside text that says the same. `title` shows counts and shares on hover.
 */
export const MixBar = memo(function MixBar({
  mix,
  label,
  size = 'small',
  className = '',
  title,
}: Readonly<{ mix: ToneMix; label?: string; size?: keyof typeof HEIGHT; className?: string; title?: string }>) {
  const a11y = label === undefined ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label };
  return (
    <div {...a11y} title={title ?? label} className={`flex w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700 ${HEIGHT[size]} ${className}`}>
      {mix.total === 0 && mix.untoned > 0 && <div className="h-full w-full bg-zinc-400 dark:bg-zinc-500" />}
      {TONES.map((tone) =>
        mix.counts[tone] === 0 ? null : (
          <div key={tone} data-tone={tone} className={`h-full ${TONE_STYLE[tone].swatch}`} style={{ width: `${mix.shares[tone] * 100}%` }} />
        ),
      )}
    </div>
  );
});
