import { decodeEntities } from './mastodon-text';

/** What a page says about itself for a link card. */
export interface PageSummary {
  title: string;
  description: string;
  /** The image's address as the page wrote it (may be relative); null when it names none. */
  image: string | null;
}

/** Kept short: a card shows a line or two, and the text travels in every copy of the record. */
const MAX_TITLE = 300;
const MAX_DESCRIPTION = 1000;

const META = /<meta\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const TITLE = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i;

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

function clean(text: string, max: number): string {
  const flat = decodeEntities(text).replace(/\s+/g, ' ').trim();
  const characters = Array.from(flat);
  return characters.length <= max ? flat : `${characters.slice(0, max - 1).join('')}…`;
}

/**
 * Reads Open Graph (https://ogp.me/) tags, falling back to Twitter's card tags, the page's
 * <meta name="description"> and its <title>. Comments, scripts and styles are removed first, so
 * a tag inside them does not count; only the head is read when the page marks where it ends.
 * The first value of each property wins, as in the Open Graph spec for non-array properties.
 */
export function readPageSummary(html: string): PageSummary {
  const withoutHidden = html.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/<(script|style|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
  const headEnd = withoutHidden.search(/<\/head\s*>|<body\b/i);
  const head = headEnd === -1 ? withoutHidden : withoutHidden.slice(0, headEnd);
  const values = new Map<string, string>();
  for (const match of head.matchAll(META)) {
    const attributes = attributesOf(match[1]!);
    const key = (attributes.get('property') ?? attributes.get('name'))?.toLowerCase();
    const content = attributes.get('content');
    if (key !== undefined && content !== undefined && !values.has(key)) values.set(key, content);
  }
  const first = (...keys: string[]) => keys.map((key) => values.get(key)?.trim()).find((value) => value !== undefined && value !== '');
  const title = first('og:title', 'twitter:title') ?? TITLE.exec(head)?.[1] ?? '';
  const description = first('og:description', 'twitter:description', 'description') ?? '';
  const image = first('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src') ?? null;
  return { title: clean(title, MAX_TITLE), description: clean(description, MAX_DESCRIPTION), image: image === null ? null : decodeEntities(image).trim() };
}
