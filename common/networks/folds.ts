import type { NetworkId } from './types';

/**
 * Where a network's feed cuts a long post and shows a "see more" link. None of the networks
 * documents this: every number here is an observation, cited with where and when it was made,
 * and all of them are approximate because the feeds cut by rendered lines on the reader's screen.
 */
export interface Fold {
  /** Characters (UTF-16 code units) shown before the cut. */
  readonly characters: number;
  /** Rendered lines shown before the cut, when the feed cuts by lines. */
  readonly lines?: number;
  /** The link the feed shows at the cut, in English. */
  readonly label: string;
  /** Where the number comes from, and when it was observed. */
  readonly source: string;
}

/**
 * Organic LinkedIn posts show a 3-line preview, the same number of lines on desktop and mobile,
 * and two lines when the third is blank ("…more"; John Espirian, observed September 2024):
 * https://www.linkedin.com/pulse/see-more-breakpoints-linkedin-posts-john-espirian-j6zee
 * (read through its mirror https://dhirubhai.net/pulse/see-more-breakpoints-linkedin-posts-john-espirian-j6zee)
 * About 210 characters fit in those three lines on desktop (read 2026-11-27):
 * https://web-3-apps.com/char-counter/articles/linkedin-post-length/
 */
export const LINKEDIN_FOLD_CHARACTERS = 210;
export const LINKEDIN_FOLD_LINES = 3;

/**
 * Instagram shows about the first 125 characters of a caption, roughly two lines, before "more"
 * (read 2026-11-27): https://charactercounter.com/instagram and
 * https://blog.aitoearn.ai/how-long-can-an-instagram-post-be
 */
export const INSTAGRAM_FOLD_CHARACTERS = 125;
export const INSTAGRAM_FOLD_LINES = 2;

/**
 * Facebook cuts a post after about 477 characters on desktop with "See more"; mobile cuts
 * earlier (published 2026-06-14): https://boldlytype.com/blog/facebook-post-character-limit
 * The same figure: https://digitalwhatsup.com/instagram/is-there-a-character-limit-on-facebook-posts-with-background.html
 * No source gives a line count, so only characters are used.
 */
export const FACEBOOK_FOLD_CHARACTERS = 477;

/**
 * A text-only Facebook post of at most 85 characters is shown in a larger font; longer posts, and
 * posts with media, in the normal size (observed by the author; read 2026-11-27):
 * http://facebook-kiwami.com/toukou-moji-size-606
 */
export const FACEBOOK_LARGE_TEXT_MAX_CHARACTERS = 85;

/**
 * X shows long posts (Premium, more than 280 weighted characters) with a 280-character preview
 * and "Show more" (announced by Twitter 2023-02-09):
 * https://mybroadband.co.za/news/internet/479595-twitter-increases-character-limit-for-blue-subscribers.html
 * Spheres publishes long X texts as threads, whose posts never fold.
 */
export const X_FOLD_CHARACTERS = 280;

export const FOLDS: Readonly<Record<NetworkId, Fold | null>> = {
  x: {
    characters: X_FOLD_CHARACTERS,
    label: 'Show more',
    source: 'https://mybroadband.co.za/news/internet/479595-twitter-increases-character-limit-for-blue-subscribers.html (2023-02-09)',
  },
  // Bluesky, Mastodon and Threads show a post in full (Mastodon hides it only behind a content warning).
  bluesky: null,
  mastodon: null,
  threads: null,
  linkedin: {
    characters: LINKEDIN_FOLD_CHARACTERS,
    lines: LINKEDIN_FOLD_LINES,
    label: '…more',
    source:
      'https://www.linkedin.com/pulse/see-more-breakpoints-linkedin-posts-john-espirian-j6zee (observed 2024-09); https://web-3-apps.com/char-counter/articles/linkedin-post-length/ (read 2026-11-27)',
  },
  instagram: {
    characters: INSTAGRAM_FOLD_CHARACTERS,
    lines: INSTAGRAM_FOLD_LINES,
    label: '… more',
    source: 'https://charactercounter.com/instagram (read 2026-11-27); https://blog.aitoearn.ai/how-long-can-an-instagram-post-be (2025)',
  },
  facebook: {
    characters: FACEBOOK_FOLD_CHARACTERS,
    label: 'See more',
    source: 'https://boldlytype.com/blog/facebook-post-character-limit (2026-06-14)',
  },
};

/** A cut is moved back to the last space before it, when there is one this close. */
const WORD_BOUNDARY_REACH = 30;

/**
 * Where the feed cuts `text` (a UTF-16 index), or undefined when it shows the whole text.
 * Lines are estimated: every line break starts a line, and a long paragraph takes as many lines as
 * `characters / lines` characters fill. The cut lands between words, as the feeds' line clamping
 * does, and never splits a surrogate pair.
 */
export function foldIndex(text: string, fold: Fold | null): number | undefined {
  if (fold === null) return undefined;
  let cut = Math.min(text.length, fold.characters);
  if (fold.lines !== undefined) cut = Math.min(cut, lineCut(text, fold.lines, fold.characters / fold.lines));
  if (!hasVisibleTextFrom(text, cut)) return undefined;
  cut = snapToWordBoundary(text, cut);
  // The label follows the last word shown: a blank line before the cut is not shown either
  // (LinkedIn shows two lines when the third is blank, see LINKEDIN_FOLD_LINES).
  while (cut > 0 && isSpace(text.charCodeAt(cut - 1))) cut--;
  return cut;
}

/** The index where line `lines + 1` starts, by line breaks and by how many characters fill a line. */
function lineCut(text: string, lines: number, charactersPerLine: number): number {
  let used = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const breakAt = text.indexOf('\n', lineStart);
    const lineEnd = breakAt < 0 ? text.length : breakAt;
    const length = lineEnd - lineStart;
    const taken = Math.max(1, Math.ceil(length / charactersPerLine));
    if (used + taken > lines) return lineStart + Math.floor((lines - used) * charactersPerLine);
    used += taken;
    if (breakAt < 0) return text.length;
    if (used === lines) return breakAt;
    lineStart = breakAt + 1;
  }
  return text.length;
}

function hasVisibleTextFrom(text: string, index: number): boolean {
  for (let i = index; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

function snapToWordBoundary(text: string, cut: number): number {
  if (cut > 0 && cut < text.length && !isSpace(text.charCodeAt(cut)) && !isSpace(text.charCodeAt(cut - 1))) {
    const floor = Math.max(1, cut - WORD_BOUNDARY_REACH);
    for (let i = cut - 1; i >= floor; i--) {
      if (isSpace(text.charCodeAt(i))) return i + 1;
    }
  }
  const code = text.charCodeAt(cut);
  return code >= 0xdc00 && code <= 0xdfff && cut > 0 ? cut - 1 : cut;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xa0;
}
