import { memo, useId, useState, type DragEvent } from 'react';
import type { Post, Tone } from '../../../../common/domain';
import { calendarDayOf, calendarStatusOf, calendarTimeOf, type CalendarStatus } from '../../../../common/tone';
import { TONE_STYLE } from '../tone/tone-style';
import { chipPrefix, networkNames, postExcerpt, type ToneName } from './labels';
import type { CalendarLocale } from './locale';
import { NetworkMarks, networksOf } from './NetworkMarks';
import { fill } from './strings';

/** The drag payload's type: only Spheres' own chips can be dropped on a day. */
export const POST_DRAG_TYPE = 'application/x-spheres-post';

const UNTONED = {
  filled: 'bg-zinc-600 text-white border-zinc-600 dark:bg-zinc-400 dark:border-zinc-400 dark:text-zinc-950',
  light: 'bg-white text-zinc-800 border-zinc-400 dark:bg-zinc-900 dark:text-zinc-100 dark:border-zinc-500',
};

/**
 * Published posts are filled with their tone's colour, planned ones are its light chip with a
 * solid border, drafts the light chip with a dashed border; each also carries its own glyph, so
 * colour is never the only sign.
 */
export function chipStyle(tone: Tone | null, status: CalendarStatus): string {
  if (status === 'published') return tone === null ? UNTONED.filled : TONE_STYLE[tone].selected;
  const light = tone === null ? UNTONED.light : TONE_STYLE[tone].chip;
  return status === 'draft' ? `${light} border-dashed` : light;
}

const GLYPHS: Record<CalendarStatus, string> = {
  // A pencil, a clock, a tick.
  draft: 'M4 20h4L19 9l-4-4L4 16z M13.5 6.5l4 4',
  planned: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 7v5l3 2',
  published: 'M5 12.5l4.5 4.5L19 7.5',
};

export function StatusGlyph({ status, size = 12 }: Readonly<{ status: CalendarStatus; size?: number }>) {
  return (
    <svg aria-hidden="true" focusable="false" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" className="shrink-0">
      <path d={GLYPHS[status]} />
    </svg>
  );
}

export interface PostChipProps {
  post: Post;
  zone: string;
  locale: CalendarLocale;
  toneName: ToneName;
  selected: boolean;
  /** Month cells show the time and networks over the first words; the week view shows more of the text. */
  layout: 'line' | 'card';
  onSelect: (post: Post) => void;
  onOpen: (id: string) => void;
}

/** Where the tooltip stands: under the chip, or over it near the window's bottom edge (viewport pixels). */
interface TipPlace {
  readonly left: number;
  readonly top?: number;
  readonly bottom?: number;
}

const TIP_WIDTH = 320;
/** Room the tooltip wants below the chip before it opens above instead. */
const TIP_ROOM = 220;

function placeTip(chip: HTMLElement): TipPlace {
  const rect = chip.getBoundingClientRect();
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - TIP_WIDTH - 8));
  return rect.bottom + TIP_ROOM > window.innerHeight && rect.top > TIP_ROOM ? { left, bottom: window.innerHeight - rect.top + 4 } : { left, top: rect.bottom + 4 };
}

