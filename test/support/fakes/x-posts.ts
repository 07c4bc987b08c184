import type { FakeReply, SeenRequest } from './http-fake';

/*
 * The posting part of the loopback X fake, written from X's API documentation (read, not copied):
 * - https://docs.x.com/x-api/posts/create-post  POST /2/tweets with `text`,
 *   `reply.in_reply_to_tweet_id` and `media.media_ids`; answers 201 `{"data":{"id","text"}}`. The
 *   same text twice from one account answers 403 with the problem body
 *   `{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}`.
 * - https://docs.x.com/x-api/users/get-posts  GET /2/users/:id/tweets, newest first: `start_time`
 *   (ISO 8601), `max_results` (5–100, default 10), `pagination_token` (from `meta.next_token`),
 *   `tweet.fields` (created_at, conversation_id, referenced_tweets, in_reply_to_user_id, entities).
 *   The text comes back as X shows it: `&`, `<` and `>` escaped, every link replaced by a t.co link
 *   (`entities.urls[].expanded_url` names the original) and an attached photo as a last t.co link.
 * - https://docs.x.com/x-api/media/quickstart/media-upload-chunked and the v2 media endpoints:
 *   POST /2/media/upload/initialize (`media_type`, `total_bytes`, `media_category`) → `data.id`;
 *   POST /2/media/upload/:id/append (multipart `media`, `segment_index`);
 *   POST /2/media/upload/:id/finalize → `data.processing_info` while processing;
 *   GET /2/media/upload?command=STATUS&media_id=… → `processing_info.state`
 *   pending → in_progress → succeeded | failed (a media id is usable only once succeeded).
 * - https://docs.x.com/x-api/media/create-media-metadata  POST /2/media/metadata
 *   `{"id", "metadata": {"alt_text": {"text"}}}` (alt text up to 1,000 characters).
 * - https://docs.x.com/fundamentals/rate-limits  every answer carries `x-rate-limit-limit`,
 *   `x-rate-limit-remaining` and `x-rate-limit-reset` (epoch seconds); over the limit, 429.
 */

