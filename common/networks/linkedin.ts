import type { NetworkRules } from './rules';
import { codeUnitCounter, linksAsWritten } from './rules';
import type { NetworkInfo } from './types';

/** Post commentary takes up to 3,000 characters. https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api */
export const LINKEDIN_MAX_CHARACTERS = 3000;
/** A multi-image post holds up to 20 images. https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api */
export const LINKEDIN_MAX_IMAGES = 20;

/**
 * A typed @name tags nobody: the Posts API mentions only `@[Name](urn:li:person:…)` in its little
 * text format, and Spheres escapes a written @ so it arrives as text.
 * https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format
 */
export const LINKEDIN_INFO: NetworkInfo = { id: 'linkedin', name: 'LinkedIn', limit: LINKEDIN_MAX_CHARACTERS, unit: 'characters', threads: false, typedMentionsLink: false };

/** Every character LinkedIn's little text format reserves, escaped (the rule lives in linkedin-little-text.ts). */
export { escapeLittleText as escapeLinkedInLittleText } from './linkedin-little-text';

/**
 * Counted on the text the reader sees, before escaping, in UTF-16 code units (an emoji counts 2):
 * the stricter reading of "characters", as Buffer counts too.
 * https://developers.buffer.com/guides/character-limits.md
 */
export const linkedinRules: NetworkRules = {
  info: LINKEDIN_INFO,
  counter: () => codeUnitCounter(LINKEDIN_MAX_CHARACTERS),
  media: { maxItems: () => LINKEDIN_MAX_IMAGES, suggestAltText: false },
  requiresMedia: false,
  links: (doc) => linksAsWritten(doc),
  findings: () => [],
};

/**
 * Where a person writes a LinkedIn post by hand: the feed with the share box open
 * (`shareActive=true`; LinkedIn's Share on LinkedIn guide, https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/share-on-linkedin).
 */
export const LINKEDIN_COMPOSE_URL = 'https://www.linkedin.com/feed/?shareActive=true';
/** A post's link: https://www.linkedin.com/posts/… or /feed/update/urn:li:activity:… */
export const LINKEDIN_POST_HOSTS: readonly string[] = Object.freeze(['linkedin.com', 'lnkd.in']);
