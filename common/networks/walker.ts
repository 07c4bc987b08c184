import type { Counter } from './counter';
import type { AnalyzedText } from './text/analyzed-text';
import { isAllSimple } from './text/characters';
import { graphemeSegmenter } from './text/graphemes';

/** How much of a range fits, and what that much counts. */
export interface Fit {
  /** Where the first grapheme (or link counted as a whole) that does not fit starts. */
  readonly end: number;
  readonly cost: number;
  readonly secondCost: number;
}

interface Atom {
  readonly start: number;
  readonly end: number;
  readonly cost: number;
  readonly secondCost: number;
}

/** Intl.Segmenter is given at most this much text at a time, so long words cost what they use. */
const WINDOW = 4096;

/**
 * Walks `text[from, to)` grapheme by grapheme (a link the network counts as a whole is one step)
 * and stops before the first step that would go past the budgets. Used to find where a text
 * overflows and to cut a word that is longer than a post.
 */
export function fitPrefix(doc: AnalyzedText, from: number, to: number, counter: Counter, budget: number, secondBudget: number): Fit {
  const text = doc.text;
  const atoms = new AtomCursor(doc, counter, from);
  let cost = 0;
  let secondCost = 0;
  let pos = from;
  // A post holds at most `budget` clusters (each counts at least 1): no need to look further.
  const window = Number.isFinite(budget) ? Math.min(WINDOW, Math.max(256, budget * 4)) : WINDOW;
  while (pos < to) {
    const windowEnd = Math.min(to, pos + window);
    const piece = text.slice(pos, windowEnd);
    let resumeAt = windowEnd;
    let truncatedFirst = false;
    const steps: Iterable<{ segment: string; index: number }> = isAllSimple(piece) ? simpleSteps(piece) : graphemeSegmenter.segment(piece);
    for (const { segment, index } of steps) {
      const start = pos + index;
      if (windowEnd < to && start + segment.length >= windowEnd) {
        // The last cluster of a window may continue in the next one: count it there.
        resumeAt = start;
        truncatedFirst = index === 0;
        break;
      }
      const atom = atoms.at(start, start + segment.length);
      if (atom !== undefined) {
        if (atom.start < start) continue; // inside a link already counted
        if (cost + atom.cost > budget || secondCost + atom.secondCost > secondBudget) return { end: start, cost, secondCost };
        cost += atom.cost;
        secondCost += atom.secondCost;
        continue;
      }
      const c = counter.cluster(segment);
      const c2 = counter.secondCluster(segment);
      if (cost + c > budget || secondCost + c2 > secondBudget) return { end: start, cost, secondCost };
      cost += c;
      secondCost += c2;
    }
    // A cluster longer than a window (a letter under thousands of marks) is never taken whole:
    // the caller cuts it with fitCodePoints.
    if (truncatedFirst) return { end: pos, cost, secondCost };
    pos = resumeAt;
  }
  return { end: to, cost, secondCost };
}

/** Walks the links and mentions a network counts as a whole, in step with the clusters. */
class AtomCursor {
  private url: number;
  private mention: number;

  constructor(
    private readonly doc: AnalyzedText,
    private readonly counter: Counter,
    from: number,
  ) {
    // Entities that began before `from` were cut: their rest counts grapheme by grapheme.
    this.url = firstStartingAt(doc.urls, from);
    this.mention = firstStartingAt(doc.mentions, from);
  }

  /** The whole-counted entity overlapping the cluster [start, end), if any. */
  at(start: number, end: number): Atom | undefined {
    const { urls, mentions } = this.doc;
    while (this.url < urls.length && urls[this.url]!.end <= start) this.url++;
    while (this.mention < mentions.length && mentions[this.mention]!.end <= start) this.mention++;
    for (const entity of [urls[this.url], mentions[this.mention]]) {
      if (entity === undefined || entity.start >= end) continue;
      const costs = this.counter.atomic(entity);
      if (costs !== undefined) return { start: entity.start, end: entity.end, cost: costs[0], secondCost: costs[1] };
    }
    return undefined;
  }
}

/**
 * For a single grapheme longer than a post (a letter with thousands of combining marks): fits code
 * point by code point, each counted as if it stood alone, and always takes at least one.
 */
export function fitCodePoints(text: string, from: number, to: number, counter: Counter, budget: number, secondBudget: number): Fit {
  let cost = 0;
  let secondCost = 0;
  let pos = from;
  while (pos < to) {
    const cp = text.codePointAt(pos)!;
    const char = String.fromCodePoint(cp);
    const c = counter.cluster(char);
    const c2 = counter.secondCluster(char);
    if (pos > from && (cost + c > budget || secondCost + c2 > secondBudget)) break;
    cost += c;
    secondCost += c2;
    pos += char.length;
  }
  return { end: pos, cost, secondCost };
}

function* simpleSteps(piece: string): Generator<{ segment: string; index: number }> {
  for (let index = 0; index < piece.length; index++) yield { segment: piece[index]!, index };
}

function firstStartingAt(list: ReadonlyArray<{ readonly start: number }>, position: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first entity (sorted, not overlapping) that ends after `position`. */
export function firstEndingAfter(list: ReadonlyArray<{ readonly end: number }>, position: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
