import type { NetworkId } from '../../../../common/networks';
import type { EntityKind } from './text-segments';

export type ActionId = 'reply' | 'repost' | 'boost' | 'like' | 'favourite' | 'views' | 'bookmark' | 'save' | 'share' | 'send' | 'comment' | 'more';

/** How a network's feed draws a post: the parts Spheres imitates. */
export interface NetworkLook {
  /** Avatar to the left of the text with a line down to the next post (reply chains), or a header above it. */
  readonly layout: 'column' | 'header';
  readonly avatarShape: string;
  readonly card: string;
  readonly text: string;
  readonly entity: Readonly<Record<EntityKind, string>>;
  /** The action bar, in the network's order; `trailing` ones sit at the far end. */
  readonly actions: readonly ActionId[];
  readonly trailingActions?: readonly ActionId[];
  /** LinkedIn and Facebook write the action's name next to its icon. */
  readonly labelledActions: boolean;
  readonly accent: string;
}

/*
 * Each network's own link colour, except where it is below WCAG AA's 4.5:1 on the card: X's
 * #1d9bf0 (3.0:1 on white), Bluesky's #0a7aff (4.0:1) and Threads' #0095f6 (3.2:1) are darkened
 * to the nearest shade of the same hue that has 4.6:1. On the dark cards the originals pass.
 */
const X_BLUE = 'text-[#177abe] dark:text-[#1d9bf0]';
const BLUESKY_BLUE = 'text-[#0970eb] dark:text-[#208bfe]';
const MASTODON_ACCENT = 'text-[#563acc] dark:text-[#8c8dff]';
const THREADS_BLUE = 'text-[#0079c7] dark:text-[#0095f6]';
/** Links are underlined as well as coloured, so colour is not the only sign of a link. */
const LINK = 'underline decoration-1 underline-offset-2';
const LINKEDIN_BLUE = 'text-[#0a66c2] dark:text-[#71b7fb]';
const INSTAGRAM_TAG = 'text-[#00376b] dark:text-[#e0f1ff]';
const FACEBOOK_BLUE = 'text-[#0064d1] dark:text-[#599ef5]';

export const NETWORK_LOOK: Readonly<Record<NetworkId, NetworkLook>> = {
  x: {
    layout: 'column',
    avatarShape: 'rounded-full',
    card: 'bg-white text-[#0f1419] dark:bg-black dark:text-[#e7e9ea]',
    text: 'text-[15px] leading-5',
    entity: { link: `${X_BLUE} ${LINK}`, mention: X_BLUE, hashtag: X_BLUE },
    actions: ['reply', 'repost', 'like', 'views'],
    trailingActions: ['bookmark', 'share'],
    labelledActions: false,
    accent: 'bg-black dark:bg-white',
  },
  bluesky: {
    layout: 'column',
    avatarShape: 'rounded-full',
    card: 'bg-white text-[#0b0f14] dark:bg-[#161e27] dark:text-[#f1f3f5]',
    text: 'text-[15px] leading-5',
    entity: { link: `${BLUESKY_BLUE} ${LINK}`, mention: BLUESKY_BLUE, hashtag: BLUESKY_BLUE },
    actions: ['reply', 'repost', 'like', 'bookmark', 'more'],
    labelledActions: false,
    accent: 'bg-[#0a7aff]',
  },
  mastodon: {
    layout: 'column',
    avatarShape: 'rounded-lg',
    card: 'bg-white text-[#282c37] dark:bg-[#191b22] dark:text-[#d9e1e8]',
    text: 'text-[15px] leading-[22px]',
    entity: { link: `${MASTODON_ACCENT} ${LINK}`, mention: MASTODON_ACCENT, hashtag: MASTODON_ACCENT },
    actions: ['reply', 'boost', 'favourite', 'bookmark', 'more'],
    labelledActions: false,
    accent: 'bg-[#6364ff]',
  },
  threads: {
    layout: 'column',
    avatarShape: 'rounded-full',
    card: 'bg-white text-black dark:bg-[#101010] dark:text-[#f3f5f7]',
    text: 'text-[15px] leading-[21px]',
    entity: { link: `${THREADS_BLUE} ${LINK}`, mention: THREADS_BLUE, hashtag: THREADS_BLUE },
    actions: ['like', 'comment', 'repost', 'send'],
    labelledActions: false,
    accent: 'bg-black dark:bg-white',
  },
  linkedin: {
    layout: 'header',
    avatarShape: 'rounded-full',
    card: 'bg-white text-[#191919] dark:bg-[#1b1f23] dark:text-[#e8e8e8]',
    text: 'text-sm leading-5',
    entity: { link: `${LINKEDIN_BLUE} font-semibold ${LINK}`, mention: `${LINKEDIN_BLUE} font-semibold`, hashtag: `${LINKEDIN_BLUE} font-semibold` },
    actions: ['like', 'comment', 'repost', 'send'],
    labelledActions: true,
    accent: 'bg-[#0a66c2]',
  },
  instagram: {
    layout: 'header',
    avatarShape: 'rounded-full',
    card: 'bg-white text-[#0c1014] dark:bg-black dark:text-[#f5f5f5]',
    text: 'text-sm leading-[18px]',
    // Links in captions are not links on Instagram: the analysis gives none, so they stay plain.
    entity: { link: '', mention: INSTAGRAM_TAG, hashtag: INSTAGRAM_TAG },
    actions: ['like', 'comment', 'send'],
    trailingActions: ['save'],
    labelledActions: false,
    accent: 'bg-gradient-to-tr from-[#feda75] via-[#d62976] to-[#4f5bd5]',
  },
  facebook: {
    layout: 'header',
    avatarShape: 'rounded-full',
    card: 'bg-white text-[#080809] dark:bg-[#242526] dark:text-[#e4e6eb]',
    text: 'text-[15px] leading-5',
    entity: { link: `${FACEBOOK_BLUE} ${LINK}`, mention: `${FACEBOOK_BLUE} font-semibold`, hashtag: `${FACEBOOK_BLUE} font-semibold` },
    actions: ['like', 'comment', 'share'],
    labelledActions: true,
    accent: 'bg-[#0866ff]',
  },
};

/** The handle as the network writes it under or next to the name. */
export function formatHandle(network: NetworkId, handle: string, server?: string): string {
  const bare = handle.replace(/^@/, '');
  switch (network) {
    case 'x':
      return `@${bare}`;
    case 'bluesky':
      // A custom domain is the whole handle; otherwise the account lives under bsky.social.
      return bare.includes('.') ? `@${bare}` : `@${bare}.bsky.social`;
    case 'mastodon': {
      const [user, ownServer] = bare.split('@');
      return `@${user}@${ownServer ?? server ?? 'mastodon.social'}`;
    }
    case 'threads':
    case 'instagram':
      return bare;
    case 'linkedin':
    case 'facebook':
      return bare;
  }
}

/** Up to two initials for an avatar without an image. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => word.length > 0);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((word) => String.fromCodePoint(word.codePointAt(0)!).toUpperCase()).join('') || '?';
}
