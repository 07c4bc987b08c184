import type { FakeReply, SeenRequest } from './http-fake';

/*
 * The publishing half of the Meta fakes (Threads and Instagram), written from Meta's documentation:
 * - Threads: https://developers.facebook.com/documentation/threads/reference/publishing (POST
 *   /{user-id}/threads with media_type TEXT | IMAGE | CAROUSEL, text, image_url, alt_text,
 *   is_carousel_item, children, reply_to_id; POST /{user-id}/threads_publish with creation_id),
 *   https://developers.facebook.com/docs/threads/troubleshooting (GET /{container-id}?fields=status,error_message;
 *   EXPIRED after 24 hours unpublished), https://developers.facebook.com/docs/threads/overview/
 *   (threads_publishing_limit: quota_usage, config {quota_total 250, quota_duration 86400}, reply_quota_usage,
 *   reply_config {1000}), https://developers.facebook.com/docs/threads/threads-media (GET /{user-id}/threads),
 *   https://developers.facebook.com/docs/threads/retrieve-and-manage-replies (GET /{user-id}/replies).
 * - Instagram: https://developers.facebook.com/docs/instagram-platform/content-publishing/ (POST /{ig-user-id}/media
 *   with image_url, caption, alt_text, is_carousel_item, media_type CAROUSEL, children (up to 10); POST
 *   /{ig-user-id}/media_publish; "we cURL media"), …/reference/ig-container (status_code), …/ig-user/content_publishing_limit,
 *   …/ig-user/media (GET the account's media with caption, timestamp, permalink).
 * - Errors in the Graph shape (https://developers.facebook.com/docs/graph-api/guides/error-handling);
 *   the daily limit as Instagram's code 9 / subcode 2207042 and "not ready" as 9007 / 2207027
 *   (content-publishing error codes). Where Meta documents no error (a second publish of one
 *   container, an expired container published, Threads' own limit error) the fake's are marked "(fake)".
 * The fake really downloads `image_url` when a container is made (as Meta does), and a container
 * whose image cannot be fetched ends in ERROR.
 */

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';
type Network = 'threads' | 'instagram';

export interface FakeContainer {
  id: string;
  userId: string;
  mediaType: 'TEXT' | 'IMAGE' | 'CAROUSEL';
  text: string;
  replyToId: string | null;
  imageUrl: string | null;
  altText: string | null;
  isCarouselItem: boolean;
  children: string[];
  image: Uint8Array | null;
  failed: string | null;
  createdAt: number;
  statusReads: number;
  publishedAs: string | null;
}

/** One post as the network shows it: what a soak counts. */
export interface FakeMetaPost {
  id: string;
  userId: string;
  containerId: string;
  text: string;
  /** The post this one answers (Threads replies); null for a first part. */
  replyToId: string | null;
  images: { bytes: Uint8Array; altText: string | null }[];
  publishedAt: number;
  permalink: string;
}

const DAY_MS = 24 * 3_600_000;

function graphError(message: string, code: number, extra: { subcode?: number; status?: number; transient?: boolean } = {}): FakeReply {
  return {
    status: extra.status ?? 400,
    json: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(extra.subcode === undefined ? {} : { error_subcode: extra.subcode }),
        is_transient: extra.transient ?? false,
        fbtrace_id: 'AbCdEf123',
      },
    },
  };
}

export class MetaPosting {
  readonly containers = new Map<string, FakeContainer>();
  readonly posts: FakeMetaPost[] = [];
  /** Settable: the daily cap (Threads 250 posts; Instagram 50, as media_publish's reference says). */
  quotaTotal: number;
  /** Settable: posts counted against the cap that were made elsewhere (another app) in the last 24 hours. */
  usedElsewhere = 0;
  /** Settable: how many status reads answer IN_PROGRESS before a container is FINISHED. */
  readsUntilFinished = 1;
  #ids = 0;

  constructor(
    readonly network: Network,
    readonly user: { id: string; username: string },
    private readonly now: () => number,
  ) {
    this.quotaTotal = network === 'threads' ? 250 : 50;
  }

  /** Posts (of the fake's account) whose text is exactly `text`. */
  countOf(text: string): number {
    return this.posts.filter((post) => post.text === text).length;
  }

  /** Posts counted against the daily cap right now (Threads counts replies apart). */
  usage(): number {
    const since = this.now() - DAY_MS;
    return this.usedElsewhere + this.posts.filter((post) => post.publishedAt > since && (this.network === 'instagram' || post.replyToId === null)).length;
  }

  /** The status Meta would answer now. */
  statusOf(container: FakeContainer): ContainerStatus {
    if (container.publishedAs !== null) return 'PUBLISHED';
    if (container.failed !== null) return 'ERROR';
    if (this.now() - container.createdAt >= DAY_MS) return 'EXPIRED';
    return container.statusReads < this.readsUntilFinished ? 'IN_PROGRESS' : 'FINISHED';
  }

