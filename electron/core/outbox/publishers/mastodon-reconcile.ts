import { z } from 'zod';
import type { RemoteRef } from '../intent-file';
import { PublishFailure } from '../publish-failure';
import type { MastodonClient } from './mastodon-client';
import { unreadableAnswer } from './mastodon-failure';
import { contentShowsText } from './mastodon-text';

export const StatusSchema = z
  .object({
    id: z.string().min(1).max(100),
    url: z.string().max(2000).nullable().optional(),
    uri: z.string().max(2000).optional(),
    created_at: z.string().max(100),
    content: z.string().max(1_000_000),
    spoiler_text: z.string().max(100_000).optional(),
    in_reply_to_id: z.string().max(100).nullable().optional(),
  })
  .loose();
export type MastodonStatus = z.infer<typeof StatusSchema>;

const AccountSchema = z.object({ id: z.string().min(1).max(100) }).loose();

/** Newest statuses of the account read per page (Mastodon's maximum) and pages read at most. */
const PAGE = 40;
const MAX_PAGES = 5;
/** Clocks of this computer and the server may differ: statuses this much older than the part's key still count. */
export const CLOCK_SKEW_MS = 10 * 60_000;

export function refOf(status: MastodonStatus): RemoteRef {
  return { id: status.id, ...(typeof status.url === 'string' ? { url: status.url } : {}) };
}

export interface WantedPart {
  text: string;
  spoilerText: string;
  /** The status this part answers; null for a thread's first part. */
  inReplyToId: string | null;
  /** When the part's key was chosen: the part cannot be on the server from before then. */
  since: Date;
}

/**
 * Looks for a part among the account's own newest statuses: the same text (as its `content` shows
 * it), the same content warning and the same `in_reply_to_id`, made no earlier than the part was
 * first sent. https://docs.joinmastodon.org/methods/accounts/#verify_credentials (the account's id),
 * https://docs.joinmastodon.org/methods/accounts/#statuses (newest first, `max_id` pages back).
 * Listing needs a token with `read:statuses`; a token without it reads the public statuses without
 * sending the token, which shows every post Spheres makes (they are public).
 * Throws an `unknown` failure when it cannot look far enough back to be sure.
 */
export async function findStatus(client: MastodonClient, token: string, canReadStatuses: boolean, wanted: WantedPart): Promise<RemoteRef | null> {
  const me = await client.call({ method: 'GET', path: '/api/v1/accounts/verify_credentials', token, doing: 'the account check' });
  const account = AccountSchema.safeParse(me.body);
  if (!account.success) throw unreadableAnswer('the account check');
  const oldest = wanted.since.getTime() - CLOCK_SKEW_MS;
  let maxId: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: String(PAGE), exclude_reblogs: 'true' });
    if (maxId !== null) query.set('max_id', maxId);
    const answer = await client.call({
      method: 'GET',
      path: `/api/v1/accounts/${encodeURIComponent(account.data.id)}/statuses?${query}`,
      token: canReadStatuses ? token : null,
      doing: 'the look for the post among the account\'s posts',
    });
    const statuses = z.array(StatusSchema).safeParse(answer.body);
    if (!statuses.success) throw unreadableAnswer('the look for the post among the account\'s posts');
    for (const status of statuses.data) {
      if (
        (status.in_reply_to_id ?? null) === wanted.inReplyToId &&
        (status.spoiler_text ?? '') === wanted.spoilerText &&
        Date.parse(status.created_at) >= oldest &&
        contentShowsText(status.content, wanted.text)
      ) {
        return refOf(status);
      }
    }
    const last = statuses.data.at(-1);
    // Reached the start of the account, or statuses older than the part: it is not there.
    if (last === undefined || statuses.data.length < PAGE || Date.parse(last.created_at) < oldest) return null;
    maxId = last.id;
  }
  throw new PublishFailure(
    'unknown',
    'connection_lost',
    `The account has posted more than ${PAGE * MAX_PAGES} times since this post was first sent, so Spheres cannot tell whether it went out. Check the account on Mastodon, then Retry or Cancel.`,
  );
}
