import type { Counter } from './counter';
import { linearCost } from './counter';
import type { AnalyzedText } from './text/analyzed-text';
import { DIMS, TOKEN_CJK_BREAK, TOKEN_LINK_CANDIDATE, TOKEN_SENTENCE_END, TOKEN_SPACE } from './text/facts';
import type { TextSpan } from './types';
import type { Fit } from './walker';
import { firstEndingAfter, fitCodePoints, fitPrefix } from './walker';

/** One post of a thread: where its text comes from and what it counts (numbering excluded). */
export interface PartRange {
  readonly start: number;
  readonly end: number;
  readonly cost: number;
  readonly secondCost: number;
}

export interface ThreadSplit {
  readonly parts: readonly PartRange[];
  /** Words (or links) longer than a post that had to be cut inside. */
  readonly cutWords: readonly TextSpan[];
  /** Whether the posts get " 1/n" numbering. */
  readonly numbered: boolean;
}

/** A cut at a sentence end (or line break) is preferred over a later cut between words when the part is at least this full. */
const SENTENCE_CUT_MIN_SHARE = 0.5;

const RANK_WORD = 1;
const RANK_SENTENCE = 2;
const RANK_PARAGRAPH = 3;

/** " 12/34": numbering appended to every post of a numbered thread. */
export function numberingSuffix(index: number, total: number): string {
  return ` ${index + 1}/${total}`;
}

/**
 * Splits a text into posts that each fit `counter`'s limits: always at manual `---` lines, and
 * where a post would overflow, at the last sentence end (or line break) that keeps the post at
 * least half full, else at the last space; never inside a link, mention or hashtag. A word longer
 * than a post is cut between graphemes. Numbering (" 1/3") and the per-post cost (Mastodon's
 * content warning) are reserved in every post.
 *
 * `wordAlone` gives the counts (totals, see DIM_*) of a word counted as a whole text: a word that
 * starts a post is at the start of its text, where twitter-text may read a link differently.
 */
export function splitThread(doc: AnalyzedText, counter: Counter, numbering: boolean, wordAlone: (word: string) => Int32Array): ThreadSplit {
  const segments = tokenSegments(doc);
  // A thread has at least length / limit posts: start with that many digits in " k/n".
  const total = linearCost(counter.cost, doc.totals, 0, doc.text.length);
  let digits = Math.max(1, String(Math.ceil(total / Math.max(1, counter.limit))).length);
  for (;;) {
    const reserve = numbering ? 2 + 2 * digits : 0;
    const parts: PartRange[] = [];
    const cutWords: TextSpan[] = [];
    const budget = Math.max(1, counter.limit - counter.perPost - reserve);
    const secondBudget = Math.max(1, counter.secondLimit - reserve);
    for (const [from, to] of segments) splitSegment(doc, from, to, counter, budget, secondBudget, parts, cutWords, wordAlone);
    if (!numbering || parts.length < 10 ** digits || digits >= 9) {
      return { parts, cutWords, numbered: numbering && parts.length > 1 };
    }
    digits++;
  }
}

/** Token ranges between manual `---` lines (a marker line is a piece of its own, see chunks.ts). */
function tokenSegments(doc: AnalyzedText): Array<[number, number]> {
  const { ends, count } = doc.tokens;
  const segments: Array<[number, number]> = [];
  let from = 0;
  for (const marker of doc.markers) {
    segments.push([from, firstTokenEndingAfter(ends, count, marker.start)]);
    from = firstTokenEndingAfter(ends, count, marker.end);
  }
  segments.push([from, count]);
  return segments;
}

