import { column, NO_COST } from './counter';
import { formatNumber } from './findings';
import type { NetworkRules } from './rules';
import { linksAsWritten } from './rules';
import { DIM_THREADS } from './text/facts';
import { threadsClusterCost } from './text/graphemes';
import type { Finding, NetworkInfo, TextSpan } from './types';
import { firstEndingAfter } from './walker';

/** "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8 bytes." https://developers.facebook.com/docs/threads/posts */
export const THREADS_MAX_CHARACTERS = 500;
/** Since 22 December 2025 a post with more than 5 links fails (THREADS_API__LINK_LIMIT_EXCEEDED); unique URLs count. https://developers.facebook.com/documentation/threads/create-posts/text-attachments */
export const THREADS_MAX_LINKS = 5;
/**
 * One topic (tag) per post: the API takes a single `topic_tag`
 * (https://developers.facebook.com/docs/threads/posts) and the app allows one tag per post
 * (https://www.socialmediatoday.com/news/instagrams-implementing-new-limits-on-hashtag-use/808309/).
 */
export const THREADS_MAX_TOPIC_TAGS = 1;
/** A carousel holds up to 20 images and videos. https://developers.facebook.com/docs/threads/posts#carousel-posts */
export const THREADS_MAX_MEDIA = 20;

export const THREADS_INFO: NetworkInfo = { id: 'threads', name: 'Threads', limit: THREADS_MAX_CHARACTERS, unit: 'characters', threads: true };

export const threadsRules: NetworkRules = {
  info: THREADS_INFO,
  counter: () => ({
    limit: THREADS_MAX_CHARACTERS,
    secondLimit: Infinity,
    perPost: 0,
    cost: column(DIM_THREADS),
    secondCost: NO_COST,
    cluster: threadsClusterCost,
    secondCluster: () => 0,
    atomic: () => undefined,
  }),
  media: { maxItems: () => THREADS_MAX_MEDIA, suggestAltText: false },
  requiresMedia: false,
  links: (doc) => linksAsWritten(doc),
  // The limits hold per post, so per part of a thread.
  findings: ({ doc, parts }) => {
    const findings: Finding[] = [];
    for (const part of parts) {
      const seen = new Set<string>();
      for (const url of within(doc.urls, part)) {
        if (seen.has(url.url)) continue;
        seen.add(url.url);
        if (seen.size === THREADS_MAX_LINKS + 1) {
          findings.push({
            severity: 'error',
            code: 'too_many_links',
            message: `Threads rejects a post with more than ${THREADS_MAX_LINKS} links: remove this link and the ones after it, or move them to another post.`,
            span: { start: url.start, end: url.end },
            params: { network: THREADS_INFO.name, max: THREADS_MAX_LINKS },
          });
        }
      }
      const tags = within(doc.hashtags, part);
      const extra = tags[THREADS_MAX_TOPIC_TAGS];
      if (extra !== undefined) {
        findings.push({
          severity: 'warning',
          code: 'too_many_hashtags',
          message: `Threads makes only the first hashtag of a post its topic; #${extra.tag} and ${
            tags.length - THREADS_MAX_TOPIC_TAGS > 1 ? `the ${formatNumber(tags.length - THREADS_MAX_TOPIC_TAGS - 1)} after it stay` : 'stays'
          } plain text.`,
          span: { start: extra.start, end: extra.end },
          params: { network: THREADS_INFO.name, count: tags.length, max: THREADS_MAX_TOPIC_TAGS },
        });
      }
    }
    return findings;
  },
};

/** The entities (sorted by position) inside a span, found by binary search. */
function within<T extends TextSpan>(entities: readonly T[], span: TextSpan): T[] {
  const out: T[] = [];
  for (let i = firstEndingAfter(entities, span.start); i < entities.length && entities[i]!.start < span.end; i++) {
    const entity = entities[i]!;
    if (entity.start >= span.start && entity.end <= span.end) out.push(entity);
  }
  return out;
}

/**
 * Where a person writes a Threads post by hand: the web intent, which takes the text
 * (https://developers.facebook.com/docs/threads/threads-web-intents).
 */
export const THREADS_COMPOSE_URL = 'https://www.threads.net/intent/post';
/** A post's link: https://www.threads.net/@name/post/<code> (threads.com since 2025). */
export const THREADS_POST_HOSTS: readonly string[] = Object.freeze(['threads.net', 'threads.com']);
