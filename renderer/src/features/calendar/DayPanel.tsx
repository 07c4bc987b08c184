import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { Post } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { EMPTY_MIX, calendarStatusOf, calendarTimeOf, type CalendarDay, type Day } from '../../../../common/tone';
import { type CalendarLocale, MixBar, NetworkMarks, networksOf, TONE_STYLE } from '../../ui';
import { postExcerpt, type ToneName } from './labels';
import { StatusGlyph, chipStyle } from './PostChip';
import { PostTooltip, usePostTooltip } from './PostTooltip';

export interface DayPanelProps {
  readonly locale: CalendarLocale;
  readonly toneName: ToneName;
  readonly zone: string;
  readonly today: Day;
  readonly day: Day | null;
  readonly entry: CalendarDay<Post> | undefined;
  readonly selectedPostId: string | null;
  /** Bumped when the keyboard opened a day: focus moves into the panel. */
  readonly focusToken: number;
  onSelectPost(post: Post): void;
  onOpenPost(id: string): void;
  /** Alt+Arrow on a post: move it. */
  onMoveKey(event: KeyboardEvent<HTMLElement>, post: Post): void;
  /** Escape: back to the day in the grid. */
  onLeave(): void;
}

/** The picked day's posts with small previews: tone, status, networks, time and the start of the text. */
export const DayPanel = memo(function DayPanel(props: DayPanelProps) {
  const { locale, toneName, zone, today, day, entry, selectedPostId, focusToken } = props;
  const { t } = locale;
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    if (focusToken === 0) return;
    const target = panel.current?.querySelector<HTMLElement>(selectedPostId === null ? '[data-panel-post]' : `[data-panel-post="${selectedPostId}"]`);
    (target ?? panel.current?.querySelector<HTMLElement>('h2'))?.focus();
    // Only a new token moves focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusToken]);

  const posts = entry?.posts ?? [];
  const mix = entry?.mix ?? EMPTY_MIX;
  const title = day === null ? t('calendar.dayPanel.label') : day === today ? t('calendar.todayDate', { date: locale.dayLong(day) }) : locale.dayLong(day);

  return (
    <section
      ref={panel}
      aria-labelledby="calendar-day-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          props.onLeave();
        }
      }}
      className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h2 id="calendar-day-heading" tabIndex={-1} className="text-sm font-semibold first-letter:uppercase">
        {title}
      </h2>
      {day === null ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('calendar.dayPanel.pick')}</p>
      ) : posts.length === 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('calendar.dayPanel.empty')}</p>
      ) : (
        <>
          <p className="text-xs text-zinc-700 dark:text-zinc-300">{locale.mixSummary(mix)}</p>
          <MixBar mix={mix} size="small" />
          <ul className="flex flex-col gap-2">
            {posts.map((post) => (
              <DayPanelPost
                key={post.id}
                post={post}
                selected={selectedPostId === post.id}
                locale={locale}
                toneName={toneName}
                zone={zone}
                onSelect={props.onSelectPost}
                onOpen={props.onOpenPost}
                onMoveKey={props.onMoveKey}
              />
            ))}
          </ul>
          <p className="text-[11px] text-zinc-600 dark:text-zinc-400">{t('calendar.dayPanel.moveHint')}</p>
        </>
      )}
    </section>
  );
});

/** Where each account published the post: the links the outbox wrote back into its results. */
function publishedLinks(post: Post): { network: Post['targets'][number]['network']; url: string }[] {
  return post.results.flatMap((result) => (result.state === 'published' && result.url !== undefined ? [{ network: result.target.network, url: result.url }] : []));
}

/** Characters of a post the panel shows; a longer one shows the rest in a tooltip on hover and focus. */
const PANEL_EXCERPT = 140;

function DayPanelPost({
  post,
  selected,
  locale,
  toneName,
  zone,
  onSelect,
  onOpen,
  onMoveKey,
}: Readonly<{
  post: Post;
  selected: boolean;
  locale: CalendarLocale;
  toneName: ToneName;
  zone: string;
  onSelect(post: Post): void;
  onOpen(id: string): void;
  onMoveKey(event: KeyboardEvent<HTMLElement>, post: Post): void;
}>) {
  const { t } = locale;
  const status = calendarStatusOf(post.status);
  const networks = networksOf(post);
  const excerpt = postExcerpt(post, PANEL_EXCERPT);
  const tip = usePostTooltip();
  // Only a post the excerpt cuts short has more to show.
  const cut = excerpt !== post.text.replace(/\s+/g, ' ').trim();
  return (
    <li className={`flex flex-col gap-1.5 rounded-lg border p-2 ${selected ? 'border-zinc-900 dark:border-zinc-100' : 'border-zinc-200 dark:border-zinc-800'}`}>
      <button
        type="button"
        data-panel-post={post.id}
        aria-pressed={selected}
        onClick={() => onSelect(post)}
        {...(cut ? tip.triggerProps : {})}
        onKeyDown={(event) => {
          if (cut) tip.triggerProps.onKeyDown(event);
          onMoveKey(event, post);
        }}
        className="flex flex-col items-start gap-1.5 rounded text-left"
      >
        <span className="flex flex-wrap items-center gap-1.5 text-xs">
          <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 font-medium ${chipStyle(post.tone, status)}`}>
            <StatusGlyph status={status} />
            {post.tone === null ? t('calendar.noTone') : toneName(post.tone)}
          </span>
          <span className="text-zinc-700 dark:text-zinc-300">{t(`calendar.status.${status}`)}</span>
          <span className="text-zinc-700 tabular-nums dark:text-zinc-300">{locale.time(calendarTimeOf(post), zone)}</span>
          <NetworkMarks networks={networks} className={post.tone === null ? 'text-zinc-700 dark:text-zinc-300' : TONE_STYLE[post.tone].text} />
          <span className="text-zinc-700 dark:text-zinc-300">{networks.length === 0 ? t('calendar.noNetworks') : networks.map((network) => NETWORK_INFO[network].name).join(', ')}</span>
        </span>
        <span className="text-sm leading-snug text-zinc-900 dark:text-zinc-100">{excerpt || t('calendar.noText')}</span>
      </button>
      <div className="flex items-center justify-between gap-2">
        <span className="flex flex-wrap items-center gap-x-2 text-[11px] text-zinc-600 dark:text-zinc-400">
          {status === 'published' ? t('calendar.dayPanel.published') : ''}
          {publishedLinks(post).map((result) => (
            <a key={result.url} href={result.url} target="_blank" rel="noreferrer noopener" className="font-medium text-zinc-900 underline hover:no-underline dark:text-zinc-100">
              {t('calendar.dayPanel.openOn', { network: NETWORK_INFO[result.network].name })}
            </a>
          ))}
        </span>
        <button
          type="button"
          onClick={() => onOpen(post.id)}
          className="rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('calendar.dayPanel.open')}
        </button>
      </div>
      {cut && tip.place !== null && <PostTooltip id={tip.id} place={tip.place} post={post} zone={zone} locale={locale} toneName={toneName} />}
    </li>
  );
}