const WINDOW_MS = 15 * 60_000;
const LINK = /https?:\/\/[^\s<>"]+/g;

export interface FakeTweet {
  id: string;
  userId: string;
  /** The text as sent. */
  text: string;
  inReplyToId: string | null;
  conversationId: string;
  mediaIds: string[];
  createdAt: number;
}

export interface FakeXMedia {
  id: string;
  userId: string;
  mediaType: string;
  totalBytes: number;
  /** The appended segments by index: their bytes, so a test can check what left the computer. */
  segments: Map<number, Uint8Array>;
  finalized: boolean;
  /** STATUS answers still to give as pending/in_progress before the media succeeds. */
  pollsLeft: number;
  /** Set to make processing end in `failed`. */
  fails: boolean;
  altText: string | null;
  tweetId: string | null;
}

export interface XPostingOptions {
  now(): number;
  /** STATUS polls an image takes before it succeeds (0: finalize answers it ready). */
  mediaPolls?: number;
  /** Requests per 15-minute window and user, per endpoint (X: POST /2/tweets is 100 per user). */
  limits?: Partial<Record<XEndpoint, number>>;
}

export type XEndpoint = 'create_tweet' | 'user_tweets' | 'media';

const DEFAULT_LIMITS: Record<XEndpoint, number> = { create_tweet: 100, user_tweets: 900, media: 500 };

function problem(status: number, title: string, detail: string): FakeReply {
  return { status, json: { title, detail, type: 'about:blank', status } };
}

export const DUPLICATE_DETAIL = 'You are not allowed to create a Tweet with duplicate content.';

export class XPostingFake {
  readonly tweets: FakeTweet[] = [];
  readonly media = new Map<string, FakeXMedia>();
  /** Per user and endpoint: requests used in the window and when it resets (ms). */
  readonly #windows = new Map<string, { used: number; resetAt: number }>();
  #nextId = 1_800_000_000_000_000_000n;
  mediaPolls: number;
  limits: Record<XEndpoint, number>;
  /**
   * Posts younger than this are not yet listed by GET /2/users/:id/tweets: X's timelines are
   * eventually consistent, so a post just made can be missing from the account's list for a while.
   */
  timelineLagMs = 0;
  /** Set to make X's processing of every new upload end in `failed` (an image X cannot take). */
  failProcessing = false;

  constructor(private readonly options: XPostingOptions) {
    this.mediaPolls = options.mediaPolls ?? 0;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  #id(): string {
    this.#nextId += 1n;
    return String(this.#nextId);
  }

  /** How many of a user's tweets (every user's, without `userId`) carry exactly this text. */
  countOf(text: string, userId?: string): number {
    return this.tweets.filter((tweet) => tweet.text === text && (userId === undefined || tweet.userId === userId)).length;
  }

  tweetsOf(userId: string): FakeTweet[] {
    return this.tweets.filter((tweet) => tweet.userId === userId);
  }

  /** Uses up an endpoint's window for a user until `resetAt` (ms): the next request is refused with 429. */
  exhaust(userId: string, endpoint: XEndpoint, resetAt: number): void {
    this.#windows.set(`${userId} ${endpoint}`, { used: this.limits[endpoint], resetAt });
  }

  /** Sets the requests left in a window (the next answer reports `remaining`), resetting at `resetAt`. */
  leave(userId: string, endpoint: XEndpoint, remaining: number, resetAt: number): void {
    this.#windows.set(`${userId} ${endpoint}`, { used: this.limits[endpoint] - remaining, resetAt });
  }

  /** Counts a request against its window: the rate-limit headers, and whether it is over. */
  #count(userId: string, endpoint: XEndpoint): { headers: Record<string, string>; over: boolean } {
    const key = `${userId} ${endpoint}`;
    const now = this.options.now();
    let window = this.#windows.get(key);
    if (window === undefined || window.resetAt <= now) {
      window = { used: 0, resetAt: now + WINDOW_MS };
      this.#windows.set(key, window);
    }
    const limit = this.limits[endpoint];
    const over = window.used >= limit;
    if (!over) window.used += 1;
    return {
      over,
      headers: {
        'x-rate-limit-limit': String(limit),
        'x-rate-limit-remaining': String(Math.max(0, limit - window.used)),
        'x-rate-limit-reset': String(Math.ceil(window.resetAt / 1000)),
      },
    };
  }

  /** The posting routes; null when the request is not one of them. `userId` is whose token it carried (null: none or dead). */
  async route(request: SeenRequest, userId: string | null): Promise<FakeReply | null> {
    const endpoint = this.#endpointOf(request);
    if (endpoint === null) return null;
    if (userId === null) return problem(401, 'Unauthorized', 'Unauthorized');
    const { headers, over } = this.#count(userId, endpoint);
    const reply = over ? problem(429, 'Too Many Requests', 'Too Many Requests') : await this.#answer(request, userId);
    return { ...reply, headers: { ...headers, ...reply.headers } };
  }

  #endpointOf(request: SeenRequest): XEndpoint | null {
    if (request.method === 'POST' && request.path === '/2/tweets') return 'create_tweet';
    if (request.method === 'GET' && /^\/2\/users\/[^/]+\/tweets$/.test(request.path)) return 'user_tweets';
    if (request.path.startsWith('/2/media/')) return 'media';
    return null;
  }

  async #answer(request: SeenRequest, userId: string): Promise<FakeReply> {
    if (request.path === '/2/tweets') return this.#create(request, userId);
    const timeline = /^\/2\/users\/([^/]+)\/tweets$/.exec(request.path);
    if (timeline !== null) return this.#timeline(request, decodeURIComponent(timeline[1]!));
    if (request.method === 'POST' && request.path === '/2/media/upload/initialize') return this.#initialize(request, userId);
    const step = /^\/2\/media\/upload\/([^/]+)\/(append|finalize)$/.exec(request.path);
    if (request.method === 'POST' && step !== null) {
      const media = this.media.get(decodeURIComponent(step[1]!));
      if (media === undefined || media.userId !== userId) return problem(400, 'Invalid Request', 'The media id is not valid.');
      return step[2] === 'append' ? this.#append(request, media) : this.#finalize(media);
    }
    if (request.method === 'GET' && request.path === '/2/media/upload') {
      const media = this.media.get(request.query.get('media_id') ?? '');
      if (request.query.get('command') !== 'STATUS' || media === undefined || media.userId !== userId) return problem(400, 'Invalid Request', 'The media id is not valid.');
      return { json: { data: this.#mediaView(media, true) } };
    }
    if (request.method === 'POST' && request.path === '/2/media/metadata') return this.#metadata(request, userId);
    return problem(404, 'Not Found Error', 'Not found');
  }

  #create(request: SeenRequest, userId: string): FakeReply {
    const text = request.body['text'];
    const reply = request.body['reply'] as { in_reply_to_tweet_id?: unknown } | undefined;
    const mediaIds = (request.body['media'] as { media_ids?: unknown } | undefined)?.media_ids;
    // X counts a link as 23 characters and allows 280 (https://docs.x.com/resources/fundamentals/counting-characters); the fake counts code points.
    const length = typeof text === 'string' ? [...text.replace(LINK, 'x'.repeat(23))].length : 0;
    if (typeof text !== 'string' || text.trim() === '' || length > 280) return problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.');
    const ids = Array.isArray(mediaIds) ? mediaIds.map(String) : [];
    for (const id of ids) {
      const media = this.media.get(id);
      if (media === undefined || media.userId !== userId || !media.finalized || media.pollsLeft > 0 || media.fails || media.tweetId !== null) {
        return problem(400, 'Invalid Request', 'Your media IDs are invalid.');
      }
    }
    let parent: FakeTweet | null = null;
    if (reply?.in_reply_to_tweet_id !== undefined) {
      parent = this.tweets.find((tweet) => tweet.id === String(reply.in_reply_to_tweet_id)) ?? null;
      if (parent === null) return problem(400, 'Invalid Request', 'The Tweet you are replying to does not exist.');
    }
    if (this.tweets.some((tweet) => tweet.userId === userId && tweet.text === text)) return problem(403, 'Forbidden', DUPLICATE_DETAIL);
    const id = this.#id();
    const tweet: FakeTweet = { id, userId, text, inReplyToId: parent?.id ?? null, conversationId: parent?.conversationId ?? id, mediaIds: ids, createdAt: this.options.now() };
    this.tweets.push(tweet);
    for (const mediaId of ids) this.media.get(mediaId)!.tweetId = id;
    return { status: 201, json: { data: { id, text: this.shown(tweet).text } } };
  }

  /** A tweet as X's API shows it: entities escaped, links through t.co, a photo as a last link. */
  shown(tweet: FakeTweet): { text: string; entities?: { urls: Record<string, unknown>[] } } {
    const urls: Record<string, unknown>[] = [];
    let text = '';
    let from = 0;
    const escape = (part: string) => part.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    for (const match of tweet.text.matchAll(LINK)) {
      text += escape(tweet.text.slice(from, match.index));
      const url = `https://t.co/${tweet.id.slice(-6)}${urls.length}`;
      urls.push({ start: [...text].length, end: [...text].length + url.length, url, expanded_url: match[0], display_url: match[0].replace(/^https?:\/\//, '').slice(0, 25) });
      text += url;
      from = match.index + match[0].length;
    }
    text += escape(tweet.text.slice(from));
    if (tweet.mediaIds.length > 0) {
      const url = `https://t.co/m${tweet.id.slice(-6)}`;
      text += ` ${url}`;
      urls.push({ start: [...text].length - url.length, end: [...text].length, url, expanded_url: `https://x.com/i/web/status/${tweet.id}/photo/1`, display_url: 'pic.x.com/fake', media_key: `3_${tweet.mediaIds[0]}` });
    }
    return urls.length === 0 ? { text } : { text, entities: { urls } };
  }

  #timeline(request: SeenRequest, userId: string): FakeReply {
    const startRaw = request.query.get('start_time');
    const start = startRaw === null ? null : Date.parse(startRaw);
    if (start !== null && Number.isNaN(start)) return problem(400, 'Invalid Request', 'The `start_time` query parameter value is not a valid time.');
    const max = Number(request.query.get('max_results') ?? '10');
    if (!Number.isInteger(max) || max < 5 || max > 100) return problem(400, 'Invalid Request', 'The `max_results` query parameter value is not between 5 and 100.');
    const fields = new Set((request.query.get('tweet.fields') ?? '').split(',').filter((field) => field !== ''));
    const all = this.tweetsOf(userId)
      .filter((tweet) => (start === null || tweet.createdAt >= start) && tweet.createdAt <= this.options.now() - this.timelineLagMs)
      .sort((a, b) => b.createdAt - a.createdAt || (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const token = request.query.get('pagination_token');
    const offset = token === null ? 0 : Number(token.replace(/^page-/, ''));
    const page = all.slice(offset, offset + max);
    const data = page.map((tweet) => {
      const shown = this.shown(tweet);
      return {
        id: tweet.id,
        text: shown.text,
        edit_history_tweet_ids: [tweet.id],
        ...(fields.has('created_at') ? { created_at: new Date(tweet.createdAt).toISOString() } : {}),
        ...(fields.has('conversation_id') ? { conversation_id: tweet.conversationId } : {}),
        ...(fields.has('entities') && shown.entities !== undefined ? { entities: shown.entities } : {}),
        ...(fields.has('in_reply_to_user_id') && tweet.inReplyToId !== null ? { in_reply_to_user_id: this.tweets.find((t) => t.id === tweet.inReplyToId)?.userId } : {}),
        ...(fields.has('referenced_tweets') && tweet.inReplyToId !== null ? { referenced_tweets: [{ type: 'replied_to', id: tweet.inReplyToId }] } : {}),
      };
    });
    const next = offset + max < all.length ? `page-${offset + max}` : undefined;
    const meta = { result_count: data.length, ...(data.length > 0 ? { newest_id: data[0]!.id, oldest_id: data.at(-1)!.id } : {}), ...(next === undefined ? {} : { next_token: next }) };
    return { json: data.length === 0 ? { meta } : { data, meta } };
  }

  #initialize(request: SeenRequest, userId: string): FakeReply {
    const mediaType = request.body['media_type'];
    const totalBytes = request.body['total_bytes'];
    if (typeof mediaType !== 'string' || !/^image\/(jpeg|png|gif|webp)$/.test(mediaType) || typeof totalBytes !== 'number' || totalBytes <= 0 || totalBytes > 5 * 1024 * 1024) {
      return problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.');
    }
    const id = this.#id();
    this.media.set(id, { id, userId, mediaType, totalBytes, segments: new Map(), finalized: false, pollsLeft: this.mediaPolls, fails: this.failProcessing, altText: null, tweetId: null });
    return { json: { data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } } };
  }

  async #append(request: SeenRequest, media: FakeXMedia): Promise<FakeReply> {
    const type = String(request.headers['content-type'] ?? '');
    if (!type.startsWith('multipart/form-data')) return problem(400, 'Invalid Request', 'The request must be multipart/form-data.');
    const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(request.rawBytes) }).formData();
    const segment = Number(form.get('segment_index'));
    const chunk = form.get('media');
    if (!Number.isInteger(segment) || segment < 0 || !(chunk instanceof Blob) || media.finalized) return problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.');
    media.segments.set(segment, new Uint8Array(await chunk.arrayBuffer()));
    return { json: { data: { expires_at: Math.floor(this.options.now() / 1000) + 86_400 } } };
  }

  /** The uploaded file, its segments in order. */
  bytesOf(media: FakeXMedia): Uint8Array {
    const ordered = [...media.segments.entries()].sort(([a], [b]) => a - b).map(([, bytes]) => bytes);
    return new Uint8Array(Buffer.concat(ordered));
  }

  #finalize(media: FakeXMedia): FakeReply {
    if (this.bytesOf(media).length !== media.totalBytes) return problem(400, 'Invalid Request', 'Segments do not add up to the provided total file size.');
    media.finalized = true;
    return { json: { data: this.#mediaView(media, false) } };
  }

  #mediaView(media: FakeXMedia, poll: boolean): Record<string, unknown> {
    const base = { id: media.id, media_key: `3_${media.id}`, size: media.totalBytes, expires_after_secs: 86_400 };
    if (media.fails) return { ...base, processing_info: { state: 'failed', error: { code: 1, name: 'InvalidMedia', message: 'Unsupported media' } } };
    if (media.pollsLeft <= 0) return poll ? { ...base, processing_info: { state: 'succeeded', progress_percent: 100 } } : base;
    if (!poll) return { ...base, processing_info: { state: 'pending', check_after_secs: 1 } };
    media.pollsLeft -= 1;
    if (media.pollsLeft === 0) return { ...base, processing_info: { state: 'succeeded', progress_percent: 100 } };
    return { ...base, processing_info: { state: 'in_progress', check_after_secs: 1, progress_percent: 50 } };
  }

  #metadata(request: SeenRequest, userId: string): FakeReply {
    const media = this.media.get(String(request.body['id'] ?? ''));
    const alt = (request.body['metadata'] as { alt_text?: { text?: unknown } } | undefined)?.alt_text?.text;
    if (media === undefined || media.userId !== userId) return problem(400, 'Invalid Request', 'The media id is not valid.');
    if (typeof alt !== 'string' || [...alt].length > 1000) return problem(400, 'Invalid Request', 'The alt text must be at most 1000 characters.');
    media.altText = alt;
    return { json: { data: { id: media.id, associated_metadata: { alt_text: { text: alt } } } } };
  }
}
