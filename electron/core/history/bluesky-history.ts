import type * as AtprotoApi from '@atproto/api';
import { z } from 'zod';
import { BLUESKY_REQUEST_TIMEOUT_MS, BlueskyAgents } from '../outbox/publishers/bluesky-agent';
import type { Credentials } from '../vault';
import { HistoryImportError, type ImportedMedia, type ImportedPost, type SkippedPost } from './history-format';

/*
 * A Bluesky account's history needs no export: its posts are records in its own repository on its
 * PDS. `com.atproto.repo.listRecords` pages through the `app.bsky.feed.post` collection with a
 * cursor (at most 100 a page), and each image is a blob read with `com.atproto.sync.getBlob`.
 * https://docs.bsky.app/docs/api/com-atproto-repo-list-records
 * https://docs.bsky.app/docs/api/com-atproto-sync-get-blob
 * https://docs.bsky.app/docs/advanced-guides/posts (the record: text, facets, reply, embed)
 * Reposts live in another collection (app.bsky.feed.repost) and hold nothing the person wrote, so
 * they are not read. Likes and follows neither.
 */

const POST_COLLECTION = 'app.bsky.feed.post';
/** listRecords' own maximum page: https://github.com/bluesky-social/atproto/blob/main/lexicons/com/atproto/repo/listRecords.json */
export const BLUESKY_LIST_PAGE_MAX = 100;
/** No image a post can carry is larger (the lexicon's 1,000,000 bytes; some clients went to 2 MB); a blob declared larger is not fetched. */
export const BLUESKY_HISTORY_MAX_BLOB_BYTES = 5_000_000;
/** The handle a PDS reports when the account's handle no longer resolves (@atproto/syntax). */
const INVALID_HANDLE = 'handle.invalid';

/** A blob reference as listRecords hands it back: typed (`ref`, a CID or `{ $link }`) or the legacy `{ cid }`. */
const BlobSchema = z.union([
  z.object({ ref: z.unknown(), mimeType: z.string(), size: z.number().optional() }),
  z.object({ cid: z.string(), mimeType: z.string() }),
]);
const ImagesSchema = z.object({ images: z.array(z.object({ image: BlobSchema, alt: z.string().optional() })) });

const PostRecordSchema = z.object({
  text: z.string(),
  createdAt: z.string(),
  reply: z.unknown().optional(),
  facets: z
    .array(
      z.object({
        index: z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() }),
        features: z.array(z.object({ $type: z.string(), uri: z.string().optional() })),
      }),
    )
    .optional(),
  embed: z.object({ $type: z.string(), images: z.unknown().optional(), media: z.unknown().optional() }).optional(),
});
type PostRecord = z.infer<typeof PostRecordSchema>;

export interface BlueskyHistoryOptions {
  /** The account's id in Spheres ("bluesky:did:plc:…"): one agent per account, as the publisher keeps them. */
  accountId: string;
  /** From AccountsService.credentialsFor: the access token, and the DID, handle and PDS in `extra`. */
  credentials: Credentials;
  skip: (skipped: SkippedPost) => void;
  signal: AbortSignal;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Records per listRecords page (1–100, 100 by default). */
  pageSize?: number;
  /** @atproto/api, loaded when the import starts by default. */
  api?: typeof AtprotoApi;
}

let atproto: Promise<typeof AtprotoApi> | undefined;
function loadAtproto(): Promise<typeof AtprotoApi> {
  atproto ??= import('@atproto/api');
  return atproto;
}

/** The CID of a blob reference, whichever way the client decoded it. */
function blobCid(blob: z.infer<typeof BlobSchema>): string | null {
  if ('cid' in blob) return blob.cid;
  const ref = blob.ref;
  if (typeof ref === 'object' && ref !== null && '$link' in ref && typeof ref.$link === 'string') return ref.$link;
  // A CID object (multiformats): its string form is the CID.
  if (typeof ref === 'object' && ref !== null && 'toString' in ref) {
    const text = String(ref);
    if (/^b[a-z2-7]{20,}$/.test(text)) return text;
  }
  return null;
}

/**
 * The post's text with each link facet's address written out: apps show a long link shortened
 * ("example.com/a-very-lo...") and keep the address only in the facet.
 */
