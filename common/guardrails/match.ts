import { foldForSearch } from '../text/fold';

/** One watched word found in a text, as a UTF-16 range of the text as written (`end` exclusive). */
export interface WatchedWordMatch {
  /** The word or phrase as it stands in the list (the person's, or the starter list's). */
  word: string;
  start: number;
  end: number;
  /** What the text says there: "Opkøbet", "#merger". */
  found: string;
}

/**
 * Endings a listed word may take and still be the same word: English -s/-es/-ed/-d/-ing, Danish
 * definite and plural forms (-en/-n, -et/-t, -er/-r, -erne/-rne, -ene/-ne), and a genitive -s after
 * any of them ("fusionens"). Whole words otherwise: "merger" never matches "emerger".
 */
const ENDINGS: readonly string[] = ['', 's', 'es', 'ed', 'd', 'ing', 'en', 'n', 'et', 't', 'er', 'r', 'erne', 'rne', 'ene', 'ne'];
const FORMS = new Set(ENDINGS.flatMap((ending) => [ending, `${ending}s`]));
/** Below this a stem with an ending is too likely another word ("er" + "s"). */
const MIN_INFLECTED_STEM = 3;

const ASCII_UNIT = /^[A-Za-z0-9]$/;

/** A letter or digit with any marks that follow it: one unit of folding, so an å typed as a + ring folds as å. */
const UNIT = /[\p{L}\p{N}][\p{M}]*/gu;

/**
 * Addresses in a text: words inside them are not words of the post. With a scheme or www., or a
 * bare domain on a common top-level domain ("merger.com/news").
 */
const LINK = /(?:https?:\/\/|www\.)[^\s]+|(?<![\p{L}\p{N}@.])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|dk|org|net|io|eu|co|uk|de|se|no|fi|info|biz|app|dev)(?![\p{L}\p{N}])(?:\/[^\s]*)?/giu;

interface Token {
  folded: string;
  start: number;
  end: number;
}

/** The words of a text, folded (lower case, æ/ø/å spelled out, accents off), with where they stand; words in links left out. */
export function wordsOf(text: string): Token[] {
  const links: [number, number][] = [];
  for (const link of text.matchAll(LINK)) links.push([link.index, link.index + link[0].length]);
  const tokens: Token[] = [];
  let current: Token | null = null;
  let lastEnd = -1;
  for (const unit of text.matchAll(UNIT)) {
    const start = unit.index;
    const end = start + unit[0].length;
    if (links.some(([from, to]) => start >= from && start < to)) {
      current = null;
      continue;
    }
    // Most letters are plain ASCII: lower-casing is all their folding, at a fraction of the cost.
    const folded = ASCII_UNIT.test(unit[0]) ? unit[0].toLowerCase() : foldForSearch(unit[0]);
    if (current !== null && start === lastEnd) {
      current.folded += folded;
      current.end = end;
    } else {
      current = { folded, start, end };
      tokens.push(current);
    }
    lastEnd = end;
  }
  return tokens;
}

/** A listed word or phrase as the folded words it is made of. */
function wordsOfEntry(entry: string): string[] {
  return wordsOf(entry).map((token) => token.folded);
}

function sameWord(listed: string, written: string): boolean {
  if (written === listed) return true;
  // English drops a final e before -ing: merge → merging.
  if (listed.endsWith('e') && listed.length > MIN_INFLECTED_STEM && written === `${listed.slice(0, -1)}ing`) return true;
  if (!written.startsWith(listed) || listed.length < MIN_INFLECTED_STEM) return false;
  return FORMS.has(written.slice(listed.length));
}

/**
 * Where the text names a watched word: whole words, any case, æ/ø/å or ae/oe/aa, with simple
 * inflections on each word of a phrase; words inside links do not count, hashtags do (#merger).
 */
export function findWatchedWords(text: string, watched: readonly string[]): WatchedWordMatch[] {
  if (watched.length === 0 || text.length === 0) return [];
  const tokens = wordsOf(text);
  const entries = watched.map((word) => ({ word, parts: wordsOfEntry(word) })).filter((entry) => entry.parts.length > 0);
  const matches: WatchedWordMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const entry of entries) {
      if (i + entry.parts.length > tokens.length) continue;
      if (!entry.parts.every((part, k) => sameWord(part, tokens[i + k]!.folded))) continue;
      const start = tokens[i]!.start;
      const end = tokens[i + entry.parts.length - 1]!.end;
      // A hashtag is matched with its #, so the highlight shows the tag as written.
      const from = text[start - 1] === '#' ? start - 1 : start;
      matches.push({ word: entry.word, start: from, end, found: text.slice(from, end) });
    }
  }
  return dedupe(matches);
}

/** Two list entries that find the same place ("merger" in both lists) are one match: the first listed. */
function dedupe(matches: WatchedWordMatch[]): WatchedWordMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const key = `${match.start}:${match.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
