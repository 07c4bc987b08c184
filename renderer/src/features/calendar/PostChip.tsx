import { memo, type DragEvent } from 'react';
import type { Post, Tone } from '../../../../common/domain';
import { calendarStatusOf, calendarTimeOf, type CalendarStatus } from '../../../../common/tone';
import { type CalendarLocale, NetworkMarks, networksOf, TONE_STYLE } from '../../ui';
import { chipPrefix, postExcerpt, type ToneName } from './labels';
import { NETWORK_INFO } from '../../../../common/networks';
import { PostTooltip, usePostTooltip } from './PostTooltip';

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

/** Network marks a month chip has room for beside its time; the rest are "+N" (and named to screen readers). */
const LINE_MARKS = 2;

export const PostChip = memo(function PostChip({ post, zone, locale, toneName, selected, layout, onSelect, onOpen }: Readonly<PostChipProps>) {
  const status = calendarStatusOf(post.status);
  const movable = status !== 'published' && post.status !== 'publishing';
  // The full text on hover and on focus: a month chip only has room for its first words.
  const tip = usePostTooltip();
  const onDragStart = (event: DragEvent<HTMLButtonElement>): void => {
    tip.hide();
    event.dataTransfer.setData(POST_DRAG_TYPE, post.id);
    event.dataTransfer.setData('text/plain', post.id);
    event.dataTransfer.effectAllowed = 'move';
  };
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
        {...tip.triggerProps}
        onClick={(event) => {
          event.stopPropagation();
          onSelect(post);
        }}
        onDoubleClick={() => onOpen(post.id)}
        onDragStart={movable ? onDragStart : undefined}
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
            <span className="w-full break-words">{postExcerpt(post, 90) || locale.t('calendar.noText')}</span>
          </>
        ) : (
          // A month holds up to 126 of these: the time and network marks on one line, the first words under them.
          <>
            <span className="sr-only">{chipPrefix(locale, toneName, post)}</span>{' '}
            <span data-chip-head className="flex min-w-0 items-center gap-1">
              {/* The tick beside the fill: colour is never the only sign that a post went out. */}
              {status === 'published' && <StatusGlyph status="published" size={10} />}
              <span className="shrink-0 font-semibold tabular-nums">{locale.timeCompact(calendarTimeOf(post), zone)}</span>{' '}
              <NetworkMarks networks={networks.slice(0, LINE_MARKS)} decorative={false} />
              {networks.length > LINE_MARKS && (
                <>
                  {' '}
                  <span aria-hidden="true" className="shrink-0 text-[10px] font-semibold">
                    +{locale.number(networks.length - LINE_MARKS)}
                  </span>{' '}
                  <span className="sr-only">{networks.slice(LINE_MARKS).map((network) => NETWORK_INFO[network].name).join(' ')}</span>
                </>
              )}
            </span>{' '}
            <span data-chip-text className="line-clamp-2 min-w-0 break-words">
              {postExcerpt(post, 60) || locale.t('calendar.noText')}
            </span>
          </>
        )}
      </button>
      {tip.place !== null && <PostTooltip id={tip.id} place={tip.place} post={post} zone={zone} locale={locale} toneName={toneName} />}
    </>
  );
});