export const PostChip = memo(function PostChip({ post, zone, locale, toneName, selected, layout, onSelect, onOpen }: Readonly<PostChipProps>) {
  const status = calendarStatusOf(post.status);
  const movable = status !== 'published' && post.status !== 'publishing';
  // The full text on hover and on focus: a month chip only has room for its first words.
  const [tip, setTip] = useState<TipPlace | null>(null);
  const tipId = useId();
  const onDragStart = (event: DragEvent<HTMLButtonElement>): void => {
    setTip(null);
    event.dataTransfer.setData(POST_DRAG_TYPE, post.id);
    event.dataTransfer.setData('text/plain', post.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  const show = (event: { currentTarget: HTMLElement }): void => setTip(placeTip(event.currentTarget));
  const hide = (): void => setTip(null);
  const time = locale.time(calendarTimeOf(post), zone);
  const networks = networksOf(post);
  return (
    <>
      <button
        type="button"
        tabIndex={-1}
        draggable={movable}
        data-post-id={post.id}
        data-tone={post.tone ?? 'none'}
        data-status={status}
        aria-pressed={selected}
        aria-describedby={tip === null ? undefined : tipId}
        onClick={(event) => {
          event.stopPropagation();
          onSelect(post);
        }}
        onDoubleClick={() => onOpen(post.id)}
        onDragStart={movable ? onDragStart : undefined}
        onMouseEnter={show}
        onMouseLeave={hide}
        onFocus={show}
        onBlur={hide}
        onKeyDown={(event) => {
          // Escape dismisses the tooltip without moving focus (WCAG 1.4.13).
          if (event.key === 'Escape' && tip !== null) {
            event.stopPropagation();
            hide();
          }
        }}
        className={`flex w-full min-w-0 rounded border px-1 text-left text-[11px] leading-4 ${chipStyle(post.tone, status)} ${
          selected ? 'ring-2 ring-zinc-900 ring-offset-1 dark:ring-zinc-100 dark:ring-offset-zinc-950' : ''
        } ${movable ? 'cursor-grab' : 'cursor-default'} ${layout === 'card' ? 'flex-wrap items-center gap-1 py-1' : 'flex-col py-0.5'}`}
      >
        {layout === 'card' ? (
          <>
            <StatusGlyph status={status} />
            <span className="sr-only">{chipPrefix(locale, toneName, post)}</span>{' '}
            <span className="shrink-0 tabular-nums">{time}</span>{' '}
            <NetworkMarks networks={networks} decorative={false} />{' '}
            <span className="w-full break-words">{postExcerpt(post, 90) || locale.strings.noText}</span>
          </>
        ) : (
          // A month holds up to 126 of these: the time and network marks on one line, the first words under them.
          <>
            <span className="sr-only">{chipPrefix(locale, toneName, post)}</span>{' '}
            <span data-chip-head className="flex min-w-0 items-center gap-1">
              <span className="shrink-0 font-semibold tabular-nums">{time}</span>{' '}
              <NetworkMarks networks={networks} decorative={false} className="min-w-0 overflow-hidden" />
            </span>{' '}
            <span data-chip-text className="block min-w-0 truncate">
              {postExcerpt(post, 40) || locale.strings.noText}
            </span>
          </>
        )}
      </button>
      {tip !== null && <ChipTooltip id={tipId} place={tip} post={post} zone={zone} time={time} locale={locale} toneName={toneName} />}
    </>
  );
});

/** Tooltips show this much of a post at most: the rest of a long LinkedIn post is in the composer. */
const TIP_TEXT_MAX = 1_000;

function ChipTooltip({
  id,
  place,
  post,
  zone,
  time,
  locale,
  toneName,
}: Readonly<{ id: string; place: TipPlace; post: Post; zone: string; time: string; locale: CalendarLocale; toneName: ToneName }>) {
  const { strings } = locale;
  const text = post.text.trim();
  const planned = post.planned;
  return (
    <span
      role="tooltip"
      id={id}
      data-chip-tooltip={post.id}
      // Fixed, so the month grid's rounded, clipped border does not cut it off.
      style={{ left: place.left, top: place.top, bottom: place.bottom, maxWidth: TIP_WIDTH }}
      className="pointer-events-none fixed z-50 flex w-max flex-col gap-1 rounded-lg border border-zinc-300 bg-white p-2 text-xs text-zinc-900 shadow-lg dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <span className="font-medium">
        {strings.status[calendarStatusOf(post.status)]} · {post.tone === null ? strings.noTone : toneName(post.tone)}
      </span>
      <span className="text-zinc-700 dark:text-zinc-300">
        {fill(strings.chipTooltipHead, { date: locale.dayLong(calendarDayOf(post, zone)), time, networks: networkNames(locale, post) })}
      </span>
      {planned !== null && planned.zone !== zone && (
        <span className="text-zinc-700 dark:text-zinc-300">
          {fill(strings.plannedInZone, { time: locale.time(Date.parse(planned.at), planned.zone), zone: locale.zoneName(planned.zone) })}
        </span>
      )}
      <span data-chip-full-text className="break-words whitespace-pre-line">
        {text === '' ? strings.noText : text.length > TIP_TEXT_MAX ? `${text.slice(0, TIP_TEXT_MAX).trimEnd()}…` : text}
      </span>
    </span>
  );
}
