import { column, isUrl, NO_COST } from './counter';
import { invalidCharacterFinding, MAX_FINDINGS_PER_CODE } from './findings';
import type { NetworkRules } from './rules';
import { linksAsWritten } from './rules';
import { DIM_X } from './text/facts';
import type { NetworkInfo } from './types';

/** X counts weighted characters: most scripts 1, CJK and emoji 2. https://docs.x.com/fundamentals/counting-characters */
export const X_MAX_WEIGHTED_LENGTH = 280;
/** Every URL counts as 23, whatever its length (t.co). https://docs.x.com/fundamentals/counting-characters */
export const X_URL_LENGTH = 23;
/** A post carries up to 4 images (media.media_ids). https://docs.x.com/x-api/posts/create-post */
export const X_MAX_IMAGES = 4;
/** Image descriptions take up to 1,000 characters. https://docs.x.com/x-api/media/create-media-metadata */
export const X_MAX_ALT_TEXT_LENGTH = 1000;

export const X_INFO: NetworkInfo = { id: 'x', name: 'X', limit: X_MAX_WEIGHTED_LENGTH, unit: 'weighted characters', threads: true };

/** Counting is twitter-text's parseTweet, decomposed per word and grapheme (see text/facts.ts). */
export const xRules: NetworkRules = {
  info: X_INFO,
  counter: (_options, caches) => ({
    limit: X_MAX_WEIGHTED_LENGTH,
    secondLimit: Infinity,
    perPost: 0,
    cost: column(DIM_X),
    secondCost: NO_COST,
    cluster: (cluster) => caches.xWeightOfCluster(cluster),
    secondCluster: () => 0,
    atomic: (entity) => (isUrl(entity) ? [X_URL_LENGTH, 0] : undefined),
  }),
  media: { maxItems: () => X_MAX_IMAGES, maxAltTextLength: X_MAX_ALT_TEXT_LENGTH, suggestAltText: true },
  requiresMedia: false,
  links: (doc) => linksAsWritten(doc),
  // twitter-text refuses U+FFFE, U+FEFF and U+FFFF (hasInvalidCharacters).
  findings: ({ doc }) =>
    doc.issues
      .filter((issue) => issue.kind === 'x_invalid')
      .slice(0, MAX_FINDINGS_PER_CODE)
      .map((issue) => invalidCharacterFinding(X_INFO.name, issue.codePoint, { start: issue.start, end: issue.end })),
};

/** Where a person writes a post on X by hand: the web intent, which takes the text (https://developer.x.com/en/docs/x-for-websites/tweet-button/guides/web-intent). */
export const X_COMPOSE_URL = 'https://x.com/intent/post';
/** A post's link: https://x.com/<name>/status/<id> (twitter.com still answers). */
export const X_POST_HOSTS: readonly string[] = Object.freeze(['x.com', 'twitter.com']);
