import type { AppBskyFeedPost, AtpAgent } from '@atproto/api';

/** A post record as the PDS holds it. */
export interface PdsPost {
  uri: string;
  cid: string;
  value: AppBskyFeedPost.Record;
}

/** Every post of the account on the PDS (up to 100), read directly through `reader` (not through a fault proxy). */
export async function pdsPosts(reader: AtpAgent, did: string): Promise<PdsPost[]> {
  const listed = await reader.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post', limit: 100 });
  return listed.data.records.map((record) => ({ uri: record.uri, cid: record.cid, value: record.value as AppBskyFeedPost.Record }));
}

/** The posts that appeared since `before`, oldest first (record keys are TIDs: they sort by time). */
export async function pdsPostsSince(reader: AtpAgent, did: string, before: readonly PdsPost[]): Promise<PdsPost[]> {
  const known = new Set(before.map((record) => record.uri));
  return (await pdsPosts(reader, did)).filter((record) => !known.has(record.uri)).sort((a, b) => a.uri.localeCompare(b.uri));
}
