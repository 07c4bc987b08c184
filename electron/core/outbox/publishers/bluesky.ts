import type * as AtprotoApi from '@atproto/api';
import { TID } from '@atproto/common-web';
import { BLUESKY_MAX_IMAGE_BYTES } from '../../../../common/networks';
import type { RemoteRef } from '../intent-file';
import type { PartRequest, Publisher } from '../publisher';
import { PublishFailure } from '../publish-failure';
import { BLUESKY_REQUEST_TIMEOUT_MS, BlueskyAgents } from './bluesky-agent';
import { postText } from './bluesky-facets';
import { BLUESKY_CREATE_POINTS, WriteBudget } from './bluesky-budget';
import { blueskyFailure } from './bluesky-failure';
import { shrinkWithSharp, type ShrinkImage } from './image-shrink';
import { DEFAULT_LINK_CARD_LIMITS, fetchLinkCard, type LinkCard, type LinkCardLimits } from './link-card';
import { imageName, readPostImage, type PostImage, type ReadMedia } from './post-image';

const POST_COLLECTION = 'app.bsky.feed.post';

/** An images embed holds at most 4. https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/images.json */
export const BLUESKY_IMAGES_PER_POST = 4;
/** Each image blob's limit, the one the composer warns with (common/networks/bluesky.ts cites the lexicon). */
export const BLUESKY_IMAGE_MAX_BYTES = BLUESKY_MAX_IMAGE_BYTES;

/** An image that was over Bluesky's limit and went out smaller, so the person can be told. */
export interface ImageAdjustment {
  accountId: string;
  mediaId: string;
  before: { bytes: number; width: number; height: number; mime: string };
  after: { bytes: number; width: number; height: number; mime: string };
}

export interface BlueskyPublisherOptions {
  now(): Date;
  fetch?: typeof globalThis.fetch;
  /** How long one request may take before its outcome counts as unknown (30 s by default). */
  timeoutMs?: number;
  /** The bytes of an attached image by its media id: MediaLibrary.read. Without it a post with images fails for good. */
  readMedia?: ReadMedia;
  /** Makes an over-large image fit (sharp by default). */
  shrinkImage?: ShrinkImage;
  /** Called for every image that was re-encoded smaller to fit. */
  onImageAdjusted?(adjustment: ImageAdjustment): void;
  /** Fetches the page and image of a link card (the global fetch by default): never the PDS's fetch, which carries the token. */
  cardFetch?: typeof globalThis.fetch;
  cardLimits?: LinkCardLimits;
  /** Bluesky's write budget per account, kept here (one per publisher, so per app); the PDS's own by default. */
  budget?: WriteBudget;
}

/** @atproto/api loads every Bluesky lexicon (about half a second): only when the first post goes out. */
let atproto: Promise<typeof AtprotoApi> | undefined;
function loadAtproto(): Promise<typeof AtprotoApi> {
  atproto ??= import('@atproto/api');
  return atproto;
}

/**
 * Posts to Bluesky exactly once. The record key is a TID chosen by us and saved in the intent
 * before `com.atproto.repo.createRecord` carries it; when an answer is lost, `getRecord` at that key
 * decides (the reference PDS answers a reused key with HTTP 500, so the error cannot be relied on).
 * https://atproto.com/specs/record-key#record-key-type-tid
 * https://docs.bsky.app/docs/advanced-guides/posts (facets, replies, images, link cards)
 *
 * Images and link-card thumbnails go up with uploadBlob before the record. A blob is named by its
 * content (its CID), so uploading the same bytes again after a crash, a lost answer or a retry
 * gives the same blob and no second copy (the reference PDS keys its blob table by CID and keeps an
 * upload in temporary storage until a record names it). So re-uploading is harmless and nothing
 * about blobs is written to the intent: only the record needs to be exactly once.
 */
export class BlueskyPublisher implements Publisher {
  readonly network = 'bluesky' as const;
  readonly #options: BlueskyPublisherOptions;
  readonly #budget: WriteBudget;
  #agents: Promise<BlueskyAgents> | undefined;

  constructor(options: BlueskyPublisherOptions) {
    this.#options = options;
    this.#budget = options.budget ?? new WriteBudget();
  }