function firstTokenEndingAfter(ends: Int32Array, count: number, position: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function splitSegment(
  doc: AnalyzedText,
  from: number,
  to: number,
  counter: Counter,
  budget: number,
  secondBudget: number,
  parts: PartRange[],
  cutWords: TextSpan[],
  wordAlone: (word: string) => Int32Array,
): void {
  const { starts, ends, flags, costs } = doc.tokens;
  const text = doc.text;
  // The counter's linear cost, unpacked so the loop below needs no calls.
  const { dim, weight, extraDim, extraWeight, lengthWeight } = counter.cost;
  const second = counter.secondCost;
  let k = from;
  let pos = -1; // inside word k, after a cut in the middle of it
  while (k < to && (flags[k]! & TOKEN_SPACE) !== 0) k++;
  while (k < to) {
    const partStart = pos >= 0 ? pos : starts[k]!;
    let cost = 0;
    let secondCost = 0;
    let wordEnd = partStart;
    let wordCost = 0;
    let wordSecondCost = 0;
    // The farthest cut so far, and the farthest at a sentence end and at a paragraph end.
    let cut = -1;
    let cutCost = 0;
    let cutSecondCost = 0;
    let sentenceCut = -1;
    let sentenceCost = 0;
    let sentenceSecondCost = 0;
    let paragraphCut = -1;
    let paragraphCost = 0;
    let paragraphSecondCost = 0;
    let stopped = false;
    let restFit: Fit | undefined; // how much of a word cut in the middle fits, when it did not all fit
    for (let j = k; j < to; j++) {
      const isSpace = (flags[j]! & TOKEN_SPACE) !== 0;
      if (j > k) {
        const previousFlags = flags[j - 1]!;
        let rank = 0;
        if (isSpace && (previousFlags & TOKEN_SPACE) === 0) rank = spaceRank(text, starts[j]!, previousFlags);
        else if (!isSpace && (previousFlags & TOKEN_CJK_BREAK) !== 0) rank = (previousFlags & TOKEN_SENTENCE_END) !== 0 ? RANK_SENTENCE : RANK_WORD;
        if (rank > 0) {
          cut = j;
          cutCost = cost;
          cutSecondCost = secondCost;
          if (rank >= RANK_SENTENCE) {
            sentenceCut = j;
            sentenceCost = cost;
            sentenceSecondCost = secondCost;
          }
          if (rank >= RANK_PARAGRAPH) {
            paragraphCut = j;
            paragraphCost = cost;
            paragraphSecondCost = secondCost;
          }
        }
      }
      let c: number;
      let c2: number;
      if (j === k && pos >= 0) {
        // The rest of a word cut in the middle: walk it only as far as a post can hold.
        const rest = fitPrefix(doc, pos, ends[j]!, counter, budget, secondBudget);
        if (rest.end < ends[j]!) {
          restFit = rest;
          stopped = true;
          break;
        }
        c = rest.cost;
        c2 = rest.secondCost;
      } else if (j === k && (flags[j]! & TOKEN_LINK_CANDIDATE) !== 0) {
        const length = ends[j]! - starts[j]!;
        const alone = wordAlone(text.slice(starts[j]!, ends[j]!));
        c = linearCost(counter.cost, alone, 0, length);
        c2 = linearCost(second, alone, 0, length);
      } else {
        const base = j * DIMS;
        const length = ends[j]! - starts[j]!;
        c = costs[base + dim]! * weight + costs[base + extraDim]! * extraWeight + length * lengthWeight;
        c2 = costs[base + second.dim]! * second.weight + costs[base + second.extraDim]! * second.extraWeight + length * second.lengthWeight;
      }
      if (cost + c > budget || secondCost + c2 > secondBudget) {
        stopped = true;
        break;
      }
      cost += c;
      secondCost += c2;
      if (!isSpace) {
        wordEnd = ends[j]!;
        wordCost = cost;
        wordSecondCost = secondCost;
      }
    }
    if (!stopped) {
      parts.push({ start: partStart, end: wordEnd, cost: wordCost, secondCost: wordSecondCost });
      return;
    }
    if (cut >= 0) {
      // Prefer a paragraph end, then a sentence end, when the post stays at least half full.
      if (paragraphCut >= 0 && paragraphCost >= SENTENCE_CUT_MIN_SHARE * cutCost) {
        cut = paragraphCut;
        cutCost = paragraphCost;
        cutSecondCost = paragraphSecondCost;
      } else if (sentenceCut >= 0 && sentenceCost >= SENTENCE_CUT_MIN_SHARE * cutCost) {
        cut = sentenceCut;
        cutCost = sentenceCost;
        cutSecondCost = sentenceSecondCost;
      }
      parts.push({ start: partStart, end: starts[cut]!, cost: cutCost, secondCost: cutSecondCost });
      k = cut;
      pos = -1;
      while (k < to && (flags[k]! & TOKEN_SPACE) !== 0) k++;
      continue;
    }
    // The word alone is longer than a post: cut it between graphemes, outside links and tags.
    const wordStart = starts[k]!;
    const wordStop = ends[k]!;
    let fit = restFit ?? fitPrefix(doc, partStart, wordStop, counter, budget, secondBudget);
    if (fit.end === partStart) fit = fitCodePoints(text, partStart, wordStop, counter, budget, secondBudget);
    const entityStart = enclosingEntityStart(doc, fit.end);
    if (entityStart !== undefined && entityStart > partStart) {
      fit = fitPrefix(doc, partStart, entityStart, counter, Infinity, Infinity);
    }
    parts.push({ start: partStart, end: fit.end, cost: fit.cost, secondCost: fit.secondCost });
    const last = cutWords[cutWords.length - 1];
    if (last === undefined || last.start !== wordStart) cutWords.push({ start: wordStart, end: wordStop });
    pos = fit.end;
    if (pos >= wordStop) {
      k++;
      pos = -1;
      while (k < to && (flags[k]! & TOKEN_SPACE) !== 0) k++;
    }
  }
}

function spaceRank(text: string, spaceStart: number, previousFlags: number): number {
  let newlines = 0;
  for (let i = spaceStart; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) newlines++;
    else if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0b && c !== 0x0c && c !== 0x3000) break;
  }
  if (newlines >= 2) return RANK_PARAGRAPH;
  if (newlines === 1 || (previousFlags & TOKEN_SENTENCE_END) !== 0) return RANK_SENTENCE;
  return RANK_WORD;
}

/** The start of the link, mention or hashtag that `position` falls strictly inside of. */
function enclosingEntityStart(doc: AnalyzedText, position: number): number | undefined {
  for (const list of [doc.urls, doc.mentions, doc.hashtags]) {
    const i = firstEndingAfter(list, position);
    const entity = list[i];
    if (entity !== undefined && entity.start < position && position < entity.end) return entity.start;
  }
  return undefined;
}
