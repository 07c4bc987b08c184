import type { TFunction } from 'i18next';
import { memo, type ReactNode } from 'react';
import type { NetworkId } from '../../../../common/networks';
import { ActionBar } from './ActionBar';
import { formatCount } from './format';
import { Avatar } from './Avatar';
import { Icon } from './icons';
import { InstagramCarousel } from './InstagramCarousel';
import { MediaGrid } from './MediaGrid';
import { formatHandle, type NetworkLook } from './network-look';
import { PostText } from './PostText';
import type { TextSegment } from './text-segments';
import type { PreviewAuthor, PreviewImage } from './types';

/** One post of the text (a thread has several), ready to draw. */
export interface PreparedPost {
  readonly segments: readonly TextSegment[];
  readonly suffix?: string;
  readonly length: number;
}

export type FeedPostsProps = Readonly<{
  network: NetworkId;
  look: NetworkLook;
  posts: readonly PreparedPost[];
  limit: number;
  images: readonly PreviewImage[];
  author: PreviewAuthor;
  t: TFunction;
  language: string;
  foldLabel?: string;
  collapsed: boolean;
  textClassName: string;
}>;

/** The post (or thread) as the network's feed draws it. */
export function FeedPosts(props: FeedPostsProps) {
  return props.look.layout === 'column' ? <ColumnThread {...props} /> : <HeaderPost {...props} />;
}

/**
 * X, Bluesky, Mastodon and Threads: the avatar in a column left of the text; in a thread a line
 * runs down from each avatar to the next post's, as these networks draw reply chains.
 */
function ColumnThread({ network, look, posts, limit, images, author, t, language, foldLabel, collapsed, textClassName }: FeedPostsProps) {
  const threaded = posts.length > 1;
  // Keyed by position: after an edit the posts shift, and React updates them in place.
  const items = posts.map((post, i) => (
    <ColumnPost
      key={i}
      index={i}
      count={posts.length}
      post={post}
      network={network}
      look={look}
      limit={limit}
      images={i === 0 ? images : NO_IMAGES}
      author={author}
      t={t}
      language={language}
      foldLabel={foldLabel}
      collapsed={collapsed}
      textClassName={textClassName}
    />
  ));
  return threaded ? (
    <ol aria-label={t('previews.threadOf', { count: posts.length })} data-thread="">
      {items}
    </ol>
  ) : (
    <>{items}</>
  );
}

const NO_IMAGES: readonly PreviewImage[] = [];

type ColumnPostProps = Readonly<Omit<FeedPostsProps, 'posts'> & { index: number; count: number; post: PreparedPost }>;

/**
 * One post of a column layout. Memoized by content: while the writer types in one post of a
 * long thread, the posts whose text did not change are not drawn again.
 */
const ColumnPost = memo(function ColumnPost({
  index,
  count,
  post,
  network,
  look,
  limit,
  images,
  author,
  t,
  language,
  foldLabel,
  collapsed,
  textClassName,
}: ColumnPostProps) {
  const threaded = count > 1;
  const last = index === count - 1;
  const over = post.length > limit;
  const Item = threaded ? 'li' : 'div';
  return (
    <Item className="flex gap-3" aria-label={threaded ? t('previews.partLabel', { index: index + 1, count }) : undefined}>
      <div className="flex shrink-0 flex-col items-center">
        <Avatar name={author.name} url={author.avatarUrl} shape={look.avatarShape} size={40} />
        {!last && <span aria-hidden="true" data-thread-line="" className="mt-1 w-0.5 flex-1 rounded-full bg-zinc-300 dark:bg-zinc-700" />}
      </div>
      <div className={`min-w-0 flex-1 ${last ? '' : 'pb-5'}`}>
        <ColumnHeader network={network} author={author} t={t} />
        <PostText
          segments={post.segments}
          look={look}
          t={t}
          foldLabel={foldLabel}
          collapsed={collapsed}
          suffix={post.suffix}
          textClassName={`mt-0.5 ${textClassName}`}
        />
        <MediaGrid images={images} t={t} rounded={network === 'mastodon' ? 'rounded-lg' : 'rounded-2xl border border-zinc-200 dark:border-zinc-700'} />
        <ActionBar network={network} look={look} t={t} />
        {threaded && (
          <p data-part-count="" className={`mt-1 text-right text-xs tabular-nums ${over ? 'font-semibold text-red-700 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'}`}>
            {over && <span className="sr-only">{t('previews.overLimit')} </span>}
            {t('previews.partCount', { length: formatCount(post.length, language), limit: formatCount(limit, language) })}
          </p>
        )}
      </div>
    </Item>
  );
}, sameColumnPost);

