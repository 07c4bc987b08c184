import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { NetworkLook } from './network-look';
import type { TextSegment } from './text-segments';

export type PostTextProps = Readonly<{
  segments: readonly TextSegment[];
  look: NetworkLook;
  t: TFunction;
  /** The feed's own "see more" label, when the text folds. */
  foldLabel?: string;
  /** Collapsed as the feed shows it (the rest dimmed below the fold), or expanded. */
  collapsed: boolean;
  /** Text the network adds after the writer's text (a thread's " 1/3"). */
  suffix?: string;
  /** Shown before the text, inline (Instagram's handle). */
  lead?: ReactNode;
  textClassName: string;
}>;

/**
 * The text of one post with links, mentions and hashtags in the network's look, the part past
 * the limit marked as X marks it, and the feed's fold. Everything stays readable: below the fold
 * is dimmed, never hidden.
 */
export function PostText({ segments, look, t, foldLabel, collapsed, suffix, lead, textClassName }: PostTextProps) {
  const base = `whitespace-pre-wrap break-words [overflow-wrap:anywhere] ${textClassName}`;
  const overflow = { labelled: false };
  if (foldLabel === undefined) {
    return (
      <div className={base} data-post-text="">
        {lead}
        {renderSegments(segments, look, t, overflow)}
        {suffix}
      </div>
    );
  }
  const firstBelow = segments.findIndex((s) => s.below);
  const above = firstBelow < 0 ? segments : segments.slice(0, firstBelow);
  const below = firstBelow < 0 ? [] : segments.slice(firstBelow);
  if (!collapsed) {
    return (
      <div className={base} data-post-text="">
        {lead}
        {renderSegments(above, look, t, overflow)}
        <span
          aria-hidden="true"
          data-fold-marker=""
          className="mx-px inline-block h-[1.1em] border-l-2 border-dashed border-amber-500 align-text-bottom dark:border-amber-400"
        />
        <span className="sr-only">{t('previews.foldHere')}</span>
        {renderSegments(below, look, t, overflow)}
        {suffix}
      </div>
    );
  }
  return (
    <>
      <div className={base} data-post-text="">
        {lead}
        {renderSegments(above, look, t, overflow)}
        <span data-fold-marker="" className="whitespace-nowrap font-semibold text-zinc-500 dark:text-zinc-400">
          {' '}
          {foldLabel}
        </span>
        <span className="sr-only"> {t('previews.foldAnnouncement')}</span>
      </div>
      <div data-below-fold="" className="mt-2 border-t border-dashed border-zinc-300 pt-1 dark:border-zinc-600">
        <span aria-hidden="true" className="block text-[11px] font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
          {t('previews.belowTheFold')}
        </span>
        <div data-below-text="" className={`${base} text-zinc-500 dark:text-zinc-400`}>
          {renderSegments(below, look, t, overflow, true)}
          {suffix}
        </div>
      </div>
    </>
  );
}

/**
 * Segments as elements; consecutive segments past the limit share one <mark>, and the first one
 * tells screen readers that the text is over the limit (the red is not the only signal).
 */
function renderSegments(
  segments: readonly TextSegment[],
  look: NetworkLook,
  t: TFunction,
  overflow: { labelled: boolean },
  trimLeadingSpace = false,
): ReactNode[] {
  const out: ReactNode[] = [];
  let run: ReactNode[] | null = null;
  let runStart = 0;
  const closeRun = () => {
    if (run === null) return;
    out.push(
      <mark key={`over-${runStart}`} data-overflow="" className="rounded-sm bg-red-200 text-zinc-950 dark:bg-red-900/60 dark:text-zinc-50">
        {run}
      </mark>,
    );
    run = null;
  };
  segments.forEach((segment, i) => {
    const text = trimLeadingSpace && i === 0 ? segment.text.replace(/^\s+/, '') : segment.text;
    // Keyed by position: after an edit the segments shift, and React updates them in place.
    const node = renderSegment(segment, text, look, i);
    if (segment.over) {
      if (run === null) {
        run = [];
        runStart = i;
        if (!overflow.labelled) {
          overflow.labelled = true;
          run.push(
            <span key="over-label" className="sr-only">
              {t('previews.overLimit')}{' '}
            </span>,
          );
        }
      }
      run.push(node);
    } else {
      closeRun();
      out.push(node);
    }
  });
  closeRun();
  return out;
}

/** Past the limit, links, mentions and hashtags lose their colour, as in X's composer: the red says it all. */
function renderSegment(segment: TextSegment, text: string, look: NetworkLook, key: number): ReactNode {
  switch (segment.kind) {
    case 'text':
      return text;
    case 'link':
      if (look.entity.link === '') return text;
      return (
        <a key={key} href={segment.href} target="_blank" rel="noreferrer noopener" className={segment.over ? 'underline' : look.entity.link} data-entity="link">
          {text}
        </a>
      );
    case 'mention':
    case 'hashtag':
      return (
        <span key={key} className={segment.over ? undefined : look.entity[segment.kind]} data-entity={segment.kind}>
          {text}
        </span>
      );
  }
}
