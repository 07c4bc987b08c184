import type { Tone } from '../../../common/domain';

/**
 * One colour language for tone, used by the composer, the previews and the calendar:
 * private = rose, blend = violet, professional = blue (the --color-tone-* theme colours).
 */
export const TONE_STYLE: Record<Tone, { swatch: string; selected: string; chip: string; text: string }> = {
  private: {
    swatch: 'bg-tone-private',
    selected: 'bg-tone-private text-white border-tone-private',
    chip: 'bg-rose-50 text-rose-900 border-rose-300 dark:bg-rose-950 dark:text-rose-100 dark:border-rose-800',
    text: 'text-rose-700 dark:text-rose-300',
  },
  blend: {
    swatch: 'bg-tone-blend',
    selected: 'bg-tone-blend text-white border-tone-blend',
    chip: 'bg-violet-50 text-violet-900 border-violet-300 dark:bg-violet-950 dark:text-violet-100 dark:border-violet-800',
    text: 'text-violet-700 dark:text-violet-300',
  },
  professional: {
    swatch: 'bg-tone-professional',
    selected: 'bg-tone-professional text-white border-tone-professional',
    chip: 'bg-sky-50 text-sky-900 border-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:border-sky-800',
    text: 'text-sky-800 dark:text-sky-300',
  },
};