  /** The publishing routes; null for a request that is not one (the sign-in routes answer it). */
  /** `scopes`: the token's permissions, null for no live token. */
  async route(request: SeenRequest, scopes: readonly string[] | null): Promise<FakeReply | null> {
    const path = request.path.replace(/^\/v\d+\.\d+(?=\/)/, '');
    const match = /^\/([0-9A-Za-z_]+)(?:\/([a-z_]+))?$/.exec(path);
    if (match === null) return null;
    const [, node, edge] = match;
    const mine = this.#routeFor(request.method, edge ?? null);
    if (mine === null) return null;
    if (scopes === null) return graphError('Error validating access token: Session has expired or the token is invalid.', 190, { subcode: 463 });
    // "threads_read_replies — Required for making GET calls to reply endpoints" (Reply Management).
    if (edge === 'replies' && !scopes.includes('threads_read_replies')) return graphError('(#10) Application does not have permission for this action', 10);
    if (edge !== undefined && node !== this.user.id) return graphError(`Unsupported request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 100, { subcode: 33 });
    return mine(node!, request);
  }

  #routeFor(method: string, edge: string | null): ((node: string, request: SeenRequest) => FakeReply | Promise<FakeReply>) | null {
    const threads = this.network === 'threads';
    if (method === 'POST' && edge === (threads ? 'threads' : 'media')) return (_node, request) => this.#create(request);
    if (method === 'POST' && edge === (threads ? 'threads_publish' : 'media_publish')) return (_node, request) => this.#publish(request);
    if (method === 'GET' && edge === (threads ? 'threads_publishing_limit' : 'content_publishing_limit')) return () => this.#limit();
    if (method === 'GET' && (threads ? edge === 'threads' || edge === 'replies' : edge === 'media')) return (_node, request) => this.#list(request, edge === 'replies');
    if (method === 'GET' && edge === null) return (node, request) => this.#node(node, request);
    return null;
  }

  async #create(request: SeenRequest): Promise<FakeReply> {
    const threads = this.network === 'threads';
    const field = (name: string): string | null => {
      const value = request.body[name] ?? request.query.get(name);
      return typeof value === 'string' ? value : null;
    };
    const isCarouselItem = field('is_carousel_item') === 'true';
    const mediaType = (field('media_type') ?? (threads ? null : field('children') !== null ? 'CAROUSEL' : 'IMAGE')) as FakeContainer['mediaType'] | null;
    if (mediaType === null || !['TEXT', 'IMAGE', 'CAROUSEL'].includes(mediaType) || (!threads && mediaType === 'TEXT')) return graphError('Invalid parameter: media_type', 100);
    const text = field(threads ? 'text' : 'caption') ?? '';
    if (threads && [...text].length > 500) return graphError('(fake) The text is longer than 500 characters.', 100, { subcode: 4279009 });
    if (!threads && [...text].length > 2200) return graphError('The caption is longer than 2200 characters.', 100, { subcode: 2207010 });
    if (mediaType === 'TEXT' && text === '') return graphError('Invalid parameter: text is required for a text post.', 100);
    const replyToId = threads ? field('reply_to_id') : null;
    if (replyToId !== null && !this.posts.some((post) => post.id === replyToId)) return graphError('Invalid parameter: reply_to_id', 100, { subcode: 4279001 });
    const children = (field('children') ?? '').split(',').filter((id) => id !== '');
    if (mediaType === 'CAROUSEL') {
      const max = threads ? 20 : 10;
      if (children.length < 2 || children.length > max) return graphError(`Invalid parameter: a carousel takes 2 to ${max} children.`, 100, { subcode: 2207019 });
      for (const id of children) {
        const child = this.containers.get(id);
        if (child === undefined || !child.isCarouselItem || child.userId !== this.user.id || this.statusOf(child) !== 'FINISHED') return graphError(`Invalid parameter: child ${id} is not a finished carousel item.`, 100, { subcode: 2207019 });
      }
    }
    const imageUrl = field('image_url');
    if (mediaType === 'IMAGE' && imageUrl === null) return graphError('Invalid parameter: image_url is required.', 100);
    const container: FakeContainer = {
      id: this.#newId(),
      userId: this.user.id,
      mediaType,
      text,
      replyToId,
      imageUrl,
      altText: field('alt_text'),
      isCarouselItem,
      children,
      image: null,
      failed: null,
      createdAt: this.now(),
      statusReads: 0,
      publishedAs: null,
    };
    if (imageUrl !== null) {
      // "We cURL media used in publishing attempts": fetched now; one that cannot be fetched fails the container.
      try {
        const answer = await fetch(imageUrl, { signal: AbortSignal.timeout(5_000) });
        if (!answer.ok) container.failed = threads ? 'FAILED_DOWNLOADING_IMAGE' : '2207052';
        else container.image = new Uint8Array(await answer.arrayBuffer());
      } catch {
        container.failed = threads ? 'FAILED_DOWNLOADING_IMAGE' : '2207052';
      }
    }
    this.containers.set(container.id, container);
    return { json: { id: container.id } };
  }

  #publish(request: SeenRequest): FakeReply {
    const id = request.body['creation_id'] ?? request.query.get('creation_id');
    return this.publish(typeof id === 'string' ? id : '');
  }

  /** A publish of `containerId` as Meta would answer it (a test plays a late duplicate request with it). */
  publish(id: string): FakeReply {
    const container = typeof id === 'string' ? this.containers.get(id) : undefined;
    if (container === undefined || container.userId !== this.user.id || container.isCarouselItem) return graphError('Invalid parameter: creation_id', 100);
    const status = this.statusOf(container);
    if (status === 'PUBLISHED') return graphError('(fake) This container has already been published.', 100, { subcode: 2207008 });
    if (status === 'EXPIRED') return graphError('(fake) The container has expired: it was not published within 24 hours.', 100, { subcode: 2207008 });
    if (status === 'ERROR') return graphError('The media could not be fetched from this uri.', 9004, { subcode: 2207052 });
    if (status === 'IN_PROGRESS') return graphError('The media is not ready for publishing, please wait for a moment.', 9007, { subcode: 2207027 });
    if (container.replyToId === null || this.network === 'instagram') {
      if (this.usage() >= this.quotaTotal) return graphError('Application request limit reached: the account has reached its daily publishing limit.', 9, { subcode: 2207042, status: 400 });
    }
    const images = container.mediaType === 'CAROUSEL' ? container.children.map((child) => this.containers.get(child)!) : container.mediaType === 'IMAGE' ? [container] : [];
    const post: FakeMetaPost = {
      id: this.#newId(),
      userId: this.user.id,
      containerId: container.id,
      text: container.text,
      replyToId: container.replyToId,
      images: images.map((item) => ({ bytes: item.image!, altText: item.altText })),
      publishedAt: this.now(),
      permalink: '',
    };
    post.permalink = this.network === 'threads' ? `https://www.threads.net/@${this.user.username}/post/${post.id}` : `https://www.instagram.com/p/${post.id}/`;
    container.publishedAs = post.id;
    this.posts.push(post);
    return { json: { id: post.id } };
  }

  #limit(): FakeReply {
    const entry: Record<string, unknown> = { quota_usage: this.usage(), config: { quota_total: this.quotaTotal, quota_duration: 86_400 } };
    if (this.network === 'threads') {
      const since = this.now() - DAY_MS;
      entry['reply_quota_usage'] = this.posts.filter((post) => post.replyToId !== null && post.publishedAt > since).length;
      entry['reply_config'] = { quota_total: 1000, quota_duration: 86_400 };
    }
    return { json: { data: [entry] } };
  }

