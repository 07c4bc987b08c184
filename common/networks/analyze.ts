import type { Counter } from './counter';
import { linearCost } from './counter';
import {
  altTextMissingFinding,
  altTextTooLongFinding,
  controlCharacterFinding,
  emptyFinding,
  fixedTextTooLongFinding,
  loneSurrogateFinding,
  markerIgnoredFinding,
  MAX_FINDINGS_PER_CODE,
  mediaRequiredFinding,
  mediaTooLargeFinding,
  mediaWillShrinkFinding,
  overLimitFinding,
  threadFinding,
  threadRoomTooSmallFinding,
  tokenSplitFinding,
  tooManyMediaFinding,
} from './findings';
import { LruCache } from './lru';
import { NETWORK_RULES, NETWORKS } from './registry';
import type { NetworkRules } from './rules';
import type { PartRange } from './split';
import { numberingSuffix, splitThread } from './split';
import { AnalyzedText } from './text/analyzed-text';
import { codePointCount } from './text/characters';
import type { ChunkFacts } from './text/facts';
import { DIMS } from './text/facts';
import { CountingSession } from './text/session';
import type {
  AnalysesByNetwork,
  AnalysisFor,
  AnalyzeOptions,
  BlueskyAnalysis,
  Finding,
  NetworkAnalysis,
  NetworkId,
  PostPart,
  TextSpan,
} from './types';
import { firstEndingAfter, fitPrefix } from './walker';

const NO_OPTIONS: AnalyzeOptions = {};

/**
 * The least text a post of a thread should carry. Below it the parts repeated in every post (a
 * content warning, " 1/n") leave a thread of a handful of characters per post, which no reader
 * wants and which the composer should refuse with a reason rather than offer.
 */
export const MIN_THREAD_ROOM = 20;

/** Analyses a text for one network. Stateless: nothing is remembered between calls. */
export function analyze<N extends NetworkId>(text: string, network: N, options: AnalyzeOptions = NO_OPTIONS): AnalysisFor<N> {
  const session = new CountingSession(undefined);
  return analyzeDocument(new AnalyzedText(session.factsOf(text)), NETWORK_RULES[network], options, session) as AnalysisFor<N>;
}

/** Analyses a text for all seven networks, counting it once. Stateless. */
export function analyzeAll(text: string, options: AnalyzeOptions = NO_OPTIONS): AnalysesByNetwork {
  const session = new CountingSession(undefined);
  return analyzeEvery(new AnalyzedText(session.factsOf(text)), options, session);
}

export interface Analyzer {
  analyze<N extends NetworkId>(text: string, network: N, options?: AnalyzeOptions): AnalysisFor<N>;
  analyzeAll(text: string, options?: AnalyzeOptions): AnalysesByNetwork;
}

export interface AnalyzerOptions {
  /** How many pieces (paragraphs, or sentences of long paragraphs) to remember. */
  readonly cacheSize?: number;
}

/** Pieces remembered by default: a long post several times over. */
const DEFAULT_CACHE_SIZE = 2048;