export function expandLinks(record: Pick<PostRecord, 'text' | 'facets'>): string {
  const bytes = new TextEncoder().encode(record.text);
  const decoder = new TextDecoder();
  const links = (record.facets ?? [])
    .map((facet) => ({ ...facet.index, uri: facet.features.find((feature) => feature.$type === 'app.bsky.richtext.facet#link')?.uri }))
    .filter((link): link is { byteStart: number; byteEnd: number; uri: string } => link.uri !== undefined && link.byteStart < link.byteEnd && link.byteEnd <= bytes.length)
    .sort((a, b) => a.byteStart - b.byteStart);
  let text = '';
  let at = 0;
  for (const link of links) {
    if (link.byteStart < at) continue;
    const shown = decoder.decode(bytes.slice(link.byteStart, link.byteEnd));
    const bare = shown.replace(/(\.\.\.|…)$/, '');
    const withoutScheme = link.uri.replace(/^https?:\/\//, '');
    // Only a shortened form of the same address is replaced; a link on other words ("read this") stays as written.
    if (shown === link.uri || !(link.uri.startsWith(bare) || withoutScheme.startsWith(bare))) continue;
    text += decoder.decode(bytes.slice(at, link.byteStart)) + link.uri;
    at = link.byteEnd;
  }
  return text + decoder.decode(bytes.slice(at));
}

function unreadable(handle: string, error: unknown): HistoryImportError {
  if (error instanceof HistoryImportError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new HistoryImportError('unreadable', `Bluesky did not hand over the posts of @${handle}: ${reason}`, { cause: error });
}

/**
 * Every post of a connected Bluesky account, newest first, read from its own PDS; nothing is written
 * there. The posts' images are fetched only when the import service stores them (`media.fetch`).
 */
export async function* blueskyHistory(options: BlueskyHistoryOptions): AsyncIterable<ImportedPost> {
  const handleOf = options.credentials.extra?.['handle'];
  const displayHandle = handleOf ?? options.credentials.extra?.['did'] ?? options.accountId;
  const extra = options.credentials.extra;
  if (extra?.['did'] === undefined || extra['service'] === undefined || options.credentials.accessToken === undefined) {
    throw new HistoryImportError('unreadable', `Spheres is missing part of the Bluesky sign-in of @${displayHandle}. Connect the account again, then import its history.`);
  }
  let agent: AtprotoApi.Agent;
  let did: string;
  try {
    const api = options.api ?? (await loadAtproto());
    const agents = new BlueskyAgents(api, { fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? BLUESKY_REQUEST_TIMEOUT_MS });
    ({ agent, did } = agents.agentFor(options.accountId, options.credentials));
  } catch (error) {
    throw unreadable(displayHandle, error);
  }
  const profile = handleOf === undefined || handleOf === INVALID_HANDLE ? did : handleOf;
  const limit = Math.min(Math.max(Math.trunc(options.pageSize ?? BLUESKY_LIST_PAGE_MAX), 1), BLUESKY_LIST_PAGE_MAX);

  let cursor: string | undefined;
  const seenCursors = new Set<string>();
  do {
    options.signal.throwIfAborted();
    let page: AtprotoApi.ComAtprotoRepoListRecords.Response;
    try {
      page = await agent.com.atproto.repo.listRecords({ repo: did, collection: POST_COLLECTION, limit, ...(cursor === undefined ? {} : { cursor }) });
    } catch (error) {
      throw unreadable(displayHandle, error);
    }
    for (const record of page.data.records) {
      options.signal.throwIfAborted();
      const post = importedPost(record, { did, profile, agent, skip: options.skip });
      if (post !== null) yield post;
    }
    cursor = page.data.cursor;
    // A PDS that hands back the same cursor twice would loop for ever.
    if (cursor !== undefined && seenCursors.has(cursor)) break;
    if (cursor !== undefined) seenCursors.add(cursor);
    if (page.data.records.length === 0) break;
  } while (cursor !== undefined);
}

interface PostContext {
  did: string;
  profile: string;
  agent: AtprotoApi.Agent;
  skip: (skipped: SkippedPost) => void;
}

function importedPost(record: { uri: string; value: unknown }, context: PostContext): ImportedPost | null {
  const where = record.uri;
  const parsed = PostRecordSchema.safeParse(record.value);
  if (!parsed.success) {
    context.skip({ where, reason: 'It is not a post record Spheres can read.' });
    return null;
  }
  const value = parsed.data;
  const createdAt = Date.parse(value.createdAt);
  if (Number.isNaN(createdAt)) {
    context.skip({ where, reason: `Its time (${value.createdAt.slice(0, 40)}) is not a date.` });
    return null;
  }
  const rkey = record.uri.split('/').pop() ?? '';
  return {
    network: 'bluesky',
    remoteId: record.uri,
    url: `https://bsky.app/profile/${context.profile}/post/${rkey}`,
    publishedAt: new Date(createdAt).toISOString(),
    text: expandLinks(value),
    kind: value.reply === undefined ? 'post' : 'reply',
    media: imagesOf(value, where, context),
  };
}

function imagesOf(value: PostRecord, where: string, context: PostContext): ImportedMedia[] {
  const embed = value.embed;
  if (embed === undefined) return [];
  // A quote post with images keeps them under `media` (app.bsky.embed.recordWithMedia).
  const holder = embed.$type === 'app.bsky.embed.recordWithMedia' ? embed.media : embed;
  const images = ImagesSchema.safeParse(holder);
  if (!images.success) {
    if (JSON.stringify(holder ?? {}).includes('app.bsky.embed.video')) context.skip({ where, reason: 'Its video is not imported; the post is imported without it.' });
    return [];
  }
  const media: ImportedMedia[] = [];
  for (const { image, alt } of images.data.images) {
    const cid = blobCid(image);
    if (cid === null) {
      context.skip({ where, reason: 'One of its images has no blob address; the post is imported without it.' });
      continue;
    }
    const declared = 'size' in image ? image.size : undefined;
    if (declared !== undefined && declared > BLUESKY_HISTORY_MAX_BLOB_BYTES) {
      context.skip({ where, reason: `Its image ${cid} is ${declared} bytes, more than an image on Bluesky can be; the post is imported without it.` });
      continue;
    }
    media.push({
      path: `at://${context.did}/blob/${cid}`,
      altText: alt ?? '',
      fetch: async () => {
        let blob: AtprotoApi.ComAtprotoSyncGetBlob.Response;
        try {
          blob = await context.agent.com.atproto.sync.getBlob({ did: context.did, cid });
        } catch (error) {
          throw new HistoryImportError('unreadable', `Bluesky did not hand over the image ${cid} of ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        if (blob.data.byteLength > BLUESKY_HISTORY_MAX_BLOB_BYTES) {
          throw new HistoryImportError('too_large', `Bluesky's image ${cid} of ${where} is ${blob.data.byteLength} bytes, more than an image on Bluesky can be.`);
        }
        return blob.data;
      },
    });
  }
  return media;
}