  /**
   * A user's posts (or Threads replies), newest first, as Meta pages them: `limit` (at most 100),
   * `since` (Unix seconds: only posts published then or later) and cursor paging (`after`, answered
   * in `paging.cursors` with `paging.next` while there are more).
   */
  #list(request: SeenRequest, replies: boolean): FakeReply {
    const limit = Math.min(100, Number(request.query.get('limit') ?? '25') || 25);
    const since = Number(request.query.get('since') ?? '0') * 1000 || 0;
    const start = Number(request.query.get('after') ?? '0') || 0;
    const textField = this.network === 'threads' ? 'text' : 'caption';
    const own = this.posts.filter((post) => (this.network === 'instagram' || (post.replyToId !== null) === replies) && post.publishedAt >= since);
    const newestFirst = own.slice().reverse();
    const data = newestFirst.slice(start, start + limit).map((post) => ({ id: post.id, [textField]: post.text, timestamp: metaTime(post.publishedAt), permalink: post.permalink }));
    const more = start + limit < newestFirst.length;
    const cursors = { before: String(start), after: String(start + data.length) };
    return { json: { data, paging: { cursors, ...(more ? { next: `${request.path}?after=${start + data.length}` } : {}) } } };
  }

  #node(node: string, request: SeenRequest): FakeReply {
    const fields = (request.query.get('fields') ?? 'id').split(',');
    const container = this.containers.get(node);
    if (container !== undefined) {
      const status = this.statusOf(container);
      if (status === 'IN_PROGRESS' || status === 'FINISHED') container.statusReads++;
      const all: Record<string, unknown> = { id: container.id };
      if (this.network === 'threads') {
        all['status'] = status;
        if (status === 'ERROR') all['error_message'] = container.failed;
      } else {
        all['status_code'] = status;
        if (status === 'ERROR') all['status'] = `Error: ${container.failed}`;
      }
      return { json: Object.fromEntries(Object.entries(all).filter(([key]) => key === 'id' || fields.includes(key))) };
    }
    const post = this.posts.find((candidate) => candidate.id === node);
    if (post !== undefined) return { json: { id: post.id, ...(fields.includes('permalink') ? { permalink: post.permalink } : {}) } };
    return graphError(`Unsupported get request. Object with ID '${node}' does not exist.`, 100, { subcode: 33 });
  }

  #newId(): string {
    return `1789${String(4_000_000_000_000 + ++this.#ids * 7919)}`;
  }
}

/** Meta's timestamps: ISO 8601 with a +0000 offset. */
function metaTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