  newKey(): string {
    return TID.nextStr();
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    const agents = await this.#agentsReady();
    const budget = this.#budget.reserve(request.accountId, BLUESKY_CREATE_POINTS, this.#options.now().getTime());
    if (!budget.ok) {
      const minutes = Math.ceil(budget.retryAfterMs / 60_000);
      throw new PublishFailure(
        'retryable',
        'rate_limited',
        `Bluesky's ${budget.limit} limit on posts for this account is reached; Spheres sends this post when it allows more, in about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { retryAfterMs: budget.retryAfterMs },
      );
    }
    let requested = false;
    try {
      const { agent, did } = agents.agentFor(request.accountId, request.credentials);
      const media = request.index === 0 ? request.extras.media : [];
      if (media.length > BLUESKY_IMAGES_PER_POST) {
        throw new PublishFailure(
          'permanent',
          'rejected',
          `Bluesky takes at most ${BLUESKY_IMAGES_PER_POST} images in a post; this one has ${media.length}. Remove ${media.length - BLUESKY_IMAGES_PER_POST} in the composer, then post again.`,
        );
      }
      const text = await postText(agents.api, agent, request.text);
      const embed = media.length > 0 ? await this.#imagesEmbed(agent, request.accountId, media) : await this.#cardEmbed(agent, text.firstLink);
      const record: AtprotoApi.AppBskyFeedPost.Record = {
        $type: POST_COLLECTION,
        text: text.text,
        createdAt: this.#options.now().toISOString(),
        ...(text.facets.length === 0 ? {} : { facets: text.facets }),
        ...(request.index === 0 ? {} : { reply: replyTo(request.done) }),
        ...(embed === null ? {} : { embed }),
      };
      requested = true;
      const created = await agent.com.atproto.repo.createRecord({ repo: did, collection: POST_COLLECTION, rkey: request.key, record });
      return refOf(did, request.key, created.data);
    } catch (error) {
      // Refused before the record was asked for (an image that cannot go): Bluesky counted nothing.
      if (!requested) this.#budget.refund(request.accountId, BLUESKY_CREATE_POINTS);
      throw blueskyFailure(agents.api, error, this.#options.now());
    }
  }

  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    const agents = await this.#agentsReady();
    try {
      const { agent, did } = agents.agentFor(request.accountId, request.credentials);
      const found = await agent.com.atproto.repo.getRecord({ repo: did, collection: POST_COLLECTION, rkey: request.key });
      if (found.data.cid === undefined) return null;
      return refOf(did, request.key, { uri: found.data.uri, cid: found.data.cid });
    } catch (error) {
      if (error instanceof agents.api.ComAtprotoRepoGetRecord.RecordNotFoundError) return null;
      throw blueskyFailure(agents.api, error, this.#options.now());
    }
  }

  /** Every image read, stripped of location, made to fit, then uploaded, in the post's order, with its alt text. */
  async #imagesEmbed(agent: AtprotoApi.Agent, accountId: string, media: PartRequest['extras']['media']): Promise<AtprotoApi.$Typed<AtprotoApi.AppBskyEmbedImages.Main>> {
    const ready: PostImage[] = [];
    // All read and checked before the first upload: an image that cannot go fails the post before anything is sent.
    for (const ref of media) ready.push(await this.#fitted(accountId, await readPostImage(ref, this.#options.readMedia, 'Bluesky')));
    const images: AtprotoApi.AppBskyEmbedImages.Image[] = [];
    for (const image of ready) {
      const uploaded = await agent.com.atproto.repo.uploadBlob(image.bytes, { encoding: image.mime });
      images.push({ image: uploaded.data.blob, alt: image.altText, aspectRatio: { width: image.width, height: image.height } });
    }
    return { $type: 'app.bsky.embed.images', images };
  }

  async #fitted(accountId: string, image: PostImage): Promise<PostImage> {
    if (image.bytes.length <= BLUESKY_IMAGE_MAX_BYTES) return image;
    const smaller = await (this.#options.shrinkImage ?? shrinkWithSharp)(image, BLUESKY_IMAGE_MAX_BYTES);
    if (smaller.bytes.length > BLUESKY_IMAGE_MAX_BYTES) {
      throw new PublishFailure('permanent', 'too_large', `The ${imageName(image.mediaId)} is larger than Bluesky's ${BLUESKY_IMAGE_MAX_BYTES.toLocaleString('en')} bytes and could not be made smaller. Attach a smaller image, then Retry.`);
    }
    const facts = (it: PostImage) => ({ bytes: it.bytes.length, width: it.width, height: it.height, mime: it.mime });
    this.#options.onImageAdjusted?.({ accountId, mediaId: image.mediaId, before: facts(image), after: facts(smaller) });
    return smaller;
  }

  /**
   * The card for the first link, made as the Bluesky app makes it; null when there is no link or
   * the page gave nothing usable. A thumbnail the PDS will not take leaves the card without one.
   */
  async #cardEmbed(agent: AtprotoApi.Agent, link: string | null): Promise<AtprotoApi.$Typed<AtprotoApi.AppBskyEmbedExternal.Main> | null> {
    if (link === null) return null;
    const card: LinkCard | null = await fetchLinkCard(link, this.#options.cardFetch ?? globalThis.fetch, this.#options.cardLimits ?? DEFAULT_LINK_CARD_LIMITS);
    if (card === null) return null;
    let thumb: AtprotoApi.AppBskyEmbedExternal.External['thumb'];
    if (card.thumb !== null) {
      try {
        thumb = (await agent.com.atproto.repo.uploadBlob(card.thumb.bytes, { encoding: card.thumb.mime })).data.blob;
      } catch {
        thumb = undefined;
      }
    }
    return { $type: 'app.bsky.embed.external', external: { uri: card.uri, title: card.title, description: card.description, ...(thumb === undefined ? {} : { thumb }) } };
  }

  #agentsReady(): Promise<BlueskyAgents> {
    this.#agents ??= loadAtproto().then(
      (api) => new BlueskyAgents(api, { fetch: this.#options.fetch ?? globalThis.fetch, timeoutMs: this.#options.timeoutMs ?? BLUESKY_REQUEST_TIMEOUT_MS }),
    );
    return this.#agents;
  }
}

/** Bluesky threads: every reply names the thread's first post (root) and the post it answers (parent). */
function replyTo(done: readonly RemoteRef[]): AtprotoApi.AppBskyFeedPost.ReplyRef {
  const root = done[0];
  const parent = done.at(-1);
  if (root?.cid === undefined || parent?.cid === undefined) throw new Error('a reply needs the uri and cid of the posts before it');
  return { root: { uri: root.id, cid: root.cid }, parent: { uri: parent.id, cid: parent.cid } };
}

function refOf(did: string, rkey: string, created: { uri: string; cid: string }): RemoteRef {
  return { id: created.uri, cid: created.cid, url: `https://bsky.app/profile/${did}/post/${rkey}` };
}
