/*
 * Posting to X, written from X's API documentation:
 * - https://docs.x.com/x-api/posts/create-post  POST /2/tweets: `text`, `reply.in_reply_to_tweet_id`,
 *   `media.media_ids`; 201 `{"data":{"id","text"}}`; 403 "You are not allowed to create a Tweet with
 *   duplicate content." for the same text again.
 * - https://docs.x.com/x-api/users/get-posts  GET /2/users/:id/tweets (`start_time`, `max_results`,
 *   `pagination_token`, `tweet.fields`): how an unknown outcome is settled.
 * - https://docs.x.com/x-api/media/quickstart/media-upload-chunked  the v2 chunked upload
 *   (initialize, append, finalize, STATUS) and https://docs.x.com/x-api/media/create-media-metadata
 *   (alt text).
 * - https://docs.x.com/fundamentals/rate-limits  `x-rate-limit-remaining` / `x-rate-limit-reset`.
 */
import type { RemoteRef } from '../intent-file';
import { classifyHttpStatus, PublishFailure } from '../publish-failure';
import type { PartRequest, Publisher } from '../publisher';
import { timeOfKey } from './mastodon';
import { readPostImage, type ReadMedia } from './post-image';
import { unreadableAnswer, X_REQUEST_TIMEOUT_MS, XClient, XDuplicateContent } from './x-client';
import { DEFAULT_X_MEDIA_POLLING, uploadXImage, type XMediaPolling } from './x-media';
import { findTweet, refOfTweet, TweetSchema } from './x-reconcile';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const X_API_ORIGIN = 'https://api.x.com';

export interface XPublisherOptions {
  now(): Date;
  /** X's API origin; tests point it at the loopback fake (behind the fault proxy). */
  apiOrigin?: string;
  /** The account's X user id (its `facts.userId`); by default read from an account id `x:<user id>`. */
  userIdOf?(accountId: string): Promise<string>;
  /** The bytes of an attached image by its media id: MediaLibrary.read. Without it a post with images fails for good. */
  readMedia?: ReadMedia;
  fetch?: typeof globalThis.fetch;
  /** How long one request may take before its outcome counts as unknown (30 s by default). */
  timeoutMs?: number;
  mediaPolling?: XMediaPolling;
  /** Bytes per appended segment (tests make it small to see several). */
  chunkBytes?: number;
  sleep?(ms: number): Promise<void>;
}

const CreatedSchema = z.object({ data: TweetSchema.pick({ id: true }).loose() }).loose();

/** The user id inside an account id the X connector made (`x:<user id>`). */
function userIdInAccountId(accountId: string): string {
  const match = /^x:(\d{1,30})$/.exec(accountId);
  if (match === null) throw new PublishFailure('reconnect', 'reconnect_needed', 'Spheres does not know this X account\'s user id. Connect the account again.');
  return match[1]!;
}

/**
 * Posts to X exactly once, without an idempotency key (X has none): the key saved before a send
 * carries its time, and after an unknown outcome the account's own posts since then are searched
 * before anything is sent again. X's own duplicate check is the second guard: a 403 "duplicate
 * content" means the post is there, so it is found and recorded, never sent as a variant.
 * A thread's later parts answer the part before; images go to the first part.
 */
export class XPublisher implements Publisher {
  readonly network = 'x' as const;
  readonly #options: XPublisherOptions;
  /** What X last said about each account's rate-limit windows: kept across parts and posts. */
  readonly #windows = new Map<string, Map<string, { remaining: number; resetAt: number }>>();
  /** Images uploaded for a part's key and not yet known to be in a post: a resend in this process reuses them. */
  readonly #uploaded = new Map<string, string[]>();

  constructor(options: XPublisherOptions) {
    this.#options = options;
  }

