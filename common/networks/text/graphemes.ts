import { codePointCount, utf8Length } from './characters';

/**
 * Grapheme clusters by Intl.Segmenter (locale independent for graphemes). A call to `segment`
 * costs several microseconds before the first cluster, so callers batch their windows into one
 * string (see facts.ts) instead of segmenting many small pieces.
 */
export const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of graphemeSegmenter.segment(text)) count++;
  return count;
}

const EMOJI = /\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\ufe0f\u20e3]/u;

/** Whether a grapheme cluster shows as an emoji (text-style symbols such as a bare © do not). */
export function isEmojiCluster(cluster: string): boolean {
  return EMOJI.test(cluster);
}

/** Threads counts an emoji as its UTF-8 bytes and any other character as one. */
export function threadsClusterCost(cluster: string): number {
  return isEmojiCluster(cluster) ? utf8Length(cluster) : codePointCount(cluster);
}

/**
 * Separator between windows in a batch: a control character always breaks grapheme clusters on
 * both sides (UAX #29 GB4, GB5), so no cluster spans two windows.
 */
export const WINDOW_SEPARATOR = '\u0001';
