import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RemoteRef } from '../intent-file';
import type { MediaHostPort } from '../media-host';
import { classifyHttpStatus, PublishFailure } from '../publish-failure';
import type { PartRequest, Publisher } from '../publisher';
import {
  assertPublishingAllowed,
  containerFailed,
  containerOfStep,
  DEFAULT_CONTAINER_POLLING,
  hostImages,
  readContainer,
  settledContainer,
  imagesOfStep,
  stepOfContainer,
  type ContainerPolling,
  type ContainerState,
  type HostedImages,
} from './meta-container';
import { GraphClient, idIn, META_REQUEST_TIMEOUT_MS } from './meta-graph';
import { readPostImage, type PostImage, type ReadMedia } from './post-image';

export interface MetaPublisherOptions {
  now(): Date;
  fetch?: typeof globalThis.fetch;
  /** The graph host (https://graph.threads.net, https://graph.instagram.com); tests point it at a fake. */
  graphOrigin?: string;
  /** How long one request may take before its outcome counts as unknown (30 s by default). */
  timeoutMs?: number;
  /** The bytes of an attached image by its media id: MediaLibrary.read. */
  readMedia?: ReadMedia;
  /** Where images go for Meta to download them; none set up: image posts are refused (assisted posting takes them). */
  mediaHost?: MediaHostPort;
  polling?: ContainerPolling;
  sleep?(ms: number): Promise<void>;
  /** The account's id on the network (the connector keeps it in the account id and in facts.userId). */
  userIdOf?(accountId: string): Promise<string>;
}

/** Made for one part: the container to publish and the images to remove once Meta has them. */
export interface MadeContainer {
  containerId: string;
  hosted: HostedImages | null;
}

/** What differs between Threads and Instagram; the container flow itself is shared (MetaPublisher). */
export interface MetaDialect {
  network: 'threads' | 'instagram';
  name: string;
  defaultOrigin: string;
  /** `/v1.0` on Threads; none on Instagram (graph.instagram.com answers its latest version). */
  version: string;
  statusField: 'status' | 'status_code';
  limitEdge: string;
  publishEdge: string;
  /** Whether the daily limit Spheres can read applies to this part (Threads counts replies apart, readable only with threads_manage_replies). */
  limited(request: PartRequest): boolean;
  /** Checks the part before anything is uploaded or made (Instagram: an image, no later parts). */
  check(request: PartRequest): void;
  /** Makes the part's container (and its carousel items) from the hosted images. */
  make(client: GraphClient, userId: string, request: PartRequest, hosted: HostedImages | null, settle: (containerId: string) => Promise<ContainerState>): Promise<string>;
  /** Where the account's own posts are listed, for the id of a container found PUBLISHED: path and text field. */
  ownPosts(userId: string, request: PartRequest): { path: string; textField: string };
}

/** Clocks of this computer and Meta's may differ: posts this much older than the part's key still count. */
const CLOCK_SKEW_MS = 10 * 60_000;
const KEY = /^(\d{12,16})-[0-9a-f]{8,32}$/;

const OwnPostsSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1).max(100), timestamp: z.string().max(100).optional(), permalink: z.string().max(2000).optional() }).catchall(z.unknown())),
  /** Cursor paging (https://developers.facebook.com/docs/graph-api/results): `next` only while there are more. */
  paging: z.object({ cursors: z.object({ after: z.string().max(500).optional() }).optional(), next: z.string().max(4000).optional() }).optional(),
});

/** Pages of the account's posts read (100 each, only since the part was sent) before the look gives up as unknown. */
const FIND_PAGES = 10;

/**
 * Posts to a Meta network exactly once. Each part is a container (POST /{user-id}/threads or
 * /media) published by a second request (threads_publish, media_publish). The container's id is
 * saved in the intent (PartRequest.saveStep) before the publish request leaves, so an unknown
 * outcome asks Meta about that container: PUBLISHED → the post is there; FINISHED → publish it;
 * ERROR or EXPIRED → a new container. A container whose id was never saved was never published
 * (only saved containers are), so making a new one is safe. A container can be published only
 * once, which makes even a late duplicate publish request harmless.
 */
export class MetaPublisher implements Publisher {
  readonly network: 'threads' | 'instagram';
  readonly #options: MetaPublisherOptions;
  readonly #dialect: MetaDialect;
  /**
   * Images of containers whose state Spheres could not learn (a status check that failed): Meta
   * may still be downloading them. Removed once a later attempt in this process sees the container
   * settled; after a restart the media host's sweep of old images (removeOlderThan) takes them.
   */
  readonly #unsettledImages = new Map<string, HostedImages>();

  constructor(dialect: MetaDialect, options: MetaPublisherOptions) {
    this.network = dialect.network;
    this.#dialect = dialect;
    this.#options = options;
  }

