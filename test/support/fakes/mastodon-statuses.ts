import type { FakeReply, SeenRequest } from './http-fake';

/*
 * The statuses and media part of the loopback Mastodon fake, written from the documentation and
 * from what Mastodon's server does (read, not copied):
 * - https://docs.joinmastodon.org/methods/statuses/#create  POST /api/v1/statuses: `status`,
 *   `media_ids[]`, `in_reply_to_id`, `sensitive`, `spoiler_text`, `visibility`; the
 *   `Idempotency-Key` header "to prevent duplicate submissions of the same status. Consider using a
 *   hash or UUID generated client-side. Idempotency keys are stored for up to 1 hour." A repeated key
 *   answers the status already made (the server keeps it per account, for 3,600 s from creation, and
 *   does not renew it on a repeat). 422 `{"error": "Validation failed: ..."}`; an `in_reply_to_id`
 *   that does not exist answers 404.
 * - https://docs.joinmastodon.org/methods/statuses/#get  GET /api/v1/statuses/:id
 * - https://docs.joinmastodon.org/methods/accounts/#statuses  GET /api/v1/accounts/:id/statuses,
 *   newest first, `limit` (default 20, max 40) and `max_id`; a token must carry `read:statuses`
 *   (or `read`), while without a token public statuses are shown.
 * - https://docs.joinmastodon.org/methods/media/#v2  POST /api/v2/media (multipart `file`,
 *   `description`): 200 when processed, 202 with `url: null` while processing;
 *   https://docs.joinmastodon.org/methods/media/#get  GET /api/v1/media/:id answers 206 while
 *   processing, 200 when done, 404 once attached to a status.
 * - https://docs.joinmastodon.org/user/posting/#text  the character limit counts the text and the
 *   content warning together, every link as 23 characters.
 * - https://docs.joinmastodon.org/api/rate-limits/  429 with `X-RateLimit-Limit`,
 *   `X-RateLimit-Remaining` and `X-RateLimit-Reset` (an ISO 8601 time).
 * - https://docs.joinmastodon.org/entities/Status/  `content` is HTML: paragraphs in <p>, line
 *   breaks as <br />, links with their scheme in an invisible span.
 */

