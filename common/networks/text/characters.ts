import { xWeightOfCodeUnit } from '../x-weight';

/**
 * Per UTF-16 code unit classification for the fast counting path.
 *
 * A SIMPLE unit is one grapheme on its own, one code point, never part of an emoji, stable under
 * NFC, never extends or prepends to a neighbour (a following mark may still attach to it), and its
 * X weight comes straight from twitter-text's ranges. Everything else is "complex" and is counted by Intl.Segmenter and
 * twitter-text on small windows around it.
 */
export const SIMPLE = 1;
/** Splits words: a thread may be cut here. */
export const SPACE = 2;
/** A control character a network may reject or strip (tab, line feed and carriage return excluded). */
export const CONTROL = 4;
/** Ends a sentence (., !, ?, … and the CJK full stops). */
export const SENTENCE_END = 8;
/** CJK punctuation after which a thread may be cut although no space follows. */
export const CJK_BREAK = 16;

const FLAGS = new Uint8Array(0x10000);

function mark(from: number, to: number, flag: number): void {
  for (let c = from; c <= to; c++) FLAGS[c] = FLAGS[c]! | flag;
}
function unmark(c: number, flag: number): void {
  FLAGS[c] = FLAGS[c]! & ~flag;
}

// Latin, Latin-1 and Latin Extended; CR pairs with LF, © and ® can be emoji.
mark(0x0000, 0x02ff, SIMPLE);
unmark(0x0d, SIMPLE);
unmark(0xa9, SIMPLE);
unmark(0xae, SIMPLE);
// Greek and Coptic, minus the NFC singletons (U+0374, U+037E, U+0387) and U+0385.
mark(0x0370, 0x03ff, SIMPLE);
for (const c of [0x0374, 0x037e, 0x0385, 0x0387]) unmark(c, SIMPLE);
// Cyrillic letters (U+0483..U+0489 are combining marks).
mark(0x0400, 0x0482, SIMPLE);
mark(0x048a, 0x052f, SIMPLE);
// Hebrew and Arabic letters (their points and marks stay complex).
mark(0x05d0, 0x05ea, SIMPLE);
mark(0x0621, 0x064a, SIMPLE);
// Latin Extended Additional (precomposed Vietnamese and more).
mark(0x1e00, 0x1eff, SIMPLE);
// General punctuation without the invisible format characters and the emoji ‼ and ⁉.
mark(0x2002, 0x200a, SIMPLE);
mark(0x2010, 0x2027, SIMPLE);
mark(0x2030, 0x205e, SIMPLE);
unmark(0x203c, SIMPLE);
unmark(0x2049, SIMPLE);
// Currency signs.
mark(0x20a0, 0x20c0, SIMPLE);
// CJK punctuation (〰 and 〽 are emoji, U+302A.. are marks), kana, ideographs, Hangul syllables.
mark(0x3000, 0x3029, SIMPLE);
mark(0x3041, 0x3096, SIMPLE);
mark(0x30a0, 0x30ff, SIMPLE);
mark(0x4e00, 0x9fff, SIMPLE);
mark(0xac00, 0xd7a3, SIMPLE);
// Fullwidth ASCII and halfwidth katakana (U+FF9E, U+FF9F are marks).
mark(0xff01, 0xff5e, SIMPLE);
mark(0xff61, 0xff9d, SIMPLE);

for (const c of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x3000]) FLAGS[c] = FLAGS[c]! | SPACE;

mark(0x00, 0x08, CONTROL);
mark(0x0b, 0x0c, CONTROL);
mark(0x0e, 0x1f, CONTROL);
mark(0x7f, 0x9f, CONTROL);

for (const c of [0x2e, 0x21, 0x3f, 0x2026, 0x3002, 0xff01, 0xff1f, 0xff0e]) FLAGS[c] = FLAGS[c]! | SENTENCE_END;
for (const c of [0x3002, 0xff01, 0xff1f, 0x3001, 0xff0c]) FLAGS[c] = FLAGS[c]! | CJK_BREAK;

export function charFlags(unit: number): number {
  return FLAGS[unit]!;
}

/** X weight of a simple code unit, from twitter-text's configuration (1 or 2). */
const X_WEIGHTS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) X_WEIGHTS[c] = xWeightOfCodeUnit(c);

export function simpleXWeight(unit: number): number {
  return X_WEIGHTS[unit]!;
}

const joinSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const attachCache = new Uint8Array(0x10000); // 0 unknown, 1 attaches, 2 does not
const astralAttach = new Map<number, boolean>();

/** Whether a code point joins a space before it into one grapheme cluster (Extend, ZWJ, SpacingMark), as ICU says. */
function joinsSpace(cp: number): boolean {
  let count = 0;
  for (const _ of joinSegmenter.segment(` ${String.fromCodePoint(cp)}`)) count++;
  return count === 1;
}

/**
 * Whether the code point starting at `index` can join the character before it into one grapheme
 * (a combining or spacing mark, a joiner, a variation selector, an emoji modifier, a tag).
 */
export function attachesToPrevious(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit !== unit || (FLAGS[unit]! & SIMPLE) !== 0) return false;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const cp = text.codePointAt(index)!;
    if (cp <= 0xffff) return false;
    let known = astralAttach.get(cp);
    if (known === undefined) {
      known = joinsSpace(cp);
      astralAttach.set(cp, known);
    }
    return known;
  }
  if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  let known = attachCache[unit]!;
  if (known === 0) {
    known = joinsSpace(unit) ? 1 : 2;
    attachCache[unit] = known;
  }
  return known === 1;
}

/** UTF-8 byte length, counting a lone surrogate as the 3 bytes of the U+FFFD it becomes. */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function codePointCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    count++;
  }
  return count;
}

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Whether every code unit of the range is simple. */
export function isAllSimple(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) if ((FLAGS[text.charCodeAt(i)]! & SIMPLE) === 0) return false;
  return true;
}

export function formatCodePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