  newKey(): string {
    return `${this.#options.now().getTime()}-${randomBytes(8).toString('hex')}`;
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    const { saveStep } = request;
    if (saveStep === undefined) throw new Error(`${this.#dialect.name} posts need an outbox that saves each part's container before publishing it`);
    this.#dialect.check(request);
    const { client, userId } = await this.#session(request);
    const graph = this.#dialect.version;
    if (this.#dialect.limited(request)) await assertPublishingAllowed(client, `${graph}/${encodeURIComponent(userId)}/${this.#dialect.limitEdge}`);
    const settle = (containerId: string) => settledContainer(client, (id) => this.#read(client, id), containerId, this.#polling(), this.#sleep());

    let containerId = containerOfStep(request.step);
    // Images a process that died before its container was made (or settled) left on the media host.
    if (containerId === null) await this.#removeStepImages(request.step);
    if (containerId !== null) {
      const state = await settle(containerId);
      await this.#releaseImages(containerId);
      await this.#removeStepImages(request.step);
      if (state.status === 'PUBLISHED') return this.#findPublished(client, userId, request);
      // A container that expired or failed is replaced; one that is ready is published as it is.
      if (state.status !== 'FINISHED') containerId = null;
    }
    if (containerId === null) containerId = await this.#makeContainer(client, userId, request, saveStep, settle);
    let published: Record<string, unknown>;
    try {
      published = await client.call({ method: 'POST', path: `${graph}/${encodeURIComponent(userId)}/${this.#dialect.publishEdge}`, form: { creation_id: containerId }, doing: 'the publish' });
    } catch (error) {
      // A refusal may mean an earlier publish of this container arrived late: a container publishes only once.
      if (error instanceof PublishFailure && error.kind === 'permanent' && (await this.#read(client, containerId)).status === 'PUBLISHED') return this.#findPublished(client, userId, request);
      throw error;
    }
    const id = idIn(published, this.#dialect.name, 'the publish');
    return { id, ...(await this.#permalinkOf(client, id)) };
  }

  /**
   * The part's saved container decides: PUBLISHED → find the post it became; anything else (or no
   * container saved) → null, and sendPart publishes the saved container or makes a new one.
   */
  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    const containerId = containerOfStep(request.step);
    if (containerId === null) return null;
    const { client, userId } = await this.#session(request);
    const state = await this.#read(client, containerId);
    if (state.status !== 'IN_PROGRESS') {
      await this.#releaseImages(containerId);
      await this.#removeStepImages(request.step);
    }
    return state.status === 'PUBLISHED' ? this.#findPublished(client, userId, request) : null;
  }

  async #makeContainer(
    client: GraphClient,
    userId: string,
    request: PartRequest,
    saveStep: (step: string | null) => Promise<void>,
    settle: (containerId: string) => Promise<ContainerState>,
  ): Promise<string> {
    const hosted = await this.#hostImages(request);
    const imageKeys = hosted?.images.map((image) => image.key) ?? [];
    let containerId: string;
    try {
      // The images' names on disk before the container is asked for: a process that dies now leaves none unknown.
      if (imageKeys.length > 0) await saveStep(stepOfContainer(null, imageKeys));
      containerId = await this.#dialect.make(client, userId, request, hosted, settle);
      // On disk before the publish request leaves (intent-file.ts, write 2b).
      await saveStep(stepOfContainer(containerId, imageKeys));
    } catch (error) {
      await hosted?.remove();
      throw error;
    }
    let state: ContainerState;
    try {
      state = await settle(containerId);
    } catch (error) {
      // Not known to be settled: Meta may still be downloading, so the images stay for now.
      if (hosted !== null) this.#unsettledImages.set(containerId, hosted);
      throw error;
    }
    await hosted?.remove();
    if (state.status !== 'FINISHED') throw containerFailed(this.#dialect.name, state);
    return containerId;
  }

  /** Removes the images a saved step names (a removal of one already gone is no error). */
  async #removeStepImages(step: string | null | undefined): Promise<void> {
    const keys = imagesOfStep(step);
    if (keys.length === 0) return;
    const host = (await this.#options.mediaHost?.()) ?? null;
    // Left for the media host's sweep of old images when it cannot be had just now.
    await Promise.all(keys.map((key) => host?.remove(key).catch(() => undefined)));
  }

  async #releaseImages(containerId: string): Promise<void> {
    const hosted = this.#unsettledImages.get(containerId);
    this.#unsettledImages.delete(containerId);
    await hosted?.remove();
  }

  async #hostImages(request: PartRequest): Promise<HostedImages | null> {
    const refs = request.extras.media;
    if (refs.length === 0) return null;
    const name = this.#dialect.name;
    const host = (await this.#options.mediaHost?.()) ?? null;
    if (host === null) {
      throw new PublishFailure(
        'permanent',
        'media_host_refused',
        `${name} takes images only from a public address, and no media host is set up. Set one up in Settings → Media host and Retry, or post it yourself with assisted posting.`,
      );
    }
    // All read and stripped of location before the first upload: an image that cannot go fails the post before anything leaves.
    const images: PostImage[] = [];
    for (const ref of refs) images.push(await readPostImage(ref, this.#options.readMedia, name));
    return hostImages(host, images);
  }

  #read(client: GraphClient, containerId: string): Promise<ContainerState> {
    return readContainer(client, this.#dialect.version, containerId, this.#dialect.statusField);
  }

  /**
   * The post a PUBLISHED container became: publish answered its id but the answer was lost, and
   * the container does not name it, so it is the account's own newest post with the part's text,
   * made no earlier than the part's key was chosen. Not found: unknown (never sent again blindly).
   */
  async #findPublished(client: GraphClient, userId: string, request: PartRequest): Promise<RemoteRef> {
    const { path, textField } = this.#dialect.ownPosts(userId, request);
    const since = KEY.exec(request.key);
    const oldest = since === null ? 0 : Number(since[1]) - CLOCK_SKEW_MS;
    const taken = new Set(request.done.map((ref) => ref.id));
    // Only posts made since the part's key was chosen (`since`, Unix seconds), page by page: an account
    // that posted much since is read further back, never just its newest page.
    let after: string | null = null;
    for (let page = 0; page < FIND_PAGES; page += 1) {
      let body: Record<string, unknown>;
      try {
        const query = `fields=id,${textField},timestamp,permalink&limit=100&since=${Math.floor(oldest / 1000)}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
        body = await client.call({ method: 'GET', path: `${path}?${query}`, doing: 'the look for the post among the account\'s posts' });
      } catch (error) {
        // The post is there: a refused look (a permission the token lacks) must not end it as failed.
        if (error instanceof PublishFailure && error.kind === 'permanent') {
          throw new PublishFailure('unknown', 'connection_lost', `${this.#dialect.name} says the post was published, but would not list the account's posts (${error.message}). Check the account on ${this.#dialect.name}, then Retry or Cancel.`, { cause: error });
        }
        throw error;
      }
      const posts = OwnPostsSchema.safeParse(body);
      if (!posts.success) break;
      const found = posts.data.data.find(
        (post) => post[textField] === request.text && !taken.has(post.id) && (post.timestamp === undefined || Date.parse(post.timestamp) >= oldest),
      );
      if (found !== undefined) return { id: found.id, ...(found.permalink === undefined ? {} : { url: found.permalink }) };
      after = posts.data.paging?.next === undefined ? null : (posts.data.paging.cursors?.after ?? null);
      if (after === null) break;
    }
    throw new PublishFailure(
      'unknown',
      'connection_lost',
      `${this.#dialect.name} says the post was published, but Spheres cannot find it among the account's posts since it was sent. Check the account on ${this.#dialect.name}, then Retry or Cancel.`,
    );
  }

  /** The post's address, for the link in the outbox; a failure here costs only the link. */
  async #permalinkOf(client: GraphClient, id: string): Promise<{ url?: string }> {
    try {
      const body = await client.call({ method: 'GET', path: `${this.#dialect.version}/${encodeURIComponent(id)}?fields=permalink`, doing: 'the post\'s address' });
      const url = body['permalink'];
      return typeof url === 'string' && /^https?:\/\//.test(url) && url.length <= 2000 ? { url } : {};
    } catch {
      return {};
    }
  }

  async #session(request: PartRequest): Promise<{ client: GraphClient; userId: string }> {
    const token = request.credentials.accessToken;
    if (token === undefined) throw classifyHttpStatus(401, this.#dialect.name, null);
    const userId = await (this.#options.userIdOf ?? userIdInAccountId)(request.accountId);
    const client = new GraphClient(this.#dialect.name, this.#options.graphOrigin ?? this.#dialect.defaultOrigin, token, {
      fetch: this.#options.fetch ?? globalThis.fetch,
      timeoutMs: this.#options.timeoutMs ?? META_REQUEST_TIMEOUT_MS,
      now: this.#options.now,
    });
    return { client, userId };
  }

  #polling(): ContainerPolling {
    return this.#options.polling ?? DEFAULT_CONTAINER_POLLING;
  }

  #sleep(): (ms: number) => Promise<void> {
    return this.#options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }
}

/** The connectors name Meta accounts `threads:<user id>` and `instagram:<user id>` (accountIdFor). */
export async function userIdInAccountId(accountId: string): Promise<string> {
  const match = /^(?:threads|instagram):(\d{1,40})$/.exec(accountId);
  if (match === null) {
    throw new PublishFailure('reconnect', 'reconnect_needed', 'Spheres does not know this account\'s id on Meta\'s network. Connect the account again; its posts wait until then.');
  }
  return match[1]!;
}
