import { formatNumber } from './findings';
import type { NetworkRules } from './rules';
import { codeUnitCounter } from './rules';
import type { Finding, NetworkInfo } from './types';

/** Caption: "Maximum 2200 characters, 30 hashtags, and 20 @ tags." https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media */
export const INSTAGRAM_MAX_CHARACTERS = 2200;
/** Caption: at most 30 hashtags (same source as INSTAGRAM_MAX_CHARACTERS). */
export const INSTAGRAM_MAX_HASHTAGS = 30;
/** Caption: at most 20 @ tags (same source as INSTAGRAM_MAX_CHARACTERS). */
export const INSTAGRAM_MAX_MENTIONS = 20;
/**
 * Since December 2025 Instagram limits a post or reel to 5 hashtags, rolled out gradually; the API
 * documentation still says 30. https://www.socialmediatoday.com/news/instagrams-implementing-new-limits-on-hashtag-use/808309/
 */
export const INSTAGRAM_REPORTED_MAX_HASHTAGS = 5;
/** A carousel holds up to 10 images and videos. https://developers.facebook.com/docs/instagram-platform/content-publishing/ */
export const INSTAGRAM_MAX_CAROUSEL_ITEMS = 10;

export const INSTAGRAM_INFO: NetworkInfo = {
  id: 'instagram',
  name: 'Instagram',
  limit: INSTAGRAM_MAX_CHARACTERS,
  unit: 'characters',
  threads: false,
};

const NAME = INSTAGRAM_INFO.name;

/**
 * Counted in UTF-16 code units (an emoji counts 2): the stricter reading of "characters", as Buffer
 * counts too. https://developers.buffer.com/guides/character-limits.md
 */
export const instagramRules: NetworkRules = {
  info: INSTAGRAM_INFO,
  counter: () => codeUnitCounter(INSTAGRAM_MAX_CHARACTERS),
  media: { maxItems: () => INSTAGRAM_MAX_CAROUSEL_ITEMS, suggestAltText: false },
  requiresMedia: true,
  // Links in captions are plain text on Instagram.
  links: () => [],
  findings: ({ doc }) => {
    const findings: Finding[] = [];
    const tags = distinct(doc.hashtags, (h) => h.tag.toLowerCase());
    if (tags.length > INSTAGRAM_MAX_HASHTAGS) {
      const extra = tags[INSTAGRAM_MAX_HASHTAGS]!;
      findings.push({
        severity: 'error',
        code: 'too_many_hashtags',
        message: `Instagram refuses captions with more than ${INSTAGRAM_MAX_HASHTAGS} hashtags and this one has ${formatNumber(tags.length)}: remove ${formatNumber(tags.length - INSTAGRAM_MAX_HASHTAGS)}.`,
        span: { start: extra.start, end: extra.end },
        params: { network: NAME, count: tags.length, max: INSTAGRAM_MAX_HASHTAGS },
      });
    } else if (tags.length > INSTAGRAM_REPORTED_MAX_HASHTAGS) {
      const extra = tags[INSTAGRAM_REPORTED_MAX_HASHTAGS]!;
      findings.push({
        severity: 'warning',
        code: 'many_hashtags',
        message: `Instagram now allows ${INSTAGRAM_REPORTED_MAX_HASHTAGS} hashtags per post and this caption has ${formatNumber(tags.length)}: keep the ${INSTAGRAM_REPORTED_MAX_HASHTAGS} that matter most.`,
        span: { start: extra.start, end: extra.end },
        params: { network: NAME, count: tags.length, max: INSTAGRAM_REPORTED_MAX_HASHTAGS },
      });
    }
    const mentions = distinct(doc.mentions, (m) => m.username.toLowerCase());
    if (mentions.length > INSTAGRAM_MAX_MENTIONS) {
      const extra = mentions[INSTAGRAM_MAX_MENTIONS]!;
      findings.push({
        severity: 'error',
        code: 'too_many_mentions',
        message: `Instagram allows ${INSTAGRAM_MAX_MENTIONS} @mentions per caption and this one has ${formatNumber(mentions.length)}: remove ${formatNumber(mentions.length - INSTAGRAM_MAX_MENTIONS)}.`,
        span: { start: extra.start, end: extra.end },
        params: { network: NAME, count: mentions.length, max: INSTAGRAM_MAX_MENTIONS },
      });
    }
    const firstLink = doc.urls[0];
    if (firstLink !== undefined) {
      findings.push({
        severity: 'hint',
        code: 'links_not_clickable',
        message: 'Links in Instagram captions are not clickable: point people to the link in your bio instead.',
        span: { start: firstLink.start, end: firstLink.end },
        params: { network: NAME, count: doc.urls.length },
      });
    }
    return findings;
  },
};

/** The first occurrence of every key, in text order. */
function distinct<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Where a person posts to Instagram by hand: instagram.com's Create (+) dialog, opened from the
 * home page (Instagram documents no compose address; https://help.instagram.com/442418472487929).
 */
export const INSTAGRAM_COMPOSE_URL = 'https://www.instagram.com/';
/** A post's link: https://www.instagram.com/p/<code>/ */
export const INSTAGRAM_POST_HOSTS: readonly string[] = Object.freeze(['instagram.com', 'instagr.am']);
