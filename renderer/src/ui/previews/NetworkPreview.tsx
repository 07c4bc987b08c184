import { useTranslation } from 'react-i18next';
import { memo, useId, useMemo, useState } from 'react';
import { NETWORK_INFO, THREADS_MAX_TOPIC_TAGS, type NetworkAnalysis, type NetworkId, type PostPart } from '../../../../common/networks';
import { FACEBOOK_LARGE_TEXT_MAX_CHARACTERS, FOLDS, foldIndex } from '../../../../common/networks/folds';
import { FeedPosts, type PreparedPost } from './FeedPost';
import { FoldSwitch } from './FoldSwitch';
import { Icon } from './icons';
import { NETWORK_LOOK } from './network-look';
import { PreviewFooter } from './PreviewFooter';
import { buildSegments, collectEntities } from './text-segments';
import { ToneChip } from './ToneChip';
import type { NetworkPreviewProps } from './types';

/**
 * A preview shows what a person can read before posting, not a million characters: past these
 * caps it says how much more there is. (Pasting 1 MB must not freeze the composer.)
 */
export const MAX_PREVIEW_POSTS = 25;
export const MAX_PREVIEW_CHARACTERS = 10_000;

/**
 * One network's preview: the post (or thread) as that network's feed shows it, where the feed
 * folds it, what goes past the limit, and what the rules found. Memoized: the composer renders
 * every card on every keystroke and only cards whose props changed do any work.
 */
export const NetworkPreview = memo(function NetworkPreview({ network, text, analysis, images, tone, author, onFocusRequest }: NetworkPreviewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [collapsed, setCollapsed] = useState(true);
  const headingId = useId();
  const look = NETWORK_LOOK[network];
  const info = NETWORK_INFO[network];

  const fold = useMemo(() => feedFold(network, text, analysis), [network, text, analysis]);
  const shownParts = analysis.parts.slice(0, MAX_PREVIEW_POSTS);
  const lastPart = shownParts[shownParts.length - 1];
  const shownEnd =
    lastPart === undefined
      ? 0
      : shownParts.length === 1
        ? Math.min(lastPart.end, text.length, lastPart.start + MAX_PREVIEW_CHARACTERS)
        : Math.min(lastPart.end, text.length);
  const plainMentions = info.typedMentionsLink === false;
  const { posts, typedMentions } = useMemo(() => {
    const shownText = text.slice(0, shownEnd);
    const entities = collectEntities(shownText, analysis.links.filter((link) => link.end <= shownEnd));
    const maxHashtags = network === 'threads' ? THREADS_MAX_TOPIC_TAGS : undefined;
    const prepared: PreparedPost[] = analysis.parts.slice(0, MAX_PREVIEW_POSTS).map((part) => ({
      segments: buildSegments(shownText, entities, part.start, Math.min(part.end, shownEnd), {
        fold,
        overflow: overflowOf(part, analysis, info.threads),
        maxHashtags,
        plainMentions,
      }),
      suffix: part.text.length > part.end - part.start ? part.text.slice(part.end - part.start) : undefined,
      length: part.length,
    }));
    return { posts: prepared, typedMentions: entities.some((entity) => entity.kind === 'mention') };
  }, [network, text, analysis, fold, info.threads, shownEnd, plainMentions]);
  const hiddenPosts = analysis.parts.length - shownParts.length;
  const hiddenCharacters = shownParts.length === 1 && lastPart !== undefined ? Math.min(lastPart.end, text.length) - shownEnd : 0;

  const foldLabel = fold === undefined ? undefined : ((t('previews.folds', { returnObjects: true }) as Partial<Record<NetworkId, string>>)[network] ?? FOLDS[network]?.label);
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
          <span className="sr-only">{t('previews.previewOf', { network: info.name })}</span>
          <span aria-hidden="true">{info.name}</span>
        </h3>
        <ToneChip tone={tone} />
        <span className="ml-auto flex items-center gap-2">
          {foldLabel !== undefined && <FoldSwitch checked={collapsed} label={t('previews.showAsFeed')} onChange={setCollapsed} />}
          {onFocusRequest !== undefined && (
            <button
              type="button"
              aria-label={t('previews.focusOn', { network: info.name })}
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
          t={t}
          language={language}
          foldLabel={foldLabel}
          collapsed={collapsed}
          textClassName={large ? 'text-2xl leading-8' : look.text}
        />
      </div>
      {plainMentions && typedMentions && (
        <p data-hint="mentions" className="px-4 pb-2 text-xs text-zinc-600 dark:text-zinc-400">
          {t('previews.mentionsNotLinked', { network: info.name })}
        </p>
      )}
      {(hiddenPosts > 0 || hiddenCharacters > 0) && (
        <p className="px-4 pb-2 text-xs text-zinc-600 dark:text-zinc-400">
          {hiddenPosts > 0
            ? t('previews.trimmedPosts', { shown: shownParts.length, count: analysis.parts.length })
            : t('previews.trimmedCharacters', { shown: MAX_PREVIEW_CHARACTERS, count: hiddenCharacters + MAX_PREVIEW_CHARACTERS })}
        </p>
      )}
      <PreviewFooter analysis={analysis} t={t} language={language} />
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
