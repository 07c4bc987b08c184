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
  const atoms = atomicEntitiesIn(doc, counter, from, to);
  let next = 0;
  let cost = 0;
  let secondCost = 0;
  let pos = from;
  let window = WINDOW;
  while (pos < to) {
    const windowEnd = Math.min(to, pos + window);
    const piece = text.slice(pos, windowEnd);
    const simple = isAllSimple(piece);
    let resumeAt = windowEnd;
    let truncatedFirst = false;
    const steps: Iterable<{ segment: string; index: number }> = simple ? simpleSteps(piece) : graphemeSegmenter.segment(piece);
    for (const { segment, index } of steps) {
      const start = pos + index;
      while (next < atoms.length && atoms[next]!.end <= start) next++;
      if (windowEnd < to && start + segment.length >= windowEnd) {
        // The last cluster of a window may continue in the next one: count it there.
        resumeAt = start;
        truncatedFirst = index === 0;
        break;
      }
      const atom = atoms[next];
      if (atom !== undefined && atom.start < start + segment.length && atom.end > start) {
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
    if (truncatedFirst) {
      window *= 2; // one cluster longer than the window: look at more text at once
      continue;
    }
    pos = resumeAt;
    window = WINDOW;
  }
  return { end: to, cost, secondCost };
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

function atomicEntitiesIn(doc: AnalyzedText, counter: Counter, from: number, to: number): Atom[] {
  const atoms: Atom[] = [];
  for (const list of [doc.urls, doc.mentions]) {
    for (let i = firstEndingAfter(list, from); i < list.length && list[i]!.start < to; i++) {
      const entity = list[i]!;
      if (entity.start < from) continue; // cut earlier: its rest counts grapheme by grapheme
      const costs = counter.atomic(entity);
      if (costs !== undefined) atoms.push({ start: entity.start, end: entity.end, cost: costs[0], secondCost: costs[1] });
    }
  }
  return atoms.sort((a, b) => a.start - b.start);
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
