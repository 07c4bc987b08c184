import { extractHashtags, extractUrlsFromWord, overlapsAny, type UrlEntity } from './entities';

/*
 * LinkedIn's "little" text format, which the Posts API takes as a post's `commentary`:
 * https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format
 * "All reserved characters need to be escaped with a backslash, even if those characters are not
 * used in one of the supported elements." Unescaped, LinkedIn does not refuse the post: it answers
 * 201 and keeps the text only up to the first one (reported by many integrations, for example
 * https://github.com/ComposioHQ/composio/issues/2710 and apoorvdarshan/crossposter v1.1.5).
 *
 * Hashtags: the person writes `#tag` expecting a hashtag, as on every other network Spheres posts
 * to. An escaped `\#tag` would arrive as plain text (a # and a word, not a link), so a hashtag the
 * composer recognises (the same rule that highlights it: extractHashtags, not inside a link) goes
 * out as the documented HashtagTemplate `{hashtag|\#|tag}`, its sign escaped like every other
 * reserved character and its value escaped too (`#team_work` → `{hashtag|\#|team\_work}`); a
 * full-width `＃` (which the template also accepts, and which is not reserved) is kept as written.
 * Every other reserved character, links included, is escaped: the note above names no exception.
 */

/** The characters the little text format reserves (same source). */
export const LITTLE_TEXT_RESERVED = ['\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~'] as const;

const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

/** Every reserved character escaped with a backslash: the text arrives exactly as written, with no markup. */
export function escapeLittleText(text: string): string {
  return text.replace(RESERVED, '\\$&');
}

/** Links in the text, found word by word as the composer finds them (a `#` inside a link is no hashtag). */
function linksIn(text: string): UrlEntity[] {
  const links: UrlEntity[] = [];
  const word = /\S+/g;
  for (let match = word.exec(text); match !== null; match = word.exec(text)) {
    const before = match.index === 0 ? '' : text[match.index - 1]!;
    for (const link of extractUrlsFromWord(match[0], before)) links.push({ ...link, start: link.start + match.index, end: link.end + match.index });
  }
  return links;
}

/**
 * A post's text as LinkedIn's `commentary`: shown on LinkedIn exactly as written, every hashtag a
 * hashtag. Pure; the text the reader sees (and the composer counts) is the input.
 */
export function littleText(text: string): string {
  const tags = extractHashtags(text);
  if (tags.length === 0) return escapeLittleText(text);
  const links = linksIn(text);
  let out = '';
  let at = 0;
  for (const tag of tags) {
    if (overlapsAny(tag.start, tag.end, links)) continue;
    const sign = text[tag.start] === '#' ? '\\#' : text[tag.start]!;
    out += `${escapeLittleText(text.slice(at, tag.start))}{hashtag|${sign}|${escapeLittleText(tag.tag)}}`;
    at = tag.end;
  }
  return out + escapeLittleText(text.slice(at));
}
