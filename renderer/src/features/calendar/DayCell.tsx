import { memo, type DragEvent } from 'react';
import type { Post } from '../../../../common/domain';
import { EMPTY_MIX, type CalendarDay, type Day } from '../../../../common/tone';
import { dayNumber } from './grid-helpers';
import { dayLabel, type ToneName } from './labels';
import { type CalendarLocale, MixBar } from '../../ui';
import { POST_DRAG_TYPE, PostChip } from './PostChip';

/** Chips a month cell shows before "+N": a busy day stays one cell tall, the day panel has the rest. */
const CHIPS_PER_DAY = 3;

/** A quiet stretch is shaded with fine diagonal lines, visible on white, on weekends and in dark mode. */
const QUIET = 'bg-[repeating-linear-gradient(135deg,transparent_0_9px,rgb(113_113_122/0.12)_9px_10px)]';

export interface DayCellProps {
  readonly layout: 'month' | 'week';
  readonly locale: CalendarLocale;
  readonly toneName: ToneName;
  readonly zone: string;
  readonly day: Day;
  readonly entry: CalendarDay<Post> | undefined;
  readonly inMonth: boolean;
  readonly today: Day;
  readonly weekend: boolean;
  readonly quiet: boolean;
  /** The quiet periods (Settings → Guardrails) this day is in, by name; absent: none. */
  readonly quietPeriod?: readonly string[] | undefined;
  readonly tabbable: boolean;
  readonly selected: boolean;
  readonly dropping: boolean;
  /** The selected post, when it is on this day (so other cells need not re-render). */
  readonly selectedPostId: string | null;
  onPickDay(day: Day, how: 'pointer' | 'keyboard'): void;
  onSelectPost(post: Post): void;
  onOpenPost(id: string): void;
  onDropPost(id: string, day: Day): void;
  onDragOverDay(day: Day | null): void;
}

/**
 * One day of the month or week grid: a gridcell named by its content (a screen-reader summary
 * first, then its chips; axe wants visible text inside a name), a drop target for chips. Memoised,
 * so moving the focus or the selection re-renders two cells, not forty-two.
 */
export const DayCell = memo(function DayCell(props: DayCellProps) {
  const { layout, locale, day, entry, inMonth, today, tabbable, selected, dropping } = props;
  const posts = entry?.posts ?? [];
  const mix = entry?.mix ?? EMPTY_MIX;
  const isToday = day === today;
  const number = dayNumber(day);
  const shown = layout === 'month' ? posts.slice(0, CHIPS_PER_DAY) : posts;

  const onDragOver = (event: DragEvent<HTMLElement>): void => {
    if (!event.dataTransfer.types.includes(POST_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (!dropping) props.onDragOverDay(day);
  };
  const onDragLeave = (event: DragEvent<HTMLElement>): void => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) props.onDragOverDay(null);
  };
  const onDrop = (event: DragEvent<HTMLElement>): void => {
    const id = event.dataTransfer.getData(POST_DRAG_TYPE);
    props.onDragOverDay(null);
    if (id === '') return;
    event.preventDefault();
    props.onDropPost(id, day);
  };

  return (
    <div
      role="gridcell"
      data-day={day}
      data-today={isToday || undefined}
      data-quiet={props.quiet || undefined}
      data-quiet-period={props.quietPeriod === undefined ? undefined : props.quietPeriod.join(', ')}
      tabIndex={tabbable ? 0 : -1}
      aria-selected={selected}
      onClick={() => props.onPickDay(day, 'pointer')}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      className={`flex min-w-0 cursor-pointer flex-col border-t border-l border-zinc-200 focus-visible:-outline-offset-2 dark:border-zinc-800 ${
        layout === 'month' ? 'min-h-28 gap-0.5 p-1' : 'min-h-96 gap-1 p-1.5'
      } ${props.weekend ? 'bg-zinc-50 dark:bg-zinc-900/70' : 'bg-white dark:bg-zinc-950'} ${props.quiet ? QUIET : ''} ${
        dropping ? 'ring-2 ring-violet-500 ring-inset' : selected ? 'ring-2 ring-zinc-500 ring-inset' : ''
      } ${layout === 'week' && isToday ? 'border-t-4 border-t-zinc-900 dark:border-t-zinc-100' : ''}`}
    >
      <span data-day-summary className="sr-only">
        {dayLabel(locale, day, mix, today)}.
        {props.quietPeriod !== undefined && ` ${locale.t('guardrails.band', { names: props.quietPeriod.join(', ') })}.`}
      </span>
      {props.quietPeriod !== undefined && (
        // One strip edge to edge, so the days of a quiet period read as one band across the row.
        <span aria-hidden="true" title={locale.t('guardrails.band', { names: props.quietPeriod.join(', ') })} className={`-mx-1 block bg-amber-400 dark:bg-amber-500 ${layout === 'week' ? '-mt-1.5 truncate px-1.5 text-[11px] font-medium text-amber-950' : '-mt-1 h-1.5'}`}>
          {layout === 'week' ? props.quietPeriod.join(', ') : null}
        </span>
      )}
      {layout === 'month' && (
        <div className="flex items-center justify-between gap-1" aria-hidden="true">
          <span
            className={`inline-flex h-6 min-w-6 items-center justify-center rounded-full px-1 text-xs tabular-nums ${
              isToday ? 'bg-zinc-900 font-bold text-white dark:bg-zinc-100 dark:text-zinc-900' : inMonth ? 'font-semibold text-zinc-900 dark:text-zinc-50' : 'text-zinc-600 dark:text-zinc-400'
            }`}
          >
            {!inMonth && number === 1 ? locale.dayShort(day) : locale.number(number)}
          </span>
          {posts.length > 0 && <span className="text-[10px] text-zinc-600 tabular-nums dark:text-zinc-400">{locale.number(posts.length)}</span>}
        </div>
      )}
      {shown.map((post, slot) => (
        // Keyed by slot: moving to another month reuses the chips' elements instead of rebuilding them.
        <PostChip
          key={slot}
          post={post}
          zone={props.zone}
          locale={locale}
          toneName={props.toneName}
          selected={props.selectedPostId === post.id}
          layout={layout === 'month' ? 'line' : 'card'}
          onSelect={props.onSelectPost}
          onOpen={props.onOpenPost}
        />
      ))}
      {posts.length > shown.length && (
        <span aria-hidden="true" className="text-[11px] font-medium text-zinc-700 dark:text-zinc-300">
          {locale.t('calendar.more', { count: locale.number(posts.length - shown.length) })}
        </span>
      )}
      {layout === 'month' && posts.length > 0 && <MixBar mix={mix} size="thin" className="mt-auto" title={locale.mixShares(mix, props.toneName)} />}
    </div>
  );
});
