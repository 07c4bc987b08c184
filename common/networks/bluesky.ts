import { column, isUrl } from './counter';
import type { NetworkRules } from './rules';
import { DIM_BLUESKY_BYTES, DIM_BLUESKY_GRAPHEMES } from './text/facts';
import { utf8Length } from './text/characters';
import type { NetworkInfo } from './types';

/** Post text: maxGraphemes 300. https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json */
export const BLUESKY_MAX_GRAPHEMES = 300;
/** Post text: maxLength 3000 (UTF-8 bytes). https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json */
export const BLUESKY_MAX_BYTES = 3000;
/** An images embed holds up to 4 images. https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/images.json */
export const BLUESKY_MAX_IMAGES = 4;
/**
 * Each image blob: maxSize 2000000 bytes ("May be up to 2 MB, formerly limited to 1 MB").
 * https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/images.json
 */
export const BLUESKY_MAX_IMAGE_BYTES = 2_000_000;

export const BLUESKY_INFO: NetworkInfo = { id: 'bluesky', name: 'Bluesky', limit: BLUESKY_MAX_GRAPHEMES, unit: 'graphemes', threads: true };

/**
 * Bluesky counts graphemes and bytes of the text as published, where the app has replaced every
 * link by its short display text (bluesky-link.ts) and made the link a facet.
 * https://docs.bsky.app/docs/advanced-guides/post-richtext
 */
export const blueskyRules: NetworkRules = {
  info: BLUESKY_INFO,
  counter: () => ({
    limit: BLUESKY_MAX_GRAPHEMES,
    secondLimit: BLUESKY_MAX_BYTES,
    perPost: 0,
    cost: column(DIM_BLUESKY_GRAPHEMES),
    secondCost: column(DIM_BLUESKY_BYTES),
    cluster: () => 1,
    secondCluster: (cluster) => utf8Length(cluster),
    atomic: (entity) => (isUrl(entity) ? [entity.displayText.length, entity.displayText.length] : undefined),
  }),
  media: { maxItems: () => BLUESKY_MAX_IMAGES, maxImageBytes: () => BLUESKY_MAX_IMAGE_BYTES, shrinksLargeImages: true, suggestAltText: true },
  requiresMedia: false,
  links: (doc) => doc.urls.map((u) => ({ start: u.start, end: u.end, url: u.url, displayText: u.displayText })),
  findings: () => [],
};

/** Where a person writes a Bluesky post by hand: the compose intent, which takes the text (https://docs.bsky.app/docs/advanced-guides/intent-links). */
export const BLUESKY_COMPOSE_URL = 'https://bsky.app/intent/compose';
/** A post's link: https://bsky.app/profile/<handle>/post/<rkey> */
export const BLUESKY_POST_HOSTS: readonly string[] = Object.freeze(['bsky.app']);
