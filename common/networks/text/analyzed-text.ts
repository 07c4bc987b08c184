import type { HashtagEntity, MentionEntity } from '../entities';
import type { TextSpan } from '../types';
import type { ChunkIssue, ChunkUrl } from './facts';
import { DIMS, TOKEN_SPACE } from './facts';
import type { TextFacts } from './session';

/** Words and spaces of the whole text, in order, with absolute offsets. */
export interface FlatTokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** `count * DIMS` counts, see DIM_* in facts.ts. */
  readonly costs: Int32Array;
}

/**
 * A text with its facts, and what the networks derive from them, computed on first use and then
 * shared by all networks of one analysis: entities and issues with absolute offsets, manual split
 * markers, the flat word list for splitting.
 */
export class AnalyzedText {
  private cachedUrls: ChunkUrl[] | undefined;
  private cachedMentions: MentionEntity[] | undefined;
  private cachedHashtags: HashtagEntity[] | undefined;
  private cachedIssues: ChunkIssue[] | undefined;
  private cachedMarkers: TextSpan[] | undefined;
  private cachedTokens: FlatTokens | undefined;

  constructor(readonly facts: TextFacts) {}

  get text(): string {
    return this.facts.text;
  }

  get totals(): Int32Array {
    return this.facts.totals;
  }

  get urls(): readonly ChunkUrl[] {
    return (this.cachedUrls ??= this.collect((f) => f.urls, (u, at) => ({ ...u, start: u.start + at, end: u.end + at })));
  }

  get mentions(): readonly MentionEntity[] {
    return (this.cachedMentions ??= this.collect((f) => f.mentions, (m, at) => ({ ...m, start: m.start + at, end: m.end + at })));
  }

  get hashtags(): readonly HashtagEntity[] {
    return (this.cachedHashtags ??= this.collect((f) => f.hashtags, (h, at) => ({ ...h, start: h.start + at, end: h.end + at })));
  }

  get issues(): readonly ChunkIssue[] {
    return (this.cachedIssues ??= this.collect((f) => f.issues, (i, at) => ({ ...i, start: i.start + at, end: i.end + at })));
  }

  /** Lines holding only `---`: a thread is always split there. */
  get markers(): readonly TextSpan[] {
    if (this.cachedMarkers === undefined) {
      const text = this.text;
      this.cachedMarkers = this.facts.chunks
        .filter((c) => c.facts.markerLine && (c.start === 0 || text.charCodeAt(c.start - 1) === 0x0a))
        .map((c) => ({ start: c.start, end: c.end }));
    }
    return this.cachedMarkers;
  }

  get tokens(): FlatTokens {
    if (this.cachedTokens === undefined) {
      let count = 0;
      for (const chunk of this.facts.chunks) count += chunk.facts.tokenCount;
      const starts = new Int32Array(count);
      const ends = new Int32Array(count);
      const flags = new Uint8Array(count);
      const costs = new Int32Array(count * DIMS);
      let k = 0;
      for (const { start, facts } of this.facts.chunks) {
        const tokenCount = facts.tokenCount;
        costs.set(tokenCount * DIMS === facts.tokenCosts.length ? facts.tokenCosts : facts.tokenCosts.subarray(0, tokenCount * DIMS), k * DIMS);
        flags.set(tokenCount === facts.tokenFlags.length ? facts.tokenFlags : facts.tokenFlags.subarray(0, tokenCount), k);
        let previous = start;
        for (let i = 0; i < tokenCount; i++, k++) {
          starts[k] = previous;
          previous = start + facts.tokenEnds[i]!;
          ends[k] = previous;
        }
      }
      this.cachedTokens = { count, starts, ends, flags, costs };
    }
    return this.cachedTokens;
  }

  /** Whether the text has nothing but spaces. */
  get isBlank(): boolean {
    const tokens = this.tokens;
    for (let k = 0; k < tokens.count; k++) if ((tokens.flags[k]! & TOKEN_SPACE) === 0) return false;
    return true;
  }

  private collect<T, R>(pick: (facts: TextFacts['chunks'][number]['facts']) => readonly T[], shift: (item: T, at: number) => R): R[] {
    const out: R[] = [];
    for (const chunk of this.facts.chunks) {
      const items = pick(chunk.facts);
      for (const item of items) out.push(shift(item, chunk.start));
    }
    return out;
  }
}
