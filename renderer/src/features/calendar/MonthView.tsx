import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { EMPTY_MIX, quietStretches, type Day, type MonthGrid } from '../../../../common/tone';
import { DayCell } from './DayCell';
import { quietDays } from '../../ui';
import { useGridFocus } from './grid-helpers';
import { MixBar } from '../../ui';
import type { CalendarViewProps } from './view-props';

const ROW = 'grid grid-cols-[3.25rem_repeat(7,minmax(0,1fr))]';

/**
 * The month as an ARIA grid: a header row of weekdays, then one row per week with its number (in
 * Danish, or wherever weeks start on Monday) and mix, and seven day cells. One cell is in the tab
 * order; arrow keys move it (see CalendarScreen), Enter opens the day. Rows and cells are keyed by
 * position, so turning the month updates elements rather than rebuilding them.
 */
export const MonthView = memo(function MonthView(props: CalendarViewProps & { readonly grid: MonthGrid; readonly labelledBy: string }) {
  const { locale, grid, calendar, today, focusedDay, focusToken, selectedDay, selectedPostId, timing, dataAt, labelledBy } = props;
  const { t } = locale;
  const ref = useRef<HTMLDivElement>(null);
  const [dropDay, setDropDay] = useState<Day | null>(null);
  useGridFocus(ref, focusedDay, focusToken);
  useLayoutEffect(() => {
    if (calendar !== null) timing.committed('month', dataAt);
  }, [calendar, grid, timing, dataAt]);

  const days = useMemo(() => grid.weeks.flatMap((week) => week.days), [grid]);
  const quiet = useMemo(
    () => (calendar === null ? new Set<string>() : quietStretches(days.map((cell) => cell.day), (day) => calendar.days.has(day), { today })),
    [calendar, days, today],
  );
  const quietPeriods = useMemo(() => quietDays(props.quietBands ?? [], days.map((cell) => cell.day), props.zone), [props.quietBands, days, props.zone]);
  const tabDay = days.some((cell) => cell.day === focusedDay) ? focusedDay : (days.find((cell) => cell.inMonth)?.day ?? grid.first);
  const weekend = new Set(locale.weekInfo.weekend);

  return (
    <div
      ref={ref}
      role="grid"
      aria-labelledby={labelledBy}
      aria-busy={calendar === null}
      onKeyDown={props.onGridKey}
      className="overflow-hidden rounded-xl border-r border-b border-zinc-200 text-sm dark:border-zinc-800"
    >
      <div role="row" className={ROW}>
        <div role="columnheader" className="border-t border-l border-zinc-200 px-1 py-1.5 text-center text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          {locale.showWeekNumbers ? t('calendar.weekColumn') : <span className="sr-only">{t('calendar.weekColumn')}</span>}
        </div>
        {grid.weeks[0]?.days.map(({ day }, column) => (
          <div key={column} role="columnheader" className="border-t border-l border-zinc-200 px-1 py-1.5 text-center text-xs font-medium text-zinc-700 dark:border-zinc-800 dark:text-zinc-300">
            <span aria-hidden="true">{locale.weekdayShort(day)}</span>
            <span className="sr-only">{locale.weekdayLong(day)}</span>
          </div>
        ))}
      </div>
      {grid.weeks.map((week, row) => {
        const first = week.days[0]?.day ?? grid.first;
        const mix = calendar?.weeks.get(first) ?? EMPTY_MIX;
        const name = locale.showWeekNumbers ? t('calendar.weekOf', { week: locale.number(week.isoWeek.week) }) : locale.dayShort(first);
        const count = mix.total + mix.untoned;
        return (
          <div key={row} role="row" className={ROW}>
            <div
              role="rowheader"
              aria-label={t('calendar.dayLabel', { date: name, summary: locale.mixSummary(mix) })}
              className="flex flex-col items-center gap-1 border-t border-l border-zinc-200 px-1 py-1.5 text-xs dark:border-zinc-800"
            >
              {locale.showWeekNumbers && (
                <span aria-hidden="true" className="font-semibold text-zinc-700 tabular-nums dark:text-zinc-300">
                  {locale.number(week.isoWeek.week)}
                </span>
              )}
              {count > 0 && (
                <>
                  <MixBar mix={mix} size="small" title={locale.mixShares(mix, props.toneName)} />
                  <span aria-hidden="true" className="text-[10px] text-zinc-600 tabular-nums dark:text-zinc-400">
                    {locale.number(count)}
                  </span>
                </>
              )}
            </div>
            {week.days.map(({ day, weekday, inMonth }, column) => {
              const entry = calendar?.days.get(day);
              return (
                <DayCell
                  key={column}
                  layout="month"
                  locale={locale}
                  toneName={props.toneName}
                  zone={props.zone}
                  day={day}
                  entry={entry}
                  inMonth={inMonth}
                  today={today}
                  weekend={weekend.has(weekday)}
                  quiet={quiet.has(day)}
                  quietPeriod={quietPeriods.get(day)}
                  tabbable={day === tabDay}
                  selected={selectedDay === day}
                  dropping={dropDay === day}
                  selectedPostId={selectedPostId !== null && entry?.posts.some((post) => post.id === selectedPostId) ? selectedPostId : null}
                  onPickDay={props.onPickDay}
                  onSelectPost={props.onSelectPost}
                  onOpenPost={props.onOpenPost}
                  onDropPost={props.onDropPost}
                  onDragOverDay={setDropDay}
                />
              );
            })}
          </div>
        );
      })}
    </div>
  );
});
