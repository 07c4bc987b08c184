import { randomBytes } from 'node:crypto';
import { littleText } from '../../../../common/networks';
import type { RemoteRef } from '../intent-file';
import { classifyHttpStatus, PublishFailure } from '../publish-failure';
import type { PartRequest, Publisher } from '../publisher';
import { LINKEDIN_REQUEST_TIMEOUT_MS, LinkedInClient } from './linkedin-client';
import { duplicateOf, linkedinHttpFailure, refOfPost, unreadableAnswer } from './linkedin-failure';
import { contentOf, uploadImage, type LinkedInImage } from './linkedin-images';
import { timeOfKey } from './mastodon';
import { readPostImage, type ReadMedia } from './post-image';

/*
 * Posting to LinkedIn as the member who connected the account (Share on LinkedIn, w_member_social):
 * - https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
 *   POST /rest/posts {author: urn:li:person:<id>, commentary, visibility PUBLIC, distribution
 *   MAIN_FEED, lifecycleState PUBLISHED}; 201 with the post's URN in `x-restli-id`; headers
 *   `LinkedIn-Version` (YYYYMM) and `X-Restli-Protocol-Version: 2.0.0` on every call.
 *   A post is seen at https://www.linkedin.com/feed/update/<urn>/.
 * - https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api
 *   (initializeUpload, then a PUT of the bytes); one image goes as `content.media {id, altText}`,
 *   2–20 as `content.multiImage.images`
 *   (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api).
 * - https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format
 *   commentary is little text: littleText (common/networks/linkedin-little-text.ts) escapes it.
 *
 * Exactly once. LinkedIn takes no idempotency key, and listing a member's own posts needs
 * r_member_social, which LinkedIn gives only to approved partners, so Spheres cannot look for a
 * post. What LinkedIn does give: it refuses a post identical to one the member made recently with
 * 422 DUPLICATE_POST, naming the post already there. So after an unknown outcome findPart answers
 * null (send again) and sendPart turns that 422 into the existing post's ref: if the first send
 * arrived, the resend is refused and names it; if it did not, the resend is the post. Safe as long
 * as LinkedIn still remembers the first send, and LinkedIn does not document for how long: reports
 * put it at a day or two (https://github.com/ComposioHQ/composio/issues/2710). Spheres relies on it
 * for one hour from when the part's key was chosen (before the first send); later, findPart cannot
 * tell and leaves the post `unknown` for the person to check, never risking a second post.
 * The same 422 on a first send means the member already has this exact post (made by hand, say):
 * LinkedIn will not take it again, and that post is recorded as this one.
 * A post deleted on LinkedIn within the window is still "a duplicate" (the same issue reports
 * LinkedIn naming posts that are gone): Spheres records the URN LinkedIn names, as it is told.
 *
 * Threads: LinkedIn has none, and the composer never splits a LinkedIn post (LINKEDIN_INFO.threads is
 * false: a post over 3,000 characters is shown in red and refused before queueing). Spheres does not
 * turn a second part into a comment: a comment is not what the composer previewed, and it would be
 * a second, different kind of write. A part after the first is refused for good, clearly.
 */

/**
 * How long after a part's key is chosen a resend is trusted to be answered DUPLICATE_POST if the
 * first send arrived. LinkedIn documents no window; one hour is well inside the day or two
 * reported, and covers the engine's retries after a lost answer (seconds to minutes).
 */
export const DUPLICATE_TRUSTED_MS = 60 * 60_000;

export interface LinkedInPublisherOptions {
  now(): Date;
  /** The member URN the account posts as (`urn:li:person:<sub>`): the account's `facts.memberUrn`, saved at sign-in. */
  authorOf(accountId: string): Promise<string>;
  /** https://api.linkedin.com by default; tests point it at the fake (behind the fault proxy). */
  apiOrigin?: string;
  fetch?: typeof globalThis.fetch;
  /** How long one request may take before its outcome counts as unknown (30 s by default). */
  timeoutMs?: number;
  /** The bytes of an attached image by its media id: MediaLibrary.read. Without it a post with images fails for good. */
  readMedia?: ReadMedia;
}

export const LINKEDIN_API_ORIGIN = 'https://api.linkedin.com';

const MEMBER_URN = /^urn:li:person:[A-Za-z0-9_-]{1,100}$/;
const POST_URN = /^urn:li:(?:share|ugcPost):\d{1,30}$/;

