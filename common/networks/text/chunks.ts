import { charFlags, SIMPLE, SPACE } from './characters';

/** No piece is cut shorter than this (each piece costs a little to count and to look up). */
const MIN_PIECE = 160;
/** A piece is cut at the next opportunity once it is this long. */
const MAX_PIECE = 768;

const MARKER_LINE = /^[ \t]*---[ \t]*\r?$/;
/** A split marker line is at most this long (`---` with some spaces around it). */
export const MAX_MARKER_LINE = 16;

/**
 * Cuts a text into pieces that are counted independently and memoised by their text. A piece may
 * end after a line feed, or before the space that follows `.`, `!` or `?`; it does end there when
 * the few characters before the opportunity hash to 0 mod 3 (so the cuts depend on nearby text
 * only, and an edit changes the piece it is in and rarely its neighbour), or when it is long. A
 * line holding only `---` (a manual thread split) is always a piece of its own.
 * Every cut is a grapheme boundary and a word boundary, so the counts of the pieces add up to the
 * count of the text. Returns the end offset of each piece.
 */
export function chunkEnds(text: string): number[] {
  const ends: number[] = [];
  const length = text.length;
  let pieceStart = 0;
  let lineStart = 0;
  let space = text.indexOf(' ');
  const cut = (end: number): void => {
    if (end > pieceStart) {
      ends.push(end);
      pieceStart = end;
    }
  };
  while (lineStart < length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? length : newline + 1;
    const contentEnd = newline < 0 ? length : newline;
    if (contentEnd - lineStart <= MAX_MARKER_LINE && MARKER_LINE.test(text.slice(lineStart, contentEnd))) {
      cut(lineStart);
      cut(lineEnd);
      lineStart = lineEnd;
      continue;
    }
    // `space` only moves forward, so finding the spaces of all lines costs one pass.
    while (space >= 0 && space <= lineStart) space = text.indexOf(' ', lineStart + 1);
    for (; space >= 0 && space < contentEnd - 1; space = text.indexOf(' ', space + 1)) {
      const before = text.charCodeAt(space - 1);
      if (before !== 0x2e && before !== 0x21 && before !== 0x3f) continue;
      const after = text.charCodeAt(space + 1);
      if ((charFlags(after) & (SIMPLE | SPACE)) === 0 || after === 0x0d) continue;
      if (shouldCut(text, pieceStart, space)) cut(space);
    }
    if (lineEnd < length && shouldCut(text, pieceStart, lineEnd)) cut(lineEnd);
    lineStart = lineEnd;
  }
  cut(length);
  return ends;
}

function shouldCut(text: string, pieceStart: number, end: number): boolean {
  const size = end - pieceStart;
  if (size >= MAX_PIECE) return true;
  if (size < MIN_PIECE) return false;
  let hash = 0;
  for (let i = Math.max(pieceStart, end - 8); i < end; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return (hash >>> 0) % 3 === 0;
}
