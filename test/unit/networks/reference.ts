/**
 * Naive reference counters for the tests: each counts a whole text the slow, obvious way the
 * network's documentation describes, so the fast, piecewise counting of common/networks can be
 * checked against them on any text.
 */
import twitter from 'twitter-text';
import { blueskyLinkDisplayText } from '../../../common/networks';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function graphemeCount(text: string): number {
  return graphemes(text).length;
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** X: twitter-text's parseTweet, nothing else. */
export function xLength(text: string): number {
  return twitter.parseTweet(text).weightedLength;
}

/** Bluesky: graphemes and UTF-8 bytes after the app has shortened every link. */
export function blueskyCounts(text: string): { graphemes: number; bytes: number } {
  let shortened = '';
  let at = 0;
  for (const { url, indices } of twitter.extractUrlsWithIndices(text)) {
    const full = /^https?:\/\//i.test(url) ? url : `https://${url}`;
    shortened += text.slice(at, indices[0]) + blueskyLinkDisplayText(full);
    at = indices[1];
  }
  shortened += text.slice(at);
  return { graphemes: graphemeCount(shortened), bytes: utf8Bytes(shortened) };
}

const MASTODON_MENTION = /(?<![=/\p{L}\p{M}\p{N}\p{Pc}])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([\p{L}\p{M}\p{N}\p{Pc}.-]*[\p{L}\p{M}\p{N}\p{Pc}]))?/giu;

/** Mastodon's StatusLengthValidator: URLs become `reserved` characters, `@user@server` becomes `@user`. */
export function mastodonLength(text: string, contentWarning = '', reserved = 23): number {
  const urls = twitter.extractUrlsWithIndices(text).filter((u) => /^https?:\/\//i.test(u.url));
  const entities: Array<{ start: number; end: number; replacement: string }> = urls.map((u) => ({
    start: u.indices[0],
    end: u.indices[1],
    replacement: 'x'.repeat(reserved),
  }));
  for (const m of text.matchAll(MASTODON_MENTION)) {
    const end = m.index + m[0].length;
    if (m[2] === undefined || text[end] === '@') continue;
    if (entities.some((e) => m.index < e.end && e.start < end)) continue;
    entities.push({ start: m.index, end, replacement: `@${m[1]}` });
  }
  entities.sort((a, b) => a.start - b.start);
  let rewritten = '';
  let at = 0;
  for (const e of entities) {
    rewritten += text.slice(at, e.start) + e.replacement;
    at = e.end;
  }
  rewritten += text.slice(at);
  return graphemeCount(contentWarning) + graphemeCount(rewritten);
}

const EMOJI = /\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\ufe0f\u20e3]/u;

/** Threads: one per character, an emoji as its UTF-8 bytes. */
export function threadsLength(text: string): number {
  let length = 0;
  for (const g of graphemes(text)) length += EMOJI.test(g) ? utf8Bytes(g) : Array.from(g).length;
  return length;
}

/** LinkedIn, Instagram, Facebook: UTF-16 code units of the text as the reader sees it. */
export function codeUnits(text: string): number {
  return text.length;
}

/** Deterministic pseudo-random numbers, shared with the benchmarks. */
export { random as seededRandom } from '../../support/random';

/** Pieces of hard text: scripts, emoji sequences, marks, joiners, links, mentions, broken input. */
export const PIECES = [
  'hello', 'world', 'Danish', 'æblegrød', 'Øresund', 'på', 'Å', 'naïve', 'e\u0301', 'A\u030a', 'a\u0301\u0302\u0303',
  '東京', '今日は', '。', '、', '我们', '！', '한국어', '\u1100\u1161\u11a8', '가\u11a8',
  'שָׁלוֹם', 'مرحبا', 'عَرَبِيّ', '\u0600\u0661', '\u200f', '\u202a', '\u2066', 'हिन्दी', 'ไทย', 'ำ',
  '🎉', '🙂', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇩🇰', '🇩', '❤️', '☺', '©', '©️', '1️⃣', '#️⃣', '1\u20e3', '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '👍\u200d🎉', '\u200d', '\u200c', '\ufe0f', '\u0301', '\u20e3',
  'https://example.com', 'https://example.com/a/very/long/path/that/goes/on?and=on#forever',
  'http://bücher.de/straße', 'example.org/docs', 'www.dr.dk', 't.co/abc', 'https://x.com/@user', 'https://example.com/#tag',
  '@mette', '@jonas@mastodon.social', '@a_b.c@example.co.uk', 'x@y.z', '#hashtag', '#læring', '#123', '#tag1#tag2', '＃全角',
  '.', ',', '!', '?', '…', '—', '"quoted."', '(parens)', '…!', 'e.g.', '3.14',
  '\n', '\n\n', '\r\n', '\t', '\u3000', ' \u0301', '\u0001', '\u0007', '\u007f', '\u0085', '\ud83d', '\ude00', '\udc00x',
  '\ufeff', '\uffff', '\ufffe', '---', 'a'.repeat(40), 'xn--bcher-kva.example',
];

/** A random text of about `words` pieces, joined mostly by spaces. */
export function randomText(random: () => number, words: number): string {
  let text = '';
  for (let i = 0; i < words; i++) {
    text += PIECES[Math.floor(random() * PIECES.length)]!;
    const r = random();
    text += r < 0.7 ? ' ' : r < 0.8 ? '' : r < 0.9 ? '\n' : r < 0.95 ? '. ' : '\n---\n';
  }
  return text;
}