export class LinkedInPublisher implements Publisher {
  readonly network = 'linkedin' as const;
  readonly #options: LinkedInPublisherOptions;
  /** Images uploaded for a part's key and not yet known to be in a post: a resend in this process reuses them. */
  readonly #uploaded = new Map<string, LinkedInImage[]>();

  constructor(options: LinkedInPublisherOptions) {
    this.#options = options;
  }

  newKey(): string {
    return `${this.#options.now().getTime()}-${randomBytes(8).toString('hex')}`;
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    if (request.index > 0) {
      throw new PublishFailure(
        'permanent',
        'rejected',
        'LinkedIn has no threads, so Spheres posts a LinkedIn post in one piece. Shorten the text to 3,000 characters or fewer and queue it again.',
      );
    }
    const { client, author } = await this.#session(request);
    const images = await this.#images(client, author, request);
    const content = contentOf(images);
    const answer = await client.post({
      path: '/rest/posts',
      json: {
        author,
        commentary: littleText(request.text),
        visibility: 'PUBLIC',
        distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
        lifecycleState: 'PUBLISHED',
        isReshareDisabledByAuthor: false,
        ...(content === undefined ? {} : { content }),
      },
      accept: [201, 422],
    });
    const ref = answer.status === 422 ? duplicateOf(answer.status, answer.body) : postRefOf(answer.headers);
    if (ref === null) throw linkedinHttpFailure(answer.status, answer.headers, answer.body, this.#options.now());
    this.#uploaded.delete(request.key);
    return ref;
  }

  /**
   * LinkedIn cannot be asked (see the top of this file); within DUPLICATE_TRUSTED_MS of the key,
   * sending again is safe because LinkedIn answers a repeat with DUPLICATE_POST and the post's URN.
   */
  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    const chosenAt = timeOfKey(request.key);
    if (chosenAt !== null && this.#options.now().getTime() - chosenAt.getTime() < DUPLICATE_TRUSTED_MS) return null;
    throw new PublishFailure(
      'unknown',
      'connection_lost',
      'Spheres cannot tell whether this post reached LinkedIn: LinkedIn lets apps like Spheres neither look at your posts nor send safely this long after the first try. Look on your LinkedIn profile; if the post is not there, cancel it here and queue it again.',
    );
  }

  async #session(request: PartRequest): Promise<{ client: LinkedInClient; author: string }> {
    const token = request.credentials.accessToken;
    if (token === undefined) throw classifyHttpStatus(401, 'LinkedIn', null);
    // Nothing has left yet: an account without its member (signed in before it was saved) waits for a reconnect, never counts as "may have been sent".
    const author = await this.#options.authorOf(request.accountId).catch(() => null);
    if (author === null || !MEMBER_URN.test(author)) throw new PublishFailure('reconnect', 'reconnect_needed', 'Spheres does not know which LinkedIn member this account is. Connect the account again.');
    const client = new LinkedInClient(this.#options.apiOrigin ?? LINKEDIN_API_ORIGIN, token, {
      fetch: this.#options.fetch ?? globalThis.fetch,
      timeoutMs: this.#options.timeoutMs ?? LINKEDIN_REQUEST_TIMEOUT_MS,
      now: this.#options.now,
    });
    return { client, author };
  }

  async #images(client: LinkedInClient, author: string, request: PartRequest): Promise<LinkedInImage[]> {
    const media = request.extras.media;
    const earlier = this.#uploaded.get(request.key);
    if (earlier !== undefined && earlier.length === media.length) return earlier;
    // All read and stripped of location before the first upload: an image that cannot go fails the post before anything is sent.
    const images = [];
    for (const ref of media) images.push(await readPostImage(ref, this.#options.readMedia, 'LinkedIn'));
    const uploaded: LinkedInImage[] = [];
    for (const image of images) uploaded.push(await uploadImage(client, author, image));
    if (uploaded.length > 0) this.#uploaded.set(request.key, uploaded);
    return uploaded;
  }
}

/** The new post's ref from the 201's `x-restli-id`; its absence means the post may be there, unnamed. */
function postRefOf(headers: Headers): RemoteRef {
  const urn = headers.get('x-restli-id')?.trim() ?? '';
  if (!POST_URN.test(urn)) throw unreadableAnswer('the post');
  return refOfPost(urn);
}
