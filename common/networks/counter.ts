import type { MentionEntity } from './entities';
import type { ChunkUrl } from './text/facts';

/**
 * A network's count of a word as a linear combination of the shared columns (DIM_* in
 * text/facts.ts) and the word's length in UTF-16 code units:
 *   count = costs[dim] * weight + costs[extraDim] * extraWeight + length * lengthWeight
 * Linear, so the count of a run of words (or of the whole text, from its column totals) is the
 * same combination of the sums, and the splitter can inline it.
 */
export interface LinearCost {
  readonly dim: number;
  readonly weight: number;
  readonly extraDim: number;
  readonly extraWeight: number;
  readonly lengthWeight: number;
}

export function linearCost(w: LinearCost, costs: Int32Array, base: number, length: number): number {
  return costs[base + w.dim]! * w.weight + costs[base + w.extraDim]! * w.extraWeight + length * w.lengthWeight;
}

export const NO_COST: LinearCost = { dim: 0, weight: 0, extraDim: 0, extraWeight: 0, lengthWeight: 0 };

/** Counts one column. */
export function column(dim: number): LinearCost {
  return { dim, weight: 1, extraDim: 0, extraWeight: 0, lengthWeight: 0 };
}

/** How one network counts, for one set of options. Bluesky has a second limit (UTF-8 bytes). */
export interface Counter {
  readonly limit: number;
  /** Infinity when the network has one limit only. */
  readonly secondLimit: number;
  /** Counted in every post besides its text (Mastodon's content warning). */
  readonly perPost: number;
  readonly cost: LinearCost;
  readonly secondCost: LinearCost;
  /** The count of one grapheme cluster, for cutting inside a word. */
  cluster(cluster: string): number;
  secondCluster(cluster: string): number;
  /** A link or mention the network counts as a whole, with its counts; undefined otherwise. */
  atomic(entity: ChunkUrl | MentionEntity): readonly [number, number] | undefined;
}

export function isUrl(entity: ChunkUrl | MentionEntity): entity is ChunkUrl {
  return 'url' in entity;
}
