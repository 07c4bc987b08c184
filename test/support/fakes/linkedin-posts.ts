import { randomBytes } from 'node:crypto';
import type { FakeReply, SeenRequest } from './http-fake';

/*
 * The posting part of the loopback LinkedIn fake, written from LinkedIn's documentation (read, not copied):
 * - https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
 *   POST /rest/posts with `author`, `commentary`, `visibility`, `distribution`, `lifecycleState`
 *   (required), `content.media {id, altText}` for one image, `content.multiImage.images[]` for 2–20;
 *   "All APIs require the request header LinkedIn-Version: {Version in YYYYMM format}" and
 *   "X-Restli-Protocol-Version: 2.0.0"; answers 201 with the post's URN in the `x-restli-id` header.
 *   `w_member_social` lets a member post as themself (urn:li:person:<id>).
 * - https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api
 *   POST /rest/images?action=initializeUpload `{initializeUploadRequest: {owner}}` answers
 *   `{value: {uploadUrlExpiresAt, uploadUrl, image}}`; the bytes go up with a PUT to uploadUrl.
 * - https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format
 *   commentary is little text; see renderLittleText for what the fake shows and where it cuts.
 * - DUPLICATE_POST is not on those pages; its answer is as LinkedIn sends it (quoted in
 *   https://github.com/Arisamiga/Linkedin-RSS/issues/5): 422
 *   `{"errorDetailType":"com.linkedin.common.error.BadRequest","message":"com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of urn:li:share:…","errorDetails":{"inputErrors":[{"description":"Duplicate post is detected","input":{},"code":"DUPLICATE_POST"}]},"status":422}`.
 *   How long LinkedIn refuses the same text is not documented; reports put it at a day or two
 *   (https://github.com/ComposioHQ/composio/issues/2710): the fake's window is an option, a day by default.
 * - Other refusals take LinkedIn's common shape `{status, message, code?}` (the version errors as
 *   LinkedIn words them: VERSION_MISSING, NONEXISTENT_VERSION).
 */

/** A day: how long the fake refuses an identical post by the same member (an option). */
export const DEFAULT_DUPLICATE_WINDOW_MS = 24 * 60 * 60_000;

