import twitter from 'twitter-text';

/** Offsets are UTF-16 indices relative to the text the entity was found in. */
export interface UrlEntity {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Written with http:// or https:// (Mastodon only shortens those). */
  readonly hasProtocol: boolean;
}

export interface MentionEntity {
  readonly start: number;
  readonly end: number;
  readonly username: string;
  /** The server of a remote (fediverse) mention `@user@server`. */
  readonly domain: string | undefined;
}

export interface HashtagEntity {
  readonly start: number;
  readonly end: number;
  readonly tag: string;
}

/**
 * twitter-text's URL extractor backtracks quadratically on long runs such as `a.a.a.a…` (3,200
 * characters take 24 ms). A run of more than this many characters without a space is never
 * treated as a link: no real address is that long, and it keeps 1 MB of pasted text linear.
 */
export const MAX_LINK_TOKEN_LENGTH = 1024;

const regexen = twitter.regexen;
const TOP_LEVEL_DOMAIN = new RegExp(
  `\\.(?:${regexen.validGTLD.source}|${regexen.validCCTLD.source}|${regexen.validPunycode.source})`,
  'i',
);

/**
 * URLs in a run of text without spaces (and the character before it), by twitter-text's extractor (the one parseTweet and
 * Mastodon's server use). Links never contain a space, so extracting per word gives the same
 * result as extracting from the whole text, and words without a domain are skipped cheaply.
 */
export function extractUrlsFromWord(word: string, before: string): UrlEntity[] {
  if (word.length > MAX_LINK_TOKEN_LENGTH) return [];
  if (!word.includes('://') && !TOP_LEVEL_DOMAIN.test(word)) return [];
  // The extractor lets one character before a link be its "preceding character", so the word is
  // given with the character that precedes it in the text: `ür.dk` alone holds the link `r.dk`,
  // after a space the link `ür.dk`.
  const shift = before.length;
  const found = twitter.extractUrlsWithIndices(before + word);
  const urls: UrlEntity[] = [];
  for (const { url, indices } of found) {
    if (indices[0] < shift) continue;
    urls.push({ start: indices[0] - shift, end: indices[1] - shift, text: url, hasProtocol: regexen.urlHasProtocol.test(url) });
  }
  return urls;
}

/**
 * Mentions as Mastodon's server finds them (Account::MENTION_RE): `@user` or `@user@server`, not
 * after a word character, `=` or `/`. X, Threads and Instagram handles fit the same pattern.
 * https://github.com/mastodon/mastodon/blob/main/app/models/account.rb
 */
const MENTION = /(?<![=/\p{L}\p{M}\p{N}\p{Pc}])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([\p{L}\p{M}\p{N}\p{Pc}.-]*[\p{L}\p{M}\p{N}\p{Pc}]))?/giu;

export function extractMentions(text: string): MentionEntity[] {
  if (!text.includes('@')) return [];
  const mentions: MentionEntity[] = [];
  MENTION.lastIndex = 0;
  for (let match = MENTION.exec(text); match !== null; match = MENTION.exec(text)) {
    const end = match.index + match[0].length;
    const next = text.charCodeAt(end);
    if (next === 0x40) continue; // `@a@` is no mention
    mentions.push({ start: match.index, end, username: match[1]!, domain: match[2] });
  }
  return mentions;
}

const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&#＃])[#＃]([\p{L}\p{M}\p{N}_]+)/gu;
const HAS_LETTER = /[\p{L}_]/u;

/** Hashtags: `#` and letters, digits or `_`, at least one of them not a digit (as X and Meta do). */
export function extractHashtags(text: string): HashtagEntity[] {
  if (!text.includes('#') && !text.includes('＃')) return [];
  const hashtags: HashtagEntity[] = [];
  HASHTAG.lastIndex = 0;
  for (let match = HASHTAG.exec(text); match !== null; match = HASHTAG.exec(text)) {
    const tag = match[1]!;
    if (!HAS_LETTER.test(tag)) continue;
    hashtags.push({ start: match.index, end: match.index + match[0].length, tag });
  }
  return hashtags;
}

export function overlapsAny(start: number, end: number, spans: ReadonlyArray<{ readonly start: number; readonly end: number }>): boolean {
  for (const span of spans) if (start < span.end && span.start < end) return true;
  return false;
}
