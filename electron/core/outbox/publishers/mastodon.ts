import { randomBytes } from 'node:crypto';
import type { RemoteRef } from '../intent-file';
import { classifyHttpStatus } from '../publish-failure';
import type { PartRequest, Publisher } from '../publisher';
import { MASTODON_REQUEST_TIMEOUT_MS, MastodonClient } from './mastodon-client';
import { unreadableAnswer } from './mastodon-failure';
import { DEFAULT_MEDIA_POLLING, uploadImage, type MastodonImage, type MediaPolling } from './mastodon-media';
import { CLOCK_SKEW_MS, findStatus, refOf, StatusSchema } from './mastodon-reconcile';
import { readPostImage, type ReadMedia } from './post-image';

/** File names Mastodon is told (it shows none of them; its checks look at the extension). */
const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

export interface MastodonPublisherOptions {
  now(): Date;
  /**
   * The origin of the account's server (https://mastodon.social): the account's `serverUrl`,
   * checked with parseMastodonServer. Credentials hold only the token.
   */
  serverOf(accountId: string): Promise<string>;
  /** The bytes of an attached image by its media id: MediaLibrary.read. Without it a post with images fails for good. */
  readMedia?: ReadMedia;
  fetch?: typeof globalThis.fetch;
  /** How long one request may take before its outcome counts as unknown (30 s by default). */
  timeoutMs?: number;
  mediaPolling?: MediaPolling;
  sleep?(ms: number): Promise<void>;
}

/**
 * Mastodon remembers an Idempotency-Key for an hour from the status it made
 * (https://docs.joinmastodon.org/methods/statuses/#create). A resend trusts the key only this long
 * after the part's key was chosen (never later than the status could have been made), less a margin
 * for the two clocks; after that the account's own statuses are searched first.
 */
export const IDEMPOTENCY_TRUSTED_MS = 60 * 60_000 - CLOCK_SKEW_MS;

/** Record keys are `<ms since the epoch when chosen>-<random>`: the time bounds when the part can have been made. */
const KEY = /^(\d{12,16})-[0-9a-f]{8,32}$/;

export function timeOfKey(key: string): Date | null {
  const match = KEY.exec(key);
  return match === null ? null : new Date(Number(match[1]));
}

/** The header of one part: the target's key and the part's place, so every part has its own, the same on every retry. */
export function idempotencyKeyOf(request: Pick<PartRequest, 'idempotencyKey' | 'index'>): string {
  return `${request.idempotencyKey}-part-${request.index + 1}`;
}

/**
 * Posts to Mastodon exactly once: https://docs.joinmastodon.org/methods/statuses/#create with an
 * Idempotency-Key per part; a thread's later parts answer the part before (`in_reply_to_id`); images
 * go to the first part through /api/v2/media with their alt text.
 */
export class MastodonPublisher implements Publisher {
  readonly network = 'mastodon' as const;
  readonly #options: MastodonPublisherOptions;
  /**
   * Images uploaded for a part's Idempotency-Key and not yet known to be in a status: a resend in
   * this process reuses them (Mastodon answers a known key before it looks at media_ids).
   */
  readonly #uploaded = new Map<string, string[]>();

  constructor(options: MastodonPublisherOptions) {
    this.#options = options;
  }

  newKey(): string {
    return `${this.#options.now().getTime()}-${randomBytes(8).toString('hex')}`;
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    const { client, token } = await this.#session(request);
    const spoilerText = request.extras.contentWarning;
    const idempotencyKey = idempotencyKeyOf(request);
    const mediaIds = request.index === 0 ? await this.#images(client, token, idempotencyKey, request.extras.media) : [];
    const parent = request.index === 0 ? null : request.done.at(-1);
    if (parent === undefined) throw new Error('a reply needs the id of the part before it');
    const answer = await client.call({
      method: 'POST',
      path: '/api/v1/statuses',
      token,
      headers: { 'idempotency-key': idempotencyKey },
      json: {
        status: request.text,
        visibility: 'public',
        ...(spoilerText === '' ? {} : { spoiler_text: spoilerText }),
        ...(parent === null ? {} : { in_reply_to_id: parent.id }),
        ...(mediaIds.length === 0 ? {} : { media_ids: mediaIds }),
      },
      doing: 'the post',
    });
    const status = StatusSchema.safeParse(answer.body);
    if (!status.success) throw unreadableAnswer('the post');
    this.#uploaded.delete(idempotencyKey);
    return refOf(status.data);
  }

  /**
   * Within the hour Mastodon keeps the part's Idempotency-Key, sending again is safe: the server
   * answers the status it already made. Later, the part is looked for among the account's statuses.
   */
  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    const chosenAt = timeOfKey(request.key);
    if (chosenAt !== null && this.#options.now().getTime() - chosenAt.getTime() < IDEMPOTENCY_TRUSTED_MS) return null;
    const { client, token } = await this.#session(request);
    const scopes = request.credentials.scopes ?? [];
    return findStatus(client, token, scopes.includes('read') || scopes.includes('read:statuses'), {
      text: request.text,
      spoilerText: request.extras.contentWarning,
      inReplyToId: request.index === 0 ? null : (request.done.at(-1)?.id ?? null),
      // A key that is not ours says nothing about its time: look back as far as the search goes.
      since: chosenAt ?? new Date(0),
    });
  }

  async #session(request: PartRequest): Promise<{ client: MastodonClient; token: string }> {
    const token = request.credentials.accessToken;
    if (token === undefined) throw classifyHttpStatus(401, 'Mastodon', null);
    const origin = await this.#options.serverOf(request.accountId);
    const client = new MastodonClient(origin, {
      fetch: this.#options.fetch ?? globalThis.fetch,
      timeoutMs: this.#options.timeoutMs ?? MASTODON_REQUEST_TIMEOUT_MS,
      now: this.#options.now,
    });
    return { client, token };
  }

  async #images(client: MastodonClient, token: string, idempotencyKey: string, media: PartRequest['extras']['media']): Promise<string[]> {
    const earlier = this.#uploaded.get(idempotencyKey);
    if (earlier !== undefined && earlier.length === media.length) return earlier;
    const sleep = this.#options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    // All read and stripped of location before the first upload: an image that cannot go fails the post before anything is sent.
    const images: MastodonImage[] = [];
    for (const ref of media) {
      const image = await readPostImage(ref, this.#options.readMedia, 'Mastodon');
      // Alt text travels as the attachment's description: https://docs.joinmastodon.org/methods/media/#v2
      images.push({ bytes: image.bytes, mimeType: image.mime, fileName: `${image.mediaId.slice(0, 16)}.${EXTENSIONS[image.mime] ?? 'img'}`, description: image.altText });
    }
    const ids: string[] = [];
    for (const image of images) ids.push(await uploadImage(client, token, image, this.#options.mediaPolling ?? DEFAULT_MEDIA_POLLING, sleep));
    if (ids.length > 0) this.#uploaded.set(idempotencyKey, ids);
    return ids;
  }
}