/**
 * An analyzer that remembers what it counted, piece by piece (see text/chunks.ts): after an edit
 * only the edited paragraph (or sentence) is counted again. Meant for the composer, which
 * analyses the same text for every network on every keystroke.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const session = new CountingSession(new LruCache<string, ChunkFacts>(Math.max(1, options.cacheSize ?? DEFAULT_CACHE_SIZE)));
  let lastText: string | undefined;
  let lastDocument: AnalyzedText | undefined;
  const documentOf = (text: string): AnalyzedText => {
    if (text !== lastText || lastDocument === undefined) {
      lastDocument = new AnalyzedText(session.factsOf(text));
      lastText = text;
    }
    return lastDocument;
  };
  return {
    analyze: <N extends NetworkId>(text: string, network: N, analyzeOptions: AnalyzeOptions = NO_OPTIONS) =>
      analyzeDocument(documentOf(text), NETWORK_RULES[network], analyzeOptions, session) as AnalysisFor<N>,
    analyzeAll: (text, analyzeOptions = NO_OPTIONS) => analyzeEvery(documentOf(text), analyzeOptions, session),
  };
}

function analyzeEvery(doc: AnalyzedText, options: AnalyzeOptions, session: CountingSession): AnalysesByNetwork {
  const out: Partial<Record<NetworkId, NetworkAnalysis>> = {};
  for (const id of NETWORKS) out[id] = analyzeDocument(doc, NETWORK_RULES[id], options, session);
  return out as AnalysesByNetwork;
}

function analyzeDocument(doc: AnalyzedText, rules: NetworkRules, options: AnalyzeOptions, session: CountingSession): NetworkAnalysis {
  const { info } = rules;
  const text = doc.text;
  const counter = rules.counter(options, session);
  const length = linearCost(counter.cost, doc.totals, 0, text.length) + counter.perPost;
  const secondLength = linearCost(counter.secondCost, doc.totals, 0, text.length);
  const over = length > counter.limit || secondLength > counter.secondLimit;
  const overflow: TextSpan | undefined = over ? { start: overflowStart(doc, counter), end: text.length } : undefined;

  const findings: Finding[] = [];
  let partRanges: readonly PartRange[] = [{ start: 0, end: text.length, cost: length - counter.perPost, secondCost: secondLength }];
  let parts: PostPart[] = [
    overflow !== undefined && !info.threads
      ? { text, start: 0, end: text.length, length, overflowStart: overflow.start }
      : { text, start: 0, end: text.length, length },
  ];
  // A content warning is counted in every post: one that fills a post leaves no room for any text.
  const fixedTooLong = info.threads && counter.perPost + (doc.isBlank ? 0 : 1) > counter.limit;
  if (fixedTooLong) findings.push(fixedTextTooLongFinding(info.name, info.unit, counter.perPost, counter.limit));
  if (info.threads && !fixedTooLong && (over || doc.markers.length > 0)) {
    const split = splitThread(doc, counter, options.thread?.numbering === true, (word) => session.factsOf(word).totals);
    const count = split.parts.length;
    // The longest suffix is the last post's (" 10/10" is longer than " 9/10").
    const room = counter.limit - counter.perPost - (split.numbered ? numberingSuffix(count - 1, count).length : 0);
    if (room < MIN_THREAD_ROOM && split.parts.some((part) => cutForLength(doc, part))) {
      findings.push(threadRoomTooSmallFinding(info.name, info.unit, Math.max(0, room), MIN_THREAD_ROOM, counter.limit));
      parts = [{ text, start: 0, end: text.length, length, ...(overflow === undefined ? {} : { overflowStart: overflow.start }) }];
    } else {
      partRanges = split.parts;
      parts = split.parts.map((part, i) => {
        const suffix = split.numbered ? numberingSuffix(i, count) : '';
        return {
          text: text.slice(part.start, part.end) + suffix,
          start: part.start,
          end: part.end,
          length: part.cost + counter.perPost + suffix.length,
        };
      });
      // Nothing but spaces and split markers: one empty post (the `empty` finding says why).
      if (parts.length === 0) parts = [{ text: '', start: 0, end: 0, length: counter.perPost }];
      if (parts.length > 1) findings.push(threadFinding(info.name, info.unit, counter.limit, parts.length));
      for (const word of split.cutWords.slice(0, MAX_FINDINGS_PER_CODE)) findings.push(tokenSplitFinding(info.name, word));
    }
  } else if (fixedTooLong) {
    parts = [{ text, start: 0, end: text.length, length, overflowStart: 0 }];
  } else if (!info.threads) {
    if (overflow !== undefined) findings.push(overLimitFinding(info.name, info.unit, length, counter.limit, overflow));
    for (const marker of doc.markers.slice(0, MAX_FINDINGS_PER_CODE)) findings.push(markerIgnoredFinding(info.name, lineOf(text, marker)));
  }

  findings.push(...textFindings(doc, rules, options));
  findings.push(...rules.findings({ doc, options, parts: partRanges }));

  const analysis: NetworkAnalysis = {
    network: info.id,
    length,
    limit: counter.limit,
    findings,
    parts,
    ...(overflow === undefined ? {} : { overflow }),
    links: rules.links(doc),
  };
  if (info.id === 'bluesky') {
    const withBytes: BlueskyAnalysis = { ...analysis, network: 'bluesky', bytes: secondLength, byteLimit: counter.secondLimit };
    return withBytes;
  }
  return analysis;
}

/** Whether a part ends before its `---` section does: the splitter cut it because it was too long. */
function cutForLength(doc: AnalyzedText, part: PartRange): boolean {
  const marker = doc.markers[firstEndingAfter(doc.markers, part.end)];
  return doc.text.slice(part.end, marker?.start ?? doc.text.length).trim() !== '';
}

