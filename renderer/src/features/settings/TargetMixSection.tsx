import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TARGET_MIX_PERIODS, TONES, defaultSettings, type Settings, type TargetMix } from '../../../../common/domain';
import { mixFromCounts, rebalanceTargetMix } from '../../../../common/tone';
import { MixBar, TONE_STYLE, useCalendarLocale } from '../../ui';

/** A slider sends a value per step; the setting is written once the hand rests. */
const COMMIT_AFTER_MS = 300;

/**
 * The tone mix the calendar measures against: three linked sliders that always add up to 100
 * (moving one shares the rest between the other two in proportion) and whether it is per week or
 * per month. Changes go out as a complete `targetMix` patch.
 */
export function TargetMixSection({ targetMix, onChange }: Readonly<{ targetMix: TargetMix; onChange: (patch: Partial<Settings>) => void }>) {
  const { t } = useTranslation();
  const locale = useCalendarLocale();
  const id = useId();
  const [draft, setDraft] = useState(targetMix);
  const [shown, setShown] = useState(targetMix);
  // A change from elsewhere (another window, a reset) replaces what is shown here.
  if (shown !== targetMix) {
    setShown(targetMix);
    setDraft(targetMix);
  }
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; mix: TargetMix } | null>(null);
  /**
   * The mix when the current slider gesture began: each step shares the rest in the proportions
   * the other two had then, so rounding does not creep in step by step.
   */
  const gesture = useRef<{ tone: (typeof TONES)[number]; from: TargetMix } | null>(null);
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });
  // Leaving the screen mid-change still saves it.
  useEffect(
    () => () => {
      if (pending.current === null) return;
      clearTimeout(pending.current.timer);
      latestOnChange.current({ targetMix: pending.current.mix });
    },
    [],
  );

  const change = (next: TargetMix, now = false): void => {
    setDraft(next);
    if (pending.current !== null) clearTimeout(pending.current.timer);
    if (now) {
      pending.current = null;
      gesture.current = null;
      onChange({ targetMix: next });
      return;
    }
    const timer = setTimeout(() => {
      pending.current = null;
      gesture.current = null;
      latestOnChange.current({ targetMix: next });
    }, COMMIT_AFTER_MS);
    pending.current = { timer, mix: next };
  };

  const toneName = (tone: (typeof TONES)[number]) => t(`tone.${tone}`);
  const summary = TONES.map((tone) => `${toneName(tone)} ${locale.percent(draft[tone])}`).join(', ');
  const fallback = defaultSettings('en').targetMix;
  const isDefault = TONES.every((tone) => draft[tone] === fallback[tone]);

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-sm font-semibold">
        {t('calendar.targetMix.heading')}
      </h2>
      <p id={`${id}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
        {t('calendar.targetMix.help')}
      </p>
      <div className="flex flex-col gap-2">
        {TONES.map((tone) => (
          <div key={tone} className="grid grid-cols-[7.5rem_1fr_3.5rem] items-center gap-3">
            <label htmlFor={`${id}-${tone}`} className="inline-flex items-center gap-1.5 text-sm">
              <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${TONE_STYLE[tone].swatch}`} />
              {toneName(tone)}
            </label>
            <input
              id={`${id}-${tone}`}
              type="range"
              min={0}
              max={100}
              step={1}
              value={draft[tone]}
              aria-valuetext={locale.percent(draft[tone])}
              aria-describedby={`${id}-help`}
              onChange={(event) => {
                if (gesture.current?.tone !== tone) gesture.current = { tone, from: draft };
                change(rebalanceTargetMix(gesture.current.from, tone, Number(event.target.value)));
              }}
              className="w-full accent-zinc-900 dark:accent-zinc-100"
            />
            <output htmlFor={`${id}-${tone}`} className="text-right text-sm tabular-nums">
              {t('calendar.targetMix.value', { percent: locale.percent(draft[tone]) })}
            </output>
          </div>
        ))}
      </div>
      <MixBar mix={mixFromCounts(draft)} size="regular" label={t('calendar.targetMix.preview', { summary })} className="max-w-md" />
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={`${id}-period`} className="text-sm font-semibold">
          {t('calendar.targetMix.period')}
        </label>
        <select
          id={`${id}-period`}
          value={draft.period}
          onChange={(event) => change({ ...draft, period: event.target.value as TargetMix['period'] }, true)}
          className="w-40 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {TARGET_MIX_PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`calendar.targetMix.periods.${period}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={isDefault}
          onClick={() => change({ ...fallback, period: draft.period }, true)}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('calendar.targetMix.reset')}
        </button>
      </div>
    </section>
  );
}
