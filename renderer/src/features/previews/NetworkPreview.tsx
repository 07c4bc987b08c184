import { memo, useId, useMemo, useState } from 'react';
import { NETWORK_INFO, THREADS_MAX_TOPIC_TAGS, type NetworkAnalysis, type NetworkId, type PostPart } from '../../../../common/networks';
import { FACEBOOK_LARGE_TEXT_MAX_CHARACTERS, FOLDS, foldIndex } from '../../../../common/networks/folds';
import { FeedPosts, type PreparedPost } from './FeedPost';
import { FoldSwitch } from './FoldSwitch';
import { Icon } from './icons';
import { NETWORK_LOOK } from './network-look';
import { PreviewFooter } from './PreviewFooter';
import { fill, usePreviewStrings } from './strings';
import { buildSegments, collectEntities } from './text-segments';
import { ToneChip } from './ToneChip';
import type { NetworkPreviewProps } from './types';

/**
 * One network's preview: the post (or thread) as that network's feed shows it, where the feed
 * folds it, what goes past the limit, and what the rules found. Memoized: the composer renders
 * every card on every keystroke and only cards whose props changed do any work.
 */
export const NetworkPreview = memo(function NetworkPreview({ network, text, analysis, images, tone, author, onFocusRequest }: NetworkPreviewProps) {
  const { strings, language } = usePreviewStrings();
  const [collapsed, setCollapsed] = useState(true);
  const headingId = useId();
  const look = NETWORK_LOOK[network];
  const info = NETWORK_INFO[network];

  const fold = useMemo(() => feedFold(network, text, analysis), [network, text, analysis]);
  const posts = useMemo<PreparedPost[]>(() => {
    const entities = collectEntities(text, analysis.links);
    const maxHashtags = network === 'threads' ? THREADS_MAX_TOPIC_TAGS : undefined;
    return analysis.parts.map((part) => ({
      segments: buildSegments(text, entities, part.start, Math.min(part.end, text.length), {
        fold,
        overflow: overflowOf(part, analysis, info.threads),
        maxHashtags,
      }),
      suffix: part.text.length > part.end - part.start ? part.text.slice(part.end - part.start) : undefined,
      length: part.length,
    }));
  }, [network, text, analysis, fold, info.threads]);

  const foldLabel = fold === undefined ? undefined : (strings.folds[network] ?? FOLDS[network]?.label);
  // Facebook sets short text-only posts in a larger type (see folds.ts).
  const large = network === 'facebook' && images.length === 0 && text.trim() !== '' && text.length <= FACEBOOK_LARGE_TEXT_MAX_CHARACTERS;

  return (
    <article
      aria-labelledby={headingId}
      data-network={network}
      className="flex flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900">
        <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${look.accent}`} />
        <h3 id={headingId} className="text-sm font-semibold">
          <span className="sr-only">{fill(strings.previewOf, { network: info.name })}</span>
          <span aria-hidden="true">{info.name}</span>
        </h3>
        <ToneChip tone={tone} strings={strings} />
        <span className="ml-auto flex items-center gap-2">
          {foldLabel !== undefined && <FoldSwitch checked={collapsed} label={strings.showAsFeed} onChange={setCollapsed} />}
          {onFocusRequest !== undefined && (
            <button
              type="button"
              aria-label={fill(strings.focusOn, { network: info.name })}
              onClick={() => onFocusRequest(network)}
              className="rounded-md p-1 text-zinc-600 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              <Icon name="focus" size={16} />
            </button>
          )}
        </span>
      </header>
      <div className={`flex-1 px-4 py-3 ${look.card}`}>
        <FeedPosts
          network={network}
          look={look}
          posts={posts}
          limit={analysis.limit}
          images={images}
          author={author}
          strings={strings}
          language={language}
          foldLabel={foldLabel}
          collapsed={collapsed}
          textClassName={large ? 'text-2xl leading-8' : look.text}
        />
      </div>
      <PreviewFooter analysis={analysis} strings={strings} language={language} />
    </article>
  );
});

/** Where the feed folds the text; threads never fold, and X folds only a single post past 280. */
function feedFold(network: NetworkId, text: string, analysis: NetworkAnalysis): number | undefined {
  if (analysis.parts.length > 1) return undefined;
  if (network === 'x' && analysis.length <= analysis.limit) return undefined;
  return foldIndex(text, FOLDS[network]);
}

/** Where this post goes past the limit: networks that do not thread mark the whole overflow. */
function overflowOf(part: PostPart, analysis: NetworkAnalysis, threads: boolean): number | undefined {
  if (part.overflowStart !== undefined) return part.overflowStart;
  return threads ? undefined : analysis.overflow?.start;
}