/** Where a text stops fitting in one post: the first grapheme (or whole link) past the limits. */
function overflowStart(doc: AnalyzedText, counter: Counter): number {
  let budget = counter.limit - counter.perPost;
  let secondBudget = counter.secondLimit;
  if (budget < 0) return 0;
  const { count, starts, ends, costs } = doc.tokens;
  for (const chunk of doc.facts.chunks) {
    const c = linearCost(counter.cost, chunk.facts.totals, 0, chunk.end - chunk.start);
    const c2 = linearCost(counter.secondCost, chunk.facts.totals, 0, chunk.end - chunk.start);
    if (c <= budget && c2 <= secondBudget) {
      budget -= c;
      secondBudget -= c2;
      continue;
    }
    for (let k = tokenAt(starts, count, chunk.start); k < count && starts[k]! < chunk.end; k++) {
      const length = ends[k]! - starts[k]!;
      const tc = linearCost(counter.cost, costs, k * DIMS, length);
      const tc2 = linearCost(counter.secondCost, costs, k * DIMS, length);
      if (tc <= budget && tc2 <= secondBudget) {
        budget -= tc;
        secondBudget -= tc2;
        continue;
      }
      return fitPrefix(doc, starts[k]!, ends[k]!, counter, budget, secondBudget).end;
    }
  }
  return doc.text.length;
}

function tokenAt(starts: Int32Array, count: number, position: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Findings about the text and media that every network gives. */
function textFindings(doc: AnalyzedText, rules: NetworkRules, options: AnalyzeOptions): Finding[] {
  const { info, media: mediaRules } = rules;
  const findings: Finding[] = [];
  const media = options.media ?? [];
  if (rules.requiresMedia && media.length === 0) findings.push(mediaRequiredFinding(info.name));
  else if (doc.isBlank && media.length === 0) findings.push(emptyFinding(info.name));

  let controls = 0;
  let surrogates = 0;
  for (const issue of doc.issues) {
    const span = { start: issue.start, end: issue.end };
    if (issue.kind === 'control' && controls++ < MAX_FINDINGS_PER_CODE) findings.push(controlCharacterFinding(issue.codePoint, span));
    if (issue.kind === 'lone_surrogate' && surrogates++ < MAX_FINDINGS_PER_CODE) findings.push(loneSurrogateFinding(issue.codePoint, span));
  }

  const maxItems = mediaRules.maxItems(options);
  if (media.length > maxItems) findings.push(tooManyMediaFinding(info.name, media.length, maxItems));
  const maxImageBytes = mediaRules.maxImageBytes?.(options);
  media.forEach((item, index) => {
    const isImage = item.mime.startsWith('image/');
    if (isImage && maxImageBytes !== undefined && item.bytes > maxImageBytes) {
      findings.push(
        mediaRules.shrinksLargeImages === true
          ? mediaWillShrinkFinding(info.name, index, item.bytes, maxImageBytes)
          : mediaTooLargeFinding(info.name, index, item.bytes, maxImageBytes),
      );
    }
    const altText = item.altText ?? '';
    const altLength = codePointCount(altText);
    if (mediaRules.maxAltTextLength !== undefined && altLength > mediaRules.maxAltTextLength) {
      findings.push(altTextTooLongFinding(info.name, index, altLength, mediaRules.maxAltTextLength));
    }
    if (isImage && mediaRules.suggestAltText && altText.trim() === '') findings.push(altTextMissingFinding(index));
  });
  return findings;
}

/** A marker's line without its line break, for highlighting. */
function lineOf(text: string, marker: TextSpan): TextSpan {
  let end = marker.end;
  while (end > marker.start && (text.charCodeAt(end - 1) === 0x0a || text.charCodeAt(end - 1) === 0x0d)) end--;
  return { start: marker.start, end };
}
