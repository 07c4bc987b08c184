import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { TONES, type Tone } from '../../../../common/domain';
import { EMPTY_MIX, monthGrid, type Day, type ToneMix } from '../../../../common/tone';
import { useGridFocus } from './grid-helpers';
import { dayLabel } from './labels';
import { MixBar } from '../../ui';
import type { CalendarViewProps } from './view-props';
import { quietDays } from '../../ui';

/** Four steps of a tone's colour by how many posts a day has: 1, 2, 3–4, 5 or more. */
const HEAT: Readonly<Record<Tone, readonly [string, string, string, string]>> = {
  private: ['bg-tone-private/30', 'bg-tone-private/55', 'bg-tone-private/80', 'bg-tone-private'],
  blend: ['bg-tone-blend/30', 'bg-tone-blend/55', 'bg-tone-blend/80', 'bg-tone-blend'],
  professional: ['bg-tone-professional/30', 'bg-tone-professional/55', 'bg-tone-professional/80', 'bg-tone-professional'],
};

/** The tone a day leans to; an even split between tones is, by definition, a blend. */
export function leaningOf(mix: ToneMix): Tone {
  const most = Math.max(...TONES.map((tone) => mix.counts[tone]));
  const leaders = TONES.filter((tone) => mix.counts[tone] === most);
  return leaders.length === 1 ? (leaders[0] as Tone) : 'blend';
}

export function heatClass(mix: ToneMix, weekend: boolean): string {
  const count = mix.total + mix.untoned;
  if (count === 0) return weekend ? 'bg-zinc-200 dark:bg-zinc-800' : 'bg-zinc-100 dark:bg-zinc-900';
  if (mix.total === 0) return 'bg-zinc-400 dark:bg-zinc-500';
  const level = count >= 5 ? 3 : count >= 3 ? 2 : count === 2 ? 1 : 0;
  return HEAT[leaningOf(mix)][level];
}

/**
 * The year as a heat-map: twelve small months, each day a square in the colour of the tone it
 * leans to and as strong as it is busy, each month with its mix. The same roving focus and keys
 * as the month view run across all twelve.
 */
export const YearView = memo(function YearView(props: CalendarViewProps & { readonly year: number; readonly onOpenMonth: (day: Day) => void }) {
  const { locale, calendar, today, focusedDay, focusToken, selectedDay, timing, dataAt, year } = props;
  const { t } = locale;
  const ref = useRef<HTMLDivElement>(null);
  useGridFocus(ref, focusedDay, focusToken);
  useLayoutEffect(() => {
    if (calendar !== null) timing.committed('year', dataAt);
  }, [calendar, year, timing, dataAt]);
  const grids = useMemo(() => Array.from({ length: 12 }, (_, index) => monthGrid(year, index + 1, locale.weekInfo.firstDay)), [year, locale.weekInfo.firstDay]);
  const quietPeriods = useMemo(
    () => quietDays(props.quietBands ?? [], grids.flatMap((grid) => grid.weeks.flatMap((week) => week.days.filter((cell) => cell.inMonth).map((cell) => cell.day))), props.zone),
    [props.quietBands, grids, props.zone],
  );
  const weekend = new Set(locale.weekInfo.weekend);
  const tabDay = focusedDay.startsWith(`${year}-`) ? focusedDay : `${year}-01-01`;

  return (
    <div ref={ref} aria-busy={calendar === null} className="grid grid-cols-2 gap-x-6 gap-y-5 md:grid-cols-3 xl:grid-cols-4">
      {grids.map((grid) => {
        const firstDay = `${year}-${String(grid.month).padStart(2, '0')}-01`;
        const monthKey = firstDay.slice(0, 7);
        const mix = calendar?.months.get(monthKey) ?? EMPTY_MIX;
        const name = locale.monthName(firstDay);
        const headingId = `calendar-year-${monthKey}`;
        return (
          <section key={monthKey} aria-labelledby={headingId} className="flex flex-col gap-1.5">
            <div className="flex items-baseline justify-between gap-2">
              <h3 id={headingId} className="text-sm font-semibold capitalize">
                <button
                  type="button"
                  onClick={() => props.onOpenMonth(firstDay)}
                  aria-label={t('calendar.heat.openMonth', { month: locale.monthYear(firstDay) })}
                  className="rounded capitalize hover:underline"
                >
                  {name}
                </button>
              </h3>
              <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{t('calendar.posts', { count: mix.total + mix.untoned })}</span>
            </div>
            <MixBar
              mix={mix}
              size="small"
              label={t('calendar.periodMix', { period: locale.monthYear(firstDay), summary: locale.mixSummary(mix) })}
              title={locale.mixShares(mix, props.toneName)}
            />
            <div role="grid" aria-label={locale.monthYear(firstDay)} onKeyDown={props.onGridKey} className="flex flex-col gap-0.5">
              <div role="row" className="grid grid-cols-7 gap-0.5">
                {grid.weeks[0]?.days.map(({ day }) => (
                  <div key={day} role="columnheader" className="text-center text-[10px] text-zinc-600 dark:text-zinc-400">
                    <span aria-hidden="true">{locale.weekdayNarrow(day)}</span>
                    <span className="sr-only">{locale.weekdayLong(day)}</span>
                  </div>
                ))}
              </div>
              {grid.weeks.map((week) => (
                <div key={week.days[0]?.day} role="row" className="grid grid-cols-7 gap-0.5">
                  {week.days.map(({ day, weekday, inMonth }) => {
                    if (!inMonth) return <div key={day} role="gridcell" className="aspect-square" />;
                    const dayMix = calendar?.days.get(day)?.mix ?? EMPTY_MIX;
                    const quietPeriod = quietPeriods.get(day);
                    const label = quietPeriod === undefined ? dayLabel(locale, day, dayMix, today) : `${dayLabel(locale, day, dayMix, today)}. ${t('guardrails.band', { names: quietPeriod.join(', ') })}`;
                    return (
                      <div
                        key={day}
                        role="gridcell"
                        data-day={day}
                        data-today={day === today || undefined}
                        data-quiet-period={quietPeriod === undefined ? undefined : quietPeriod.join(', ')}
                        tabIndex={day === tabDay ? 0 : -1}
                        aria-selected={selectedDay === day}
                        aria-label={label}
                        title={label}
                        onClick={() => props.onPickDay(day, 'pointer')}
                        className={`aspect-square cursor-pointer rounded-sm ${heatClass(dayMix, weekend.has(weekday))} ${quietPeriod === undefined ? '' : 'border-b-4 border-amber-400 dark:border-amber-500'} ${
                          day === today ? 'ring-2 ring-zinc-900 dark:ring-zinc-100' : selectedDay === day ? 'ring-2 ring-zinc-500' : ''
                        }`}
                      />
                    );
                  })}
                </div>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
});

/** The heat-map's key: the steps of one colour, from fewer posts to more. */
export function HeatLegend({ fewer, more }: Readonly<{ fewer: string; more: string }>) {
  return (
    <div className="flex items-center gap-1 text-xs text-zinc-700 dark:text-zinc-300">
      <span>{fewer}</span>
      {HEAT.blend.map((step) => (
        <span key={step} aria-hidden="true" className={`h-3 w-3 rounded-sm ${step}`} />
      ))}
      <span>{more}</span>
    </div>
  );
}