/** How long the server remembers an Idempotency-Key (https://docs.joinmastodon.org/methods/statuses/#create). */
export const IDEMPOTENCY_KEPT_MS = 60 * 60_000;
const URL_COST = 23;
const LINK = /https?:\/\/[^\s<>"]+/g;

export interface FakeStatus {
  id: string;
  accountId: string;
  /** The text as sent (what Mastodon keeps as the status's source). */
  text: string;
  spoilerText: string;
  inReplyToId: string | null;
  visibility: string;
  mediaIds: string[];
  createdAt: number;
}

export interface FakeMedia {
  id: string;
  accountId: string;
  fileName: string;
  mimeType: string;
  size: number;
  /** The file as uploaded, so a test can check what left the computer (no location, say). */
  bytes: Uint8Array;
  description: string | null;
  /** GETs still to answer 206 (processing) before the attachment is ready. */
  pollsLeft: number;
  statusId: string | null;
}

export interface StatusesFakeOptions {
  /** The fake's clock (ms since the epoch): Idempotency-Key expiry and `created_at` follow it. */
  now: () => number;
  maxCharacters: () => number;
  /** GETs of a new media attachment that answer 206 before 200; 0 makes POST /api/v2/media answer 200. */
  mediaPolls: number;
  origin: () => string;
  account: { id: string; username: string };
}

/** Who a request is from: the account of a Bearer token and its scopes, or nobody. */
export interface Caller {
  accountId: string;
  scopes: string[];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Mastodon's plain-text formatting: escaped, links as anchors, blank lines as paragraphs, newlines as <br />. */
export function statusHtml(text: string): string {
  const linked = (line: string): string => {
    let out = '';
    let last = 0;
    for (const match of line.matchAll(LINK)) {
      const url = match[0];
      const scheme = /^https?:\/\//.exec(url)![0];
      const rest = url.slice(scheme.length);
      const shown = rest.length > 30 ? `<span class="ellipsis">${escapeHtml(rest.slice(0, 30))}</span><span class="invisible">${escapeHtml(rest.slice(30))}</span>` : `<span class="">${escapeHtml(rest)}</span><span class="invisible"></span>`;
      out += escapeHtml(line.slice(last, match.index)) + `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener"><span class="invisible">${scheme}</span>${shown}</a>`;
      last = match.index + url.length;
    }
    return out + escapeHtml(line.slice(last));
  };
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split('\n').map(linked).join('<br />')}</p>`)
    .join('');
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
function graphemes(text: string): number {
  return [...segmenter.segment(text)].length;
}

/** Characters as Mastodon counts them: graphemes, each link as 23. */
export function countedLength(text: string, spoilerText: string): number {
  const links = [...text.matchAll(LINK)];
  return graphemes(text.replace(LINK, '')) + links.length * URL_COST + graphemes(spoilerText);
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null || value === '' ? [] : [String(value)];
}

/** The statuses and media a Mastodon server keeps, with the answers its API gives. */
export class StatusesFake {
  readonly statuses: FakeStatus[] = [];
  readonly media = new Map<string, FakeMedia>();
  /** `<account>:<key>` → the status made under that Idempotency-Key, and when. */
  readonly #idempotency = new Map<string, { statusId: string; at: number }>();
  #nextId = 110_000_000_000_000_000n;
  /** While the clock is before this, creating a status answers 429 (the account's posting budget is spent). */
  rateLimitedUntil: number | null = null;

  constructor(readonly options: StatusesFakeOptions) {}

  /** How many statuses exist with exactly this text (exactly-once is asserted on this). */
  countOf(text: string): number {
    return this.statuses.filter((status) => status.text === text).length;
  }

  #id(): string {
    this.#nextId += 1_000n + BigInt(Math.floor(Math.random() * 1000));
    return this.#nextId.toString();
  }

  entity(status: FakeStatus): Record<string, unknown> {
    const origin = this.options.origin();
    const { account } = this.options;
    return {
      id: status.id,
      uri: `${origin}/users/${account.username}/statuses/${status.id}`,
      url: `${origin}/@${account.username}/${status.id}`,
      created_at: new Date(status.createdAt).toISOString(),
      account: { id: account.id, username: account.username, acct: account.username },
      content: statusHtml(status.text),
      visibility: status.visibility,
      sensitive: status.spoilerText !== '',
      spoiler_text: status.spoilerText,
      in_reply_to_id: status.inReplyToId,
      in_reply_to_account_id: status.inReplyToId === null ? null : account.id,
      media_attachments: status.mediaIds.map((id) => this.#mediaEntity(this.media.get(id)!)),
      mentions: [],
      tags: [],
      emojis: [],
      reblogs_count: 0,
      favourites_count: 0,
      replies_count: this.statuses.filter((other) => other.inReplyToId === status.id).length,
      edited_at: null,
    };
  }

  #mediaEntity(media: FakeMedia): Record<string, unknown> {
    const processing = media.pollsLeft > 0;
    return {
      id: media.id,
      type: media.mimeType.startsWith('image/') ? 'image' : 'unknown',
      url: processing ? null : `${this.options.origin()}/system/media_attachments/${media.id}/original/${media.fileName}`,
      preview_url: `${this.options.origin()}/system/media_attachments/${media.id}/small/${media.fileName}`,
      description: media.description,
      blurhash: null,
    };
  }

  create(request: SeenRequest, caller: Caller): FakeReply {
    if (!caller.scopes.some((scope) => scope === 'write' || scope === 'write:statuses')) return { status: 403, json: { error: 'This action is outside the authorized scopes' } };
    const now = this.options.now();
    const headerKey = request.headers['idempotency-key'];
    const key = typeof headerKey === 'string' && headerKey !== '' ? `${caller.accountId}:${headerKey}` : null;
    if (key !== null) {
      const seen = this.#idempotency.get(key);
      if (seen !== undefined && now - seen.at < IDEMPOTENCY_KEPT_MS) {
        const status = this.statuses.find((candidate) => candidate.id === seen.statusId);
        if (status !== undefined) return { json: this.entity(status) };
      }
    }
    if (this.rateLimitedUntil !== null && now < this.rateLimitedUntil) {
      return {
        status: 429,
        headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(this.rateLimitedUntil).toISOString() },
        json: { error: 'Too many requests' },
      };
    }
    const text = typeof request.body['status'] === 'string' ? request.body['status'] : '';
    const spoilerText = typeof request.body['spoiler_text'] === 'string' ? request.body['spoiler_text'] : '';
    const mediaIds = list(request.body['media_ids'] ?? request.body['media_ids[]']);
    const replyTo = request.body['in_reply_to_id'];
    const inReplyToId = replyTo === undefined || replyTo === null || replyTo === '' ? null : String(replyTo);
    if (inReplyToId !== null && !this.statuses.some((status) => status.id === inReplyToId)) {
      return { status: 404, json: { error: 'The post you are trying to reply to does not appear to exist.' } };
    }
    if (mediaIds.length > 4) return { status: 422, json: { error: 'Validation failed: You cannot attach more than 4 files.' } };
    const media = mediaIds.map((id) => this.media.get(id));
    if (media.some((item) => item === undefined || item.accountId !== caller.accountId || item.statusId !== null)) {
      return { status: 422, json: { error: `Validation failed: Media with ID(s) ${mediaIds.join(', ')} was not found or already attached to another post` } };
    }
    if (media.some((item) => item!.pollsLeft > 0)) return { status: 422, json: { error: 'Cannot attach files that have not finished processing. Try again in a moment!' } };
    if (text.trim() === '' && mediaIds.length === 0) return { status: 422, json: { error: "Validation failed: Text can't be blank" } };
    const max = this.options.maxCharacters();
    if (countedLength(text, spoilerText) > max) return { status: 422, json: { error: `Validation failed: Text character limit of ${max} exceeded` } };
    const visibility = typeof request.body['visibility'] === 'string' ? request.body['visibility'] : 'public';
    const status: FakeStatus = { id: this.#id(), accountId: caller.accountId, text, spoilerText, inReplyToId, visibility, mediaIds, createdAt: now };
    this.statuses.push(status);
    for (const item of media) item!.statusId = status.id;
    // Remembered from the moment the status was made; a repeat does not renew it.
    if (key !== null) this.#idempotency.set(key, { statusId: status.id, at: now });
    return { json: this.entity(status) };
  }

  show(id: string): FakeReply {
    const status = this.statuses.find((candidate) => candidate.id === id);
    return status === undefined ? { status: 404, json: { error: 'Record not found' } } : { json: this.entity(status) };
  }

  listOfAccount(request: SeenRequest, accountId: string, caller: Caller | null): FakeReply {
    if (caller !== null && !caller.scopes.some((scope) => scope === 'read' || scope === 'read:statuses')) {
      return { status: 403, json: { error: 'This action is outside the authorized scopes' } };
    }
    if (accountId !== this.options.account.id) return { status: 404, json: { error: 'Record not found' } };
    const limit = Math.min(40, Math.max(1, Number(request.query.get('limit') ?? 20) || 20));
    const maxId = request.query.get('max_id');
    const visible = this.statuses
      .filter((status) => status.accountId === accountId && (caller !== null || ['public', 'unlisted'].includes(status.visibility)))
      .filter((status) => maxId === null || BigInt(status.id) < BigInt(maxId))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .slice(0, limit);
    return { json: visible.map((status) => this.entity(status)) };
  }

  async upload(request: SeenRequest, caller: Caller): Promise<FakeReply> {
    if (!caller.scopes.some((scope) => scope === 'write' || scope === 'write:media')) return { status: 403, json: { error: 'This action is outside the authorized scopes' } };
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data')) return { status: 422, json: { error: "Validation failed: File can't be blank" } };
    const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(request.rawBytes) }).formData();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return { status: 422, json: { error: "Validation failed: File can't be blank" } };
    if (!file.type.startsWith('image/')) return { status: 422, json: { error: 'Validation failed: File content type is invalid' } };
    const description = form.get('description');
    const media: FakeMedia = {
      id: this.#id(),
      accountId: caller.accountId,
      fileName: file.name,
      mimeType: file.type,
      size: file.size,
      bytes: new Uint8Array(await file.arrayBuffer()),
      description: typeof description === 'string' && description !== '' ? description : null,
      pollsLeft: this.options.mediaPolls,
      statusId: null,
    };
    this.media.set(media.id, media);
    return { status: media.pollsLeft > 0 ? 202 : 200, json: this.#mediaEntity(media) };
  }

  showMedia(id: string, caller: Caller): FakeReply {
    const media = this.media.get(id);
    // Only the uploader's own attachments that no status has taken yet.
    if (media === undefined || media.accountId !== caller.accountId || media.statusId !== null) return { status: 404, json: { error: 'Record not found' } };
    if (media.pollsLeft > 0) {
      const reply = { status: 206, json: this.#mediaEntity(media) };
      media.pollsLeft -= 1;
      return reply;
    }
    return { json: this.#mediaEntity(media) };
  }
}