const RESERVED = new Set(['\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~']);
const TEMPLATE = /^\{hashtag\|(\\#|#|＃)\|((?:\\[\\|{}@[\]()<>#*_~]|[^\\|{}@[\]()<>#*_~])+)\}/u;
const MENTION = /^@\[((?:\\[\\|{}@[\]()<>#*_~]|[^\\|{}@[\]()<>#*_~])+)\]\((urn:li:(?:person|organization):[A-Za-z0-9_-]+)\)/u;
const unescape = (text: string): string => text.replace(/\\(.)/gu, '$1');

export interface RenderedLittleText {
  /** What LinkedIn shows: escapes removed, a hashtag template as `#tag`, a mention as the name. */
  shown: string;
  hashtags: string[];
  /** Where the commentary was cut (an unescaped reserved character outside an element); null when whole. */
  cutAt: number | null;
}

/**
 * Reads little text as LinkedIn does: `\x` is x for a reserved x; `{hashtag|#|tag}` and
 * `@[Name](urn:li:person:…)` are elements; any other reserved character, unescaped, ends the text
 * there without an error (the post keeps only what came before it).
 */
export function renderLittleText(commentary: string): RenderedLittleText {
  let shown = '';
  const hashtags: string[] = [];
  let at = 0;
  while (at < commentary.length) {
    const character = commentary[at]!;
    if (character === '\\' && at + 1 < commentary.length && RESERVED.has(commentary[at + 1]!)) {
      shown += commentary[at + 1];
      at += 2;
      continue;
    }
    if (character === '{') {
      const template = TEMPLATE.exec(commentary.slice(at));
      if (template !== null) {
        const tag = unescape(template[2]!);
        hashtags.push(tag);
        shown += `${template[1] === '＃' ? '＃' : '#'}${tag}`;
        at += template[0].length;
        continue;
      }
    }
    if (character === '@') {
      const mention = MENTION.exec(commentary.slice(at));
      if (mention !== null) {
        shown += unescape(mention[1]!);
        at += mention[0].length;
        continue;
      }
    }
    if (RESERVED.has(character)) return { shown, hashtags, cutAt: at };
    shown += character;
    at += 1;
  }
  return { shown, hashtags, cutAt: null };
}

export interface FakeLinkedInImage {
  urn: string;
  owner: string;
  /** The bytes as they were PUT; null until then. */
  bytes: Uint8Array | null;
  uploadToken: string;
}

export interface FakeLinkedInPost {
  urn: string;
  author: string;
  /** The commentary as sent (little text). */
  commentary: string;
  /** The commentary as LinkedIn shows it (cut at the first unescaped reserved character). */
  shown: string;
  hashtags: string[];
  media: { image: string; altText: string }[];
  visibility: string;
  createdAt: number;
}

export interface LinkedInPostsOptions {
  now: () => number;
  duplicateWindowMs: number;
  /** The member a live token belongs to (its `sub`), or null for no live token. */
  memberOf(request: SeenRequest): string | null;
  /** Whether the request's token carries w_member_social. */
  canPost(request: SeenRequest): boolean;
}

const error = (status: number, message: string, code?: string): FakeReply => ({ status, json: { status, message, ...(code === undefined ? {} : { code }) } });
const inputError = (description: string, code: string, fieldPath: string): FakeReply => ({
  status: 422,
  json: { errorDetailType: 'com.linkedin.common.error.BadRequest', message: description, errorDetails: { inputErrors: [{ description, input: { inputPath: { fieldPath } }, code }] }, status: 422 },
});

/** Posts and images per member, inspectable by tests and the soak. */
export class LinkedInPostsFake {
  readonly posts: FakeLinkedInPost[] = [];
  readonly images = new Map<string, FakeLinkedInImage>();
  /** Where upload URLs point: the fake itself, or the fault proxy in front of it (set by the test). */
  uploadOrigin: string;
  #next = 7_300_000_000_000_000_000n;

  constructor(
    origin: string,
    private readonly options: LinkedInPostsOptions,
  ) {
    this.uploadOrigin = origin;
  }

  /** A member's posts, oldest first. */
  postsOf(memberUrn: string): FakeLinkedInPost[] {
    return this.posts.filter((post) => post.author === memberUrn);
  }

  /** How many posts show exactly this text. */
  countOf(shown: string): number {
    return this.posts.filter((post) => post.shown === shown).length;
  }

  /** Answers the posting routes; null for a request that is not one of them. */
  route(request: SeenRequest): FakeReply | null {
    if (request.method === 'PUT' && request.path.startsWith('/dms-uploads/')) return this.#upload(request);
    const posts = request.method === 'POST' && request.path === '/rest/posts';
    const images = request.method === 'POST' && request.path === '/rest/images';
    if (!posts && !images) return null;
    const refused = this.#refusedHeaders(request);
    if (refused !== null) return refused;
    const member = this.options.memberOf(request);
    if (member === null) return { status: 401, json: { serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token', status: 401 } };
    if (!this.options.canPost(request)) return error(403, 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20260501', 'ACCESS_DENIED');
    return posts ? this.#createPost(request, `urn:li:person:${member}`) : this.#initializeUpload(request, `urn:li:person:${member}`);
  }

  #refusedHeaders(request: SeenRequest): FakeReply | null {
    const version = request.headers['linkedin-version'];
    if (typeof version !== 'string' || version === '') return error(400, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.', 'VERSION_MISSING');
    if (!/^20\d{4}$/.test(version)) return error(400, `Requested version ${version} is not active`, 'NONEXISTENT_VERSION');
    if (request.headers['x-restli-protocol-version'] !== '2.0.0') return error(400, 'The Rest.li protocol version must be 2.0.0 (X-Restli-Protocol-Version).', 'ILLEGAL_ARGUMENT');
    return null;
  }

  #initializeUpload(request: SeenRequest, memberUrn: string): FakeReply {
    if (request.query.get('action') !== 'initializeUpload') return error(400, 'Unknown action', 'ILLEGAL_ARGUMENT');
    const owner = (request.body['initializeUploadRequest'] as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string') return inputError('Field /initializeUploadRequest/owner is required', 'FIELD_VALUE_MISSING', '/initializeUploadRequest/owner');
    if (owner !== memberUrn) return error(403, `Not enough permissions to upload images for ${owner}`, 'ACCESS_DENIED');
    const urn = `urn:li:image:D4E${randomBytes(9).toString('base64url')}`;
    const uploadToken = randomBytes(16).toString('hex');
    this.images.set(urn, { urn, owner, bytes: null, uploadToken });
    return {
      json: { value: { uploadUrlExpiresAt: this.options.now() + 24 * 60 * 60_000, uploadUrl: `${this.uploadOrigin}/dms-uploads/${uploadToken}/feedshare-uploadedImage/0`, image: urn } },
    };
  }

  #upload(request: SeenRequest): FakeReply {
    const token = request.path.split('/')[2];
    const image = [...this.images.values()].find((candidate) => candidate.uploadToken === token);
    if (image === undefined) return error(404, 'Upload not found');
    if (request.rawBytes.length === 0) return error(400, 'Empty upload');
    image.bytes = new Uint8Array(request.rawBytes);
    return { status: 201, text: '' };
  }

  #createPost(request: SeenRequest, memberUrn: string): FakeReply {
    const body = request.body;
    const author = body['author'];
    const commentary = body['commentary'];
    if (typeof author !== 'string') return inputError('Field /author is required', 'FIELD_VALUE_MISSING', '/author');
    if (author !== memberUrn) return error(403, `Not enough permissions to create a post as ${author}`, 'ACCESS_DENIED');
    if (typeof commentary !== 'string') return inputError('Field /commentary is required', 'FIELD_VALUE_MISSING', '/commentary');
    if (body['visibility'] !== 'PUBLIC' && body['visibility'] !== 'CONNECTIONS') return inputError('Field /visibility has an invalid value', 'INVALID_VALUE', '/visibility');
    if (body['lifecycleState'] !== 'PUBLISHED') return inputError('Field /lifecycleState must be PUBLISHED', 'INVALID_VALUE', '/lifecycleState');
    const distribution = body['distribution'] as { feedDistribution?: unknown } | undefined;
    if (distribution?.feedDistribution !== 'MAIN_FEED') return inputError('Field /distribution/feedDistribution is required', 'FIELD_VALUE_MISSING', '/distribution/feedDistribution');
    const media = this.#mediaOf(body['content'], memberUrn);
    if ('refused' in media) return media.refused;
    const now = this.options.now();
    const earlier = this.posts.find((post) => post.author === author && post.commentary === commentary && now - post.createdAt < this.options.duplicateWindowMs);
    if (earlier !== undefined) {
      return {
        status: 422,
        json: {
          errorDetailType: 'com.linkedin.common.error.BadRequest',
          message: `com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${earlier.urn}`,
          errorDetails: { inputErrors: [{ description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' }] },
          status: 422,
        },
      };
    }
    const rendered = renderLittleText(commentary);
    const urn = `urn:li:share:${++this.#next}`;
    this.posts.push({ urn, author, commentary, shown: rendered.shown, hashtags: rendered.hashtags, media: media.items, visibility: body['visibility'], createdAt: now });
    return { status: 201, headers: { 'x-restli-id': urn, 'x-linkedin-id': urn }, text: '' };
  }

  #mediaOf(content: unknown, memberUrn: string): { items: FakeLinkedInPost['media'] } | { refused: FakeReply } {
    if (content === undefined) return { items: [] };
    const single = (content as { media?: { id?: unknown; altText?: unknown } }).media;
    const multi = (content as { multiImage?: { images?: unknown } }).multiImage?.images;
    const wanted: { id?: unknown; altText?: unknown }[] = single !== undefined ? [single] : Array.isArray(multi) ? (multi as { id?: unknown; altText?: unknown }[]) : [];
    if (wanted.length === 0) return { refused: inputError('Field /content has no media', 'FIELD_VALUE_MISSING', '/content') };
    if (multi !== undefined && (wanted.length < 2 || wanted.length > 20)) return { refused: inputError('A multiImage post takes 2 to 20 images', 'INVALID_VALUE', '/content/multiImage/images') };
    const items: FakeLinkedInPost['media'] = [];
    for (const item of wanted) {
      const image = typeof item.id === 'string' ? this.images.get(item.id) : undefined;
      if (image === undefined || image.bytes === null || image.owner !== memberUrn) {
        return { refused: inputError(`Image ${String(item.id)} is not available: it was never uploaded`, 'INVALID_CONTENT_MEDIA', '/content/media/id') };
      }
      const altText = typeof item.altText === 'string' ? item.altText : '';
      if (altText.length > 4086) return { refused: inputError('altText is longer than 4086 characters', 'INVALID_VALUE', '/content/media/altText') };
      items.push({ image: image.urn, altText });
    }
    return { items };
  }
}
