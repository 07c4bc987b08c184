import { foldForSearch } from '../text/fold';

/**
 * The features the tone suggester reads from a post: its words (lower case, Danish letters spelled
 * out as search does, so "møde" and "moede" are one word), pairs of neighbouring words ("we're
 * hiring", "min datter"), emoji, and links, mentions and hashtags as their own kinds of token.
 * Words come from Intl.Segmenter, which splits English and Danish alike (and a post mixing them).
 */
export interface ToneFeatures {
  /** Each feature once: a word said twice is not twice the evidence (binarised naive Bayes). */
  readonly keys: readonly string[];
  /** The word as written (lower case) for each word feature key: reasons show these, not the folded key. */
  readonly surface: ReadonlyMap<string, string>;
}

const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const MENTION = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.]+/gu;
const HAS_HASHTAG = /#[\p{L}\p{N}_]+/u;
const EMOJI = /\p{Extended_Pictographic}/gu;
const PLAIN = /^[a-z0-9]+$/;
const BREAKS_PAIR = /[.!?;:\n]/u;
const DIGITS = /^\p{N}+$/u;

/** The segmenter is costly to make and safe to share; made on first use. */
let segmenter: Intl.Segmenter | undefined;

/** A post is cut here before features are read: a 1 MB post adds nothing 20,000 characters do not, and suggest stays fast. */
export const MAX_FEATURE_CHARS = 20_000;

/** Marker tokens; the leading character cannot come out of a word, so no word collides with them. */
export const LINK_TOKEN = '⟨link⟩';
export const MENTION_TOKEN = '⟨mention⟩';
export const HASHTAG_TOKEN = '⟨hashtag⟩';

function foldWord(word: string): string {
  // Most words are plain ASCII: skip the normalising for them (suggest on 3,000 characters must stay under a millisecond).
  return PLAIN.test(word) ? word : foldForSearch(word);
}

export function toneFeatures(text: string): ToneFeatures {
  let rest = text.length > MAX_FEATURE_CHARS ? text.slice(0, MAX_FEATURE_CHARS) : text;
  const keys = new Set<string>();
  const surface = new Map<string, string>();
  // Cheap checks first: most posts have no link or mention, and the replace would copy the text for nothing.
  if (rest.includes('http') || rest.includes('www.')) {
    const unlinked = rest.replace(LINK, ' ');
    if (unlinked !== rest) keys.add(LINK_TOKEN);
    rest = unlinked;
  }
  if (rest.includes('@')) {
    const unmentioned = rest.replace(MENTION, '$1 ');
    if (unmentioned !== rest) keys.add(MENTION_TOKEN);
    rest = unmentioned;
  }
  // The tag's words count as words too ("#family" says family): the segmenter reads them below.
  if (rest.includes('#') && HAS_HASHTAG.test(rest)) keys.add(HASHTAG_TOKEN);
  for (const emoji of rest.matchAll(EMOJI)) keys.add(emoji[0]);

  segmenter ??= new Intl.Segmenter('da', { granularity: 'word' });
  let previous: string | null = null;
  for (const segment of segmenter.segment(rest.toLowerCase())) {
    if (segment.isWordLike !== true) {
      // Sentence punctuation breaks a pair; a space or an apostrophe does not.
      if (BREAKS_PAIR.test(segment.segment)) previous = null;
      continue;
    }
    const word = segment.segment;
    // Numbers say little about tone, and every year or price would be a new word.
    if (DIGITS.test(word)) {
      previous = null;
      continue;
    }
    const key = foldWord(word);
    keys.add(key);
    if (!surface.has(key)) surface.set(key, word);
    if (previous !== null) keys.add(`${previous} ${key}`);
    previous = key;
  }
  return { keys: [...keys], surface };
}
