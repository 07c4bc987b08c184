import { identifyImage, type AcceptedImageType } from '../../media/image-kind';
import { readPageSummary } from './open-graph';
import { withoutLocation } from './post-image';

export interface LinkCardLimits {
  /** The whole card (page and image) must arrive within this; after it the post goes without a card. */
  deadlineMs: number;
  maxHtmlBytes: number;
  maxImageBytes: number;
}

/**
 * 5 s: a card is a nicety, not worth holding a post up longer. 1 MB of page is far more than any head
 * with its Open Graph tags; 1,000,000 bytes is the largest thumbnail app.bsky.embed.external takes
 * (https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/external.json).
 */
export const DEFAULT_LINK_CARD_LIMITS: LinkCardLimits = { deadlineMs: 5_000, maxHtmlBytes: 1_000_000, maxImageBytes: 1_000_000 };

export interface LinkCard {
  uri: string;
  title: string;
  description: string;
  thumb: { bytes: Uint8Array; mime: AcceptedImageType } | null;
}

class TooLarge extends Error {}

/** The body up to `max` bytes: the rest is not read. With `cutAtMax`, a longer body is an error instead. */
async function readCapped(response: Response, max: number, cutAtMax: boolean): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (cutAtMax && Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    if (length > max) {
      await reader.cancel().catch(() => undefined);
      if (cutAtMax) throw new TooLarge();
      break;
    }
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes.subarray(0, max);
}

function charsetOf(contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).encoding;
  } catch {
    return 'utf-8';
  }
}

function isWebAddress(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

/**
 * The card the Bluesky app would show for a link: the page's title, description and image, as
 * its Open Graph tags give them. Everything that can go wrong (no answer in time, not HTML, too
 * large, no title) gives null, and the post goes out without a card: a card never fails a post.
 * The image is optional: when it is missing, too large or not an image, the card has no thumbnail.
 * Only http(s) addresses are fetched, with no cookies or credentials of any kind.
 */
export async function fetchLinkCard(uri: string, fetch: typeof globalThis.fetch, limits: LinkCardLimits = DEFAULT_LINK_CARD_LIMITS): Promise<LinkCard | null> {
  const deadline = AbortSignal.timeout(limits.deadlineMs);
  try {
    const address = new URL(uri);
    if (!isWebAddress(address)) return null;
    const page = await fetch(address, { headers: { accept: 'text/html,application/xhtml+xml' }, signal: deadline, credentials: 'omit' });
    const contentType = page.headers.get('content-type') ?? '';
    if (!page.ok || !/html/i.test(contentType)) {
      await page.body?.cancel().catch(() => undefined);
      return null;
    }
    const html = new TextDecoder(charsetOf(contentType)).decode(await readCapped(page, limits.maxHtmlBytes, false));
    const summary = readPageSummary(html);
    if (summary.title === '' && summary.description === '') return null;
    const base = page.url === '' ? address : new URL(page.url);
    const thumb = summary.image === null ? null : await fetchThumb(summary.image, base, fetch, deadline, limits.maxImageBytes);
    return { uri, title: summary.title, description: summary.description, thumb };
  } catch {
    return null;
  }
}

async function fetchThumb(image: string, base: URL, fetch: typeof globalThis.fetch, deadline: AbortSignal, maxBytes: number): Promise<LinkCard['thumb']> {
  try {
    const address = new URL(image, base);
    if (!isWebAddress(address)) return null;
    const answer = await fetch(address, { headers: { accept: 'image/*' }, signal: deadline, credentials: 'omit' });
    if (!answer.ok) {
      await answer.body?.cancel().catch(() => undefined);
      return null;
    }
    const bytes = await readCapped(answer, maxBytes, true);
    const kind = await identifyImage(bytes, 'the link card image');
    return { bytes: await withoutLocation(bytes, kind.mime, 'link card image'), mime: kind.mime };
  } catch {
    return null;
  }
}