function sameColumnPost(a: ColumnPostProps, b: ColumnPostProps): boolean {
  for (const key of Object.keys(a) as (keyof ColumnPostProps)[]) {
    if (key === 'post') continue;
    if (a[key] !== b[key]) return false;
  }
  return samePost(a.post, b.post);
}

/** Same text, same looks: segments compared by what they show, not by where they sit in the text. */
function samePost(a: PreparedPost, b: PreparedPost): boolean {
  if (a === b) return true;
  if (a.length !== b.length || a.suffix !== b.suffix || a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i]!;
    const y = b.segments[i]!;
    if (x.text !== y.text || x.kind !== y.kind || x.href !== y.href || x.below !== y.below || x.over !== y.over) return false;
  }
  return true;
}

const ColumnHeader = memo(function ColumnHeader({ network, author, t }: Readonly<{ network: NetworkId; author: PreviewAuthor; t: TFunction }>) {
  const handle = formatHandle(network, author.handle, author.server);
  const dim = 'text-zinc-500 dark:text-zinc-400';
  if (network === 'mastodon') {
    return (
      <div className="flex items-start justify-between gap-2 text-[15px] leading-5">
        <div className="min-w-0">
          <span className="block truncate font-bold">{author.name}</span>
          <span className={`block truncate text-sm ${dim}`}>{handle}</span>
        </div>
        <span className={`shrink-0 text-sm ${dim}`}>{t('previews.now')}</span>
      </div>
    );
  }
  if (network === 'threads') {
    return (
      <div className="flex gap-1.5 text-[15px] leading-5">
        <span className="truncate font-semibold">{handle}</span>
        <span className={dim}>{t('previews.now')}</span>
      </div>
    );
  }
  return (
    <div className="flex min-w-0 gap-1 text-[15px] leading-5">
      <span className="truncate font-bold">{author.name}</span>
      <span className={`truncate ${dim}`}>{handle}</span>
      <span aria-hidden="true" className={dim}>
        ·
      </span>
      <span className={`shrink-0 ${dim}`}>{t('previews.now')}</span>
    </div>
  );
});

/** LinkedIn, Instagram and Facebook: a header above the post; they never thread. */
function HeaderPost({ network, look, posts, images, author, t, foldLabel, collapsed, textClassName }: FeedPostsProps) {
  const post = posts[0];
  if (post === undefined) return null;
  const handle = formatHandle(network, author.handle, author.server);
  const dim = 'text-xs text-zinc-500 dark:text-zinc-400';
  const globe = (
    <span className="inline-flex items-center">
      <Icon name="globe" size={12} />
      <span className="sr-only">{t('previews.public')}</span>
    </span>
  );
  const text = (lead?: ReactNode) => (
    <PostText
      segments={post.segments}
      look={look}
      t={t}
      foldLabel={foldLabel}
      collapsed={collapsed}
      lead={lead}
      textClassName={textClassName}
    />
  );

  if (network === 'instagram') {
    return (
      <div>
        <div className="mb-2 flex items-center gap-2.5">
          <span className={`rounded-full p-0.5 ${look.accent}`}>
            <span className="block rounded-full bg-white p-0.5 dark:bg-black">
              <Avatar name={author.name} url={author.avatarUrl} shape={look.avatarShape} size={30} />
            </span>
          </span>
          <span className="text-sm font-semibold">{handle}</span>
          <span aria-hidden="true" className="text-zinc-500">
            •
          </span>
          <span className="text-sm text-zinc-500 dark:text-zinc-400">{t('previews.now')}</span>
        </div>
        <div className="-mx-4">
          <InstagramCarousel images={images} t={t} />
        </div>
        <ActionBar network={network} look={look} t={t} />
        <div className="mt-2">{text(<span className="mr-1 font-semibold">{handle}</span>)}</div>
      </div>
    );
  }

  return (
    <div>
      <div className="mb-3 flex items-center gap-2">
        <Avatar name={author.name} url={author.avatarUrl} shape={look.avatarShape} size={network === 'linkedin' ? 48 : 40} />
        <div className="min-w-0 leading-tight">
          <span className="block truncate text-[15px] font-semibold">{author.name}</span>
          {network === 'linkedin' && (
            <span className={`block truncate ${dim} ${author.headline ? '' : 'italic'}`}>{author.headline ?? t('previews.headlinePlaceholder')}</span>
          )}
          <span className={`flex items-center gap-1 ${dim}`}>
            {network === 'facebook' ? t('previews.justNow') : t('previews.now')}
            <span aria-hidden="true">·</span>
            {globe}
          </span>
        </div>
      </div>
      {text()}
      {images.length > 0 && (
        <div className="-mx-4">
          <MediaGrid images={images} t={t} rounded="" />
        </div>
      )}
      <ActionBar network={network} look={look} t={t} />
    </div>
  );
}
