import type { UrlEntity } from '../entities';
import { extractUrlsFromWord } from '../entities';
import type { LruCache } from '../lru';
import { parseTweetWeight, xWeightUpperBound } from '../x-weight';
import { chunkEnds } from './chunks';
import type { ChunkFacts, CountingCaches } from './facts';
import { ChunkBuilder, DIMS } from './facts';
import { graphemeSegmenter, WINDOW_SEPARATOR } from './graphemes';

export interface ChunkRef {
  readonly start: number;
  readonly end: number;
  readonly facts: ChunkFacts;
}

/** The facts of a whole text: its pieces in order, with absolute offsets, and summed counts. */
export interface TextFacts {
  readonly text: string;
  readonly chunks: readonly ChunkRef[];
  readonly totals: Int32Array;
}

const FIRST_PIECE = '\u0000';
const OTHER_PIECE = '\u0001';

/**
 * A grapheme cluster longer than this (a letter under thousands of combining marks) is not handed
 * to parseTweet, whose cost grows badly with it: it weighs what its characters weigh one by one,
 * which is never less than parseTweet's count (normalisation and emoji only make it smaller).
 */
const MAX_PARSED_CLUSTER = 1024;

/** Beyond this many entries a small cache is simply emptied (its values are cheap to recompute). */
const SMALL_CACHE_LIMIT = 4096;

/**
 * Counting state: the memo of pieces (for a memoizing analyzer) and small caches of pure results
 * (the links of a word, the X weight of a grapheme cluster).
 */
export class CountingSession implements CountingCaches {
  private readonly wordUrls = new Map<string, readonly UrlEntity[]>();
  private readonly clusterWeights = new Map<string, number>();

  constructor(private readonly memo: LruCache<string, ChunkFacts> | undefined) {}

  urlsInWord(word: string, before: string): readonly UrlEntity[] {
    const key = before + word;
    let urls = this.wordUrls.get(key);
    if (urls === undefined) {
      urls = extractUrlsFromWord(word, before);
      if (this.wordUrls.size >= SMALL_CACHE_LIMIT) this.wordUrls.clear();
      this.wordUrls.set(key, urls);
    }
    return urls;
  }

  xWeightOfCluster(cluster: string): number {
    if (cluster.length > MAX_PARSED_CLUSTER) return xWeightUpperBound(cluster);
    let weight = this.clusterWeights.get(cluster);
    if (weight === undefined) {
      weight = parseTweetWeight(cluster);
      if (this.clusterWeights.size >= SMALL_CACHE_LIMIT) this.clusterWeights.clear();
      this.clusterWeights.set(cluster, weight);
    }
    return weight;
  }

  factsOf(text: string): TextFacts {
    const ends = chunkEnds(text);
    const keys: string[] = [];
    const known: (ChunkFacts | undefined)[] = [];
    const building = new Map<string, ChunkBuilder>();
    let start = 0;
    for (const end of ends) {
      const piece = text.slice(start, end);
      // The first piece is counted (and remembered) apart: see ChunkBuilder's atTextStart.
      const key = (start === 0 ? FIRST_PIECE : OTHER_PIECE) + piece;
      const facts = this.memo?.get(key);
      keys.push(key);
      known.push(facts);
      if (facts === undefined && !building.has(key)) building.set(key, new ChunkBuilder(piece, this, start === 0));
      start = end;
    }
    const built = new Map<string, ChunkFacts>();
    if (building.size > 0) {
      segmentWindows([...building.values()]);
      for (const [key, builder] of building) {
        const facts = builder.finish();
        built.set(key, facts);
        this.memo?.set(key, facts);
      }
    }
    const chunks: ChunkRef[] = [];
    const totals = new Int32Array(DIMS);
    start = 0;
    for (let i = 0; i < ends.length; i++) {
      const facts = known[i] ?? built.get(keys[i]!)!;
      chunks.push({ start, end: ends[i]!, facts });
      for (let d = 0; d < DIMS; d++) totals[d] = totals[d]! + facts.totals[d]!;
      start = ends[i]!;
    }
    return { text, chunks, totals };
  }
}

/** Segments the windows of all builders with one Intl.Segmenter call and hands out the clusters. */
function segmentWindows(builders: readonly ChunkBuilder[]): void {
  const pieces: string[] = [];
  const owners: ChunkBuilder[] = [];
  const offsets: number[] = [];
  for (const builder of builders) {
    const windows = builder.windows;
    for (let w = 0; w < windows.length; w += 2) {
      pieces.push(builder.text.slice(windows[w]!, windows[w + 1]!));
      owners.push(builder);
      offsets.push(windows[w]!);
    }
  }
  if (pieces.length === 0) return;
  const joined = pieces.join(WINDOW_SEPARATOR);
  let w = 0;
  let windowStart = 0;
  let windowEnd = pieces[0]!.length;
  for (const { segment, index } of graphemeSegmenter.segment(joined)) {
    while (index >= windowEnd && w < pieces.length - 1) {
      w++;
      windowStart = windowEnd + 1;
      windowEnd = windowStart + pieces[w]!.length;
    }
    if (index < windowStart || index >= windowEnd) continue; // a separator
    owners[w]!.addCluster(offsets[w]! + index - windowStart, segment);
  }
}
