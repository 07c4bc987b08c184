import type { Counter } from './counter';
import { NO_COST } from './counter';
import type { PartRange } from './split';
import type { AnalyzedText } from './text/analyzed-text';
import type { CountingCaches } from './text/facts';
import type { AnalyzeOptions, Finding, LinkInText, NetworkInfo } from './types';

/** What a network module tells the analyzer: how it counts, what it allows, what it warns about. */
export interface NetworkRules {
  readonly info: NetworkInfo;
  counter(options: AnalyzeOptions, caches: CountingCaches): Counter;
  readonly media: MediaRules;
  /** Instagram: a post is an image or video with a caption. */
  readonly requiresMedia: boolean;
  links(doc: AnalyzedText): LinkInText[];
  /** Findings of this network beyond length, media and characters. */
  findings(context: RulesContext): Finding[];
}

export interface MediaRules {
  maxItems(options: AnalyzeOptions): number;
  /** Largest file per image, in bytes (Mastodon: the server's own limit). */
  maxImageBytes?(options: AnalyzeOptions): number;
  /** Spheres scales a larger image down to fit when it posts (the publisher does): a warning, not an error. */
  readonly shrinksLargeImages?: boolean;
  /** Longest description, in characters (UTF-16 code units). */
  readonly maxAltTextLength?: number;
  /** Whether to hint at images without a description. */
  readonly suggestAltText: boolean;
}

export interface RulesContext {
  readonly doc: AnalyzedText;
  readonly options: AnalyzeOptions;
  /** The posts the text will be published as (one when the network does not thread). */
  readonly parts: readonly PartRange[];
}

/** Links as written, for networks that show them as written. */
export function linksAsWritten(doc: AnalyzedText, withProtocolOnly = false): LinkInText[] {
  return doc.urls
    .filter((u) => !withProtocolOnly || u.hasProtocol)
    .map((u) => ({ start: u.start, end: u.end, url: u.url, displayText: u.text }));
}

/** A counter for networks that count UTF-16 code units of the text as the reader sees it. */
export function codeUnitCounter(limit: number): Counter {
  return {
    limit,
    secondLimit: Infinity,
    perPost: 0,
    cost: { dim: 0, weight: 0, extraDim: 0, extraWeight: 0, lengthWeight: 1 },
    secondCost: NO_COST,
    cluster: (cluster) => cluster.length,
    secondCluster: () => 0,
    atomic: () => undefined,
  };
}
