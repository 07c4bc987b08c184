import { z } from 'zod';
import type { RemoteRef } from '../intent-file';
import { PublishFailure } from '../publish-failure';
import { unreadableAnswer, type XClient } from './x-client';

const UrlEntitySchema = z
  .object({ url: z.string().max(2000), expanded_url: z.string().max(5000).optional(), media_key: z.string().max(200).optional() })
  .loose();
export const TweetSchema = z
  .object({
    id: z.string().min(1).max(100),
    text: z.string().max(100_000),
    created_at: z.string().max(100).optional(),
    conversation_id: z.string().max(100).optional(),
    referenced_tweets: z.array(z.object({ type: z.string().max(50), id: z.string().max(100) }).loose()).max(10).optional(),
    entities: z.object({ urls: z.array(UrlEntitySchema).max(100).optional() }).loose().optional(),
  })
  .loose();
export type XTweet = z.infer<typeof TweetSchema>;

const TimelineSchema = z
  .object({ data: z.array(TweetSchema).max(100).optional(), meta: z.object({ next_token: z.string().max(500).optional() }).loose().optional() })
  .loose();

/** Posts read per page (X's maximum for GET /2/users/:id/tweets) and pages read at most. */
const PAGE = 100;
const MAX_PAGES = 5;
/** Clocks of this computer and X may differ: posts this much older than the part's key still count. */
export const X_CLOCK_SKEW_MS = 10 * 60_000;

/** The address of a post: X resolves /i/status/:id to the post under its author's name. */
export function refOfTweet(id: string): RemoteRef {
  return { id, url: `https://x.com/i/status/${id}` };
}

/**
 * The text as it was sent, from a post as X's API shows it: `&`, `<` and `>` come back escaped, every
 * link as a t.co link whose `expanded_url` is the original, and an attached photo as a last t.co
 * link with a `media_key` (https://docs.x.com/x-api/fundamentals/data-dictionary, entities.urls).
 */
export function textAsSent(tweet: Pick<XTweet, 'text' | 'entities'>): string {
  let text = tweet.text;
  for (const url of tweet.entities?.urls ?? []) {
    if (url.url === '') continue;
    text = text.replace(url.url, url.media_key === undefined ? (url.expanded_url ?? url.url) : '');
  }
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&').trim();
}

export interface WantedTweet {
  userId: string;
  text: string;
  /** The post this part answers; null for a thread's first part. */
  inReplyToId: string | null;
  /** When the part's key was chosen: the part cannot be on X from before then. */
  since: Date;
}

/**
 * Looks for a part among the account's own posts since its key was chosen
 * (https://docs.x.com/x-api/users/get-posts: GET /2/users/:id/tweets with `start_time`, newest
 * first, `pagination_token` pages back): the same text, and for a reply the same post replied to
 * (`referenced_tweets` replied_to); a first part replies to nothing. Null only when every post since
 * then was read; an account that posted more than the search reads is an `unknown` failure.
 */
export async function findTweet(client: XClient, wanted: WantedTweet): Promise<RemoteRef | null> {
  const start = new Date(wanted.since.getTime() - X_CLOCK_SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let token: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ start_time: start, max_results: String(PAGE), 'tweet.fields': 'created_at,conversation_id,referenced_tweets,entities' });
    if (token !== null) query.set('pagination_token', token);
    const answer = await client.call({ method: 'GET', path: `/2/users/${encodeURIComponent(wanted.userId)}/tweets?${query}`, window: 'user_tweets', doing: 'the look for the post among the account\'s posts' });
    const timeline = TimelineSchema.safeParse(answer.body);
    if (!timeline.success) throw unreadableAnswer('the look for the post among the account\'s posts');
    for (const tweet of timeline.data.data ?? []) {
      const repliedTo = tweet.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id ?? null;
      if (repliedTo === wanted.inReplyToId && textAsSent(tweet) === wanted.text.trim()) return refOfTweet(tweet.id);
    }
    token = timeline.data.meta?.next_token ?? null;
    if (token === null) return null;
  }
  throw new PublishFailure(
    'unknown',
    'connection_lost',
    `The account has posted more than ${PAGE * MAX_PAGES} times since this post was first sent, so Spheres cannot tell whether it went out. Check the account on X, then Retry or Cancel.`,
  );
}
