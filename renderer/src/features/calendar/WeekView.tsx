import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { EMPTY_MIX, quietStretches, weekdayOf, type Day } from '../../../../common/tone';
import { DayCell } from './DayCell';
import { quietDays } from '../../ui';
import { useGridFocus } from './grid-helpers';
import { MixBar } from '../../ui';
import type { CalendarViewProps } from './view-props';

const ROW = 'grid grid-cols-7';

/** One week, a column per day with every post as a card in time order. Same keys as the month. */
export const WeekView = memo(function WeekView(props: CalendarViewProps & { readonly days: readonly Day[]; readonly labelledBy: string }) {
  const { locale, days, calendar, today, focusedDay, focusToken, selectedDay, selectedPostId, timing, dataAt, labelledBy } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [dropDay, setDropDay] = useState<Day | null>(null);
  useGridFocus(ref, focusedDay, focusToken);
  useLayoutEffect(() => {
    if (calendar !== null) timing.committed('week', dataAt);
  }, [calendar, days, timing, dataAt]);
  const quiet = calendar === null ? new Set<Day>() : quietStretches(days, (day) => calendar.days.has(day), { today });
  const quietPeriods = useMemo(() => quietDays(props.quietBands ?? [], days, props.zone), [props.quietBands, days, props.zone]);
  const tabDay = days.includes(focusedDay) ? focusedDay : (days[0] ?? focusedDay);
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
        {days.map((day, column) => (
          <div key={column} role="columnheader" className="flex flex-col gap-1 border-t border-l border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
            <span className={`text-xs ${day === today ? 'font-bold' : 'font-medium'} text-zinc-800 dark:text-zinc-200`}>
              <span className="capitalize">{locale.weekdayShort(day)}</span> {locale.dayShort(day)}
            </span>
            <MixBar mix={calendar?.days.get(day)?.mix ?? EMPTY_MIX} size="small" title={locale.mixShares(calendar?.days.get(day)?.mix ?? EMPTY_MIX, props.toneName)} />
          </div>
        ))}
      </div>
      <div role="row" className={ROW}>
        {days.map((day, column) => {
          const entry = calendar?.days.get(day);
          return (
            <DayCell
              key={column}
              layout="week"
              locale={locale}
              toneName={props.toneName}
              zone={props.zone}
              day={day}
              entry={entry}
              inMonth
              today={today}
              weekend={weekend.has(weekdayOf(day))}
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
    </div>
  );
});