  /** `<ms since the epoch when chosen>-<random>` (the same form as Mastodon's): the time bounds the search after an unknown outcome. */
  newKey(): string {
    return `${this.#options.now().getTime()}-${randomBytes(8).toString('hex')}`;
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    const client = this.#client(request);
    const parent = request.index === 0 ? null : request.done.at(-1);
    if (parent === undefined) throw new Error('a reply needs the id of the part before it');
    // Before the images: a used-up window should not cost an upload.
    client.checkWindow('create_tweet');
    const mediaIds = request.index === 0 ? await this.#images(client, request) : [];
    let answer;
    try {
      answer = await client.call(
        {
          method: 'POST',
          path: '/2/tweets',
          json: {
            text: request.text,
            ...(parent === null ? {} : { reply: { in_reply_to_tweet_id: parent.id } }),
            ...(mediaIds.length === 0 ? {} : { media: { media_ids: mediaIds } }),
          },
          window: 'create_tweet',
          doing: 'the post',
        },
        [201, 200],
      );
    } catch (error) {
      if (!(error instanceof XDuplicateContent)) throw error;
      return this.#existing(client, request);
    }
    const created = CreatedSchema.safeParse(answer.body);
    if (!created.success) throw unreadableAnswer('the post');
    this.#uploaded.delete(request.key);
    return refOfTweet(created.data.data.id);
  }

  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    return findTweet(this.#client(request), await this.#wanted(request));
  }

  /** X says it has this text already: the post is the one sent before. Found, or unknown; never sent again. */
  async #existing(client: XClient, request: PartRequest): Promise<RemoteRef> {
    const found = await findTweet(client, await this.#wanted(request));
    if (found !== null) {
      this.#uploaded.delete(request.key);
      return found;
    }
    throw new PublishFailure(
      'unknown',
      'connection_lost',
      'X says this account already posted this text, but Spheres cannot find that post among the account\'s posts since it was first sent. Check the account on X, then Retry or Cancel.',
      { status: 403 },
    );
  }

  async #wanted(request: PartRequest) {
    const userId = await (this.#options.userIdOf ?? (async (accountId: string) => userIdInAccountId(accountId)))(request.accountId);
    return {
      userId,
      text: request.text,
      inReplyToId: request.index === 0 ? null : (request.done.at(-1)?.id ?? null),
      // A key that is not ours says nothing about its time: look back as far as the search goes.
      since: timeOfKey(request.key) ?? new Date(0),
    };
  }

  #client(request: PartRequest): XClient {
    const token = request.credentials.accessToken;
    if (token === undefined) throw classifyHttpStatus(401, 'X', null);
    let windows = this.#windows.get(request.accountId);
    if (windows === undefined) {
      windows = new Map();
      this.#windows.set(request.accountId, windows);
    }
    return new XClient(this.#options.apiOrigin ?? X_API_ORIGIN, token, windows, {
      fetch: this.#options.fetch ?? globalThis.fetch,
      timeoutMs: this.#options.timeoutMs ?? X_REQUEST_TIMEOUT_MS,
      now: this.#options.now,
    });
  }

  async #images(client: XClient, request: PartRequest): Promise<string[]> {
    const media = request.extras.media;
    const earlier = this.#uploaded.get(request.key);
    if (earlier !== undefined && earlier.length === media.length) return earlier;
    const sleep = this.#options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    // All read and stripped of location before the first upload: an image that cannot go fails the post before anything is sent.
    const images = [];
    for (const ref of media) images.push(await readPostImage(ref, this.#options.readMedia, 'X'));
    const ids: string[] = [];
    for (const image of images) {
      ids.push(
        await uploadXImage(
          client,
          { bytes: image.bytes, mimeType: image.mime, altText: image.altText, name: `image ${image.mediaId.slice(0, 8)}` },
          this.#options.mediaPolling ?? DEFAULT_X_MEDIA_POLLING,
          sleep,
          this.#options.chunkBytes,
        ),
      );
    }
    if (ids.length > 0) this.#uploaded.set(request.key, ids);
    return ids;
  }
}
