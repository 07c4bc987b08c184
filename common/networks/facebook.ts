import type { NetworkRules } from './rules';
import { codeUnitCounter, linksAsWritten } from './rules';
import type { NetworkInfo } from './types';

/**
 * 63,206 characters: the limit Facebook's composer enforces. Meta's Graph API documentation gives
 * no number; this is the figure reported everywhere, e.g. https://ferryman.io/character-limits/facebook
 */
export const FACEBOOK_MAX_CHARACTERS = 63_206;
/**
 * 10 photos per post: the cap Spheres applies (from the issue that specified this module). Meta's
 * Pages API documents no maximum for multi-photo posts (https://developers.facebook.com/docs/pages-api/posts).
 */
export const FACEBOOK_MAX_PHOTOS = 10;

/**
 * A typed @name tags nobody: the Graph API tags a Page only through `@[page-id]` in the message
 * (https://developers.facebook.com/docs/graph-api/reference/v23.0/page/feed#publish), and people not at all.
 */
export const FACEBOOK_INFO: NetworkInfo = { id: 'facebook', name: 'Facebook', limit: FACEBOOK_MAX_CHARACTERS, unit: 'characters', threads: false, typedMentionsLink: false };

/**
 * Counted in UTF-16 code units (an emoji counts 2): the stricter reading of "characters", as Buffer
 * counts too. https://developers.buffer.com/guides/character-limits.md
 */
export const facebookRules: NetworkRules = {
  info: FACEBOOK_INFO,
  counter: () => codeUnitCounter(FACEBOOK_MAX_CHARACTERS),
  media: { maxItems: () => FACEBOOK_MAX_PHOTOS, suggestAltText: false },
  requiresMedia: false,
  links: (doc) => linksAsWritten(doc),
  findings: () => [],
};

/**
 * Where a person writes a Facebook post by hand (assisted posting): the home feed's "What's on your
 * mind?" box. Facebook has no compose address or text parameter for posts (the share dialog
 * https://developers.facebook.com/docs/sharing/reference/share-dialog shares a link only).
 */
export const FACEBOOK_COMPOSE_URL = 'https://www.facebook.com/';
/** A post's link is on facebook.com (www., m., web.) or its short host fb.com / fb.watch. */
export const FACEBOOK_POST_HOSTS: readonly string[] = Object.freeze(['facebook.com', 'fb.com', 'fb.watch']);
