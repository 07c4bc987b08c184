import { blueskyLinkDisplayText } from '../bluesky-link';
import type { HashtagEntity, MentionEntity, UrlEntity } from '../entities';
import { extractHashtags, extractMentions, overlapsAny } from '../entities';
import { X_URL_WEIGHT } from '../x-weight';
import {
  attachesToPrevious,
  charFlags,
  CJK_BREAK,
  CONTROL,
  isAllSimple,
  isLowSurrogate,
  SENTENCE_END,
  SIMPLE,
  simpleXWeight,
  SPACE,
  utf8Length,
} from './characters';
import { MAX_MARKER_LINE } from './chunks';
import { countGraphemes, threadsClusterCost } from './graphemes';

/**
 * The counts every network needs, per word ("token") of a piece of text, computed in one pass and
 * shared by the seven networks. Columns of `tokenCosts` (and `totals`):
 */
export const DIM_X = 0; // X weighted length (twitter-text)
export const DIM_GRAPHEMES = 1;
export const DIM_BYTES = 2; // UTF-8
export const DIM_THREADS = 3; // characters, emoji as their UTF-8 bytes
export const DIM_BLUESKY_GRAPHEMES = 4; // links shortened as Bluesky shows them
export const DIM_BLUESKY_BYTES = 5;
export const DIM_MASTODON = 6; // graphemes, without protocol URLs, remote mentions as @user
export const DIM_MASTODON_URLS = 7; // URLs Mastodon counts at its reserved length
export const DIMS = 8;

export const TOKEN_SPACE = 1;
/** A word ending a sentence. */
export const TOKEN_SENTENCE_END = 2;
/** A word ending in CJK punctuation, after which a thread may be cut although no space follows. */
export const TOKEN_CJK_BREAK = 4;
/** A word that may hold a link: its counts can differ when it starts a post (see split.ts). */
export const TOKEN_LINK_CANDIDATE = 8;

export interface ChunkUrl extends UrlEntity {
  /** What Bluesky shows and publishes. */
  readonly displayText: string;
  readonly url: string;
}

export type IssueKind = 'control' | 'lone_surrogate' | 'x_invalid';

export interface ChunkIssue {
  readonly kind: IssueKind;
  readonly start: number;
  readonly end: number;
  readonly codePoint: number;
}

/** Immutable facts about one piece of text; offsets are relative to the piece. */
export interface ChunkFacts {
  readonly text: string;
  readonly totals: Int32Array;
  /** Words and spaces; the arrays below may be longer than this. */
  readonly tokenCount: number;
  readonly tokenEnds: Int32Array;
  readonly tokenFlags: Uint8Array;
  readonly tokenCosts: Int32Array;
  readonly urls: readonly ChunkUrl[];
  readonly mentions: readonly MentionEntity[];
  readonly hashtags: readonly HashtagEntity[];
  readonly issues: readonly ChunkIssue[];
  /** Every code unit is simple: each is one grapheme and the fast paths apply. */
  readonly allSimple: boolean;
  /** The piece is a line holding only `---` (a manual thread split, when it starts a line). */
  readonly markerLine: boolean;
}

/** The caches a builder uses: shared per analyzer, or per call for the stateless functions. */
export interface CountingCaches {
  /** Links in a word, given the character before it ('' at the start of the text). */
  urlsInWord(word: string, before: string): readonly UrlEntity[];
  xWeightOfCluster(cluster: string): number;
}

const MARKER_LINE = /^[ \t]*---[ \t]*\r?\n?$/;
const CLOSING_PUNCTUATION = new Set([0x29, 0x5d, 0x22, 0x27, 0x2019, 0x201d, 0xbb, 0x300d, 0x300f, 0xff09]);

/**
 * Computes ChunkFacts in two steps so that many pieces share one Intl.Segmenter call: `scan`
 * counts what is simple and lists the windows around complex characters; the caller segments the
 * windows of all pieces at once and feeds the clusters back through `addCluster`; `finish` settles
 * links and mentions.
 */
export class ChunkBuilder {
  readonly windows: number[] = [];
  // Per word: end offset, TOKEN_* flags, DIMS counts. Typed arrays, grown by doubling.
  private tokenCount = 0;
  private ends: Int32Array;
  private flags: Uint8Array;
  private costs: Int32Array;
  private readonly urlWords: number[] = [];
  /** Words whose X weight comes from parseTweet on the whole word (see findUrls). */
  private readonly xWholeWords = new Set<number>();
  private readonly issues: ChunkIssue[] = [];
  private urls: ChunkUrl[] = [];
  /** Graphemes that start inside each link, in context (a mark may attach to the space before it). */
  private readonly urlGraphemes: number[] = [];
  private allSimple = true;
  private hasAt = false;
  private hasHash = false;
  private clusterToken = 0;
  private clusterUrl = 0;
  private flagRun = '';
  private flagRunEnd = 0;
  private flagRunToken = 0;

  constructor(
    readonly text: string,
    private readonly caches: CountingCaches,
    /** Whether the piece starts the text: twitter-text treats a link at the very start differently. */
    private readonly atTextStart: boolean,
  ) {
    const capacity = ((text.length / 3) | 0) + 8;
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.costs = new Int32Array(capacity * DIMS);
    this.scan();
    this.findUrls();
    if (!this.allSimple) this.findWindows();
  }

  private scan(): void {
    const s = this.text;
    const n = s.length;
    let tokenStart = 0;
    let tokenIsSpace = n > 0 && this.isSpaceAt(0);
    let x = 0;
    let g = 0;
    let b = 0;
    let t = 0;
    let sentenceEnd = false;
    let urlCandidate = false;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      const f = charFlags(c);
      const isSpace = (f & SPACE) !== 0 && ((c !== 0x20 && c !== 0x3000) || !attachesToPrevious(s, i + 1));
      if (isSpace !== tokenIsSpace) {
        this.closeToken(i, tokenIsSpace ? TOKEN_SPACE : sentenceEnd ? TOKEN_SENTENCE_END : 0, x, g, b, t, urlCandidate);
        tokenStart = i;
        tokenIsSpace = isSpace;
        x = g = b = t = 0;
        sentenceEnd = urlCandidate = false;
      }
      if ((f & SIMPLE) !== 0) {
        g++;
        t++;
        x += simpleXWeight(c);
        b += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      } else {
        this.allSimple = false;
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(s.charCodeAt(i + 1))) {
          b += 4;
          i++;
        } else if (c >= 0xd800 && c <= 0xdfff) {
          b += 3;
          this.addIssue('lone_surrogate', i, c);
        } else {
          b += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
          if (c === 0xfffe || c === 0xfeff || c === 0xffff) this.addIssue('x_invalid', i, c);
        }
      }
      if ((f & CONTROL) !== 0) this.addIssue('control', i, c);
      if ((f & SENTENCE_END) !== 0) sentenceEnd = true;
      else if (!CLOSING_PUNCTUATION.has(c)) sentenceEnd = false;
      if (c === 0x2e) {
        const next = s.charCodeAt(i + 1);
        if (next === next && next !== 0x2e && (charFlags(next) & SPACE) === 0) urlCandidate = true;
      } else if (c === 0x40) {
        this.hasAt = true;
      } else if (c === 0x23 || c === 0xff03) {
        this.hasHash = true;
      }
      if ((f & CJK_BREAK) !== 0 && !tokenIsSpace && i + 1 < n) {
        const next = s.charCodeAt(i + 1);
        if ((charFlags(next) & (SIMPLE | SPACE)) === SIMPLE) {
          this.closeToken(i + 1, TOKEN_CJK_BREAK | (sentenceEnd ? TOKEN_SENTENCE_END : 0), x, g, b, t, urlCandidate);
          tokenStart = i + 1;
          x = g = b = t = 0;
          sentenceEnd = urlCandidate = false;
        }
      }
    }
    if (n > tokenStart) this.closeToken(n, tokenIsSpace ? TOKEN_SPACE : sentenceEnd ? TOKEN_SENTENCE_END : 0, x, g, b, t, urlCandidate);
  }

  private isSpaceAt(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return (charFlags(c) & SPACE) !== 0 && ((c !== 0x20 && c !== 0x3000) || !attachesToPrevious(this.text, i + 1));
  }

  private closeToken(end: number, flags: number, x: number, g: number, b: number, t: number, urlCandidate: boolean): void {
    const k = this.tokenCount++;
    if (k === this.ends.length) this.grow();
    if (urlCandidate) this.urlWords.push(k);
    this.ends[k] = end;
    this.flags[k] = urlCandidate ? flags | TOKEN_LINK_CANDIDATE : flags;
    const costs = this.costs;
    const base = k * DIMS;
    costs[base + DIM_X] = x;
    costs[base + DIM_GRAPHEMES] = g;
    costs[base + DIM_BYTES] = b;
    costs[base + DIM_THREADS] = t;
    costs[base + DIM_MASTODON_URLS] = 0;
  }

  private grow(): void {
    const capacity = this.ends.length * 2;
    const ends = new Int32Array(capacity);
    ends.set(this.ends);
    this.ends = ends;
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
    const costs = new Int32Array(capacity * DIMS);
    costs.set(this.costs);
    this.costs = costs;
  }

  private addIssue(kind: IssueKind, index: number, codePoint: number): void {
    const last = this.issues[this.issues.length - 1];
    if (last !== undefined && last.kind === kind && last.end === index) {
      this.issues[this.issues.length - 1] = { ...last, end: index + 1 };
    } else {
      this.issues.push({ kind, start: index, end: index + 1, codePoint });
    }
  }

  private tokenStart(k: number): number {
    return k === 0 ? 0 : this.ends[k - 1]!;
  }

  private findUrls(): void {
    const s = this.text;
    for (const k of this.urlWords) {
      const start = this.tokenStart(k);
      const word = s.slice(start, this.ends[k]!);
      // parseTweet looks for links in the NFC-normalised text, where `e\u0301l.om` holds a link
      // to `l.om` and `e.ge\u0302` holds none: such a word gets its X weight as a whole.
      // A piece starts after a line feed, or at a space; inside it the character before is there.
      const before = start > 0 ? s[start - 1]! : this.atTextStart ? '' : '\n';
      const xWhole = !isAllSimple(word) && word.normalize('NFC') !== word;
      if (xWhole) {
        this.xWholeWords.add(k);
        const beforeWeight = before === '' ? 0 : simpleXWeight(before.charCodeAt(0));
        this.costs[k * DIMS + DIM_X] = this.caches.xWeightOfCluster(before + word) - beforeWeight;
      }
      for (const found of this.caches.urlsInWord(word, before)) {
        const url = found.hasProtocol ? found.text : `https://${found.text}`;
        const entity: ChunkUrl = {
          start: start + found.start,
          end: start + found.end,
          text: found.text,
          hasProtocol: found.hasProtocol,
          url,
          displayText: blueskyLinkDisplayText(url),
        };
        this.urls.push(entity);
        // X counts the URL as a whole: drop the weights its simple characters added.
        let simpleWeight = 0;
        let simpleCount = 0;
        for (let i = entity.start; i < entity.end; i++) {
          const c = s.charCodeAt(i);
          if ((charFlags(c) & SIMPLE) !== 0) {
            simpleWeight += simpleXWeight(c);
            simpleCount++;
          }
        }
        this.urlGraphemes.push(simpleCount);
        if (!xWhole) this.costs[k * DIMS + DIM_X] = this.costs[k * DIMS + DIM_X]! - simpleWeight + X_URL_WEIGHT;
      }
    }
  }

  /**
   * Windows of text that Intl.Segmenter must look at: each run of complex characters with the
   * character before and after it (a mark joins the letter before it; an L jamo the syllable after
   * it). The simple characters a window takes in are taken out of their word's counts here and
   * come back as part of the clusters.
   */
  private findWindows(): void {
    const s = this.text;
    const n = s.length;
    let token = 0;
    let url = 0;
    let i = 0;
    while (i < n) {
      if ((charFlags(s.charCodeAt(i)) & SIMPLE) !== 0) {
        i++;
        continue;
      }
      const start = i > 0 && (this.windows.length === 0 || this.windows[this.windows.length - 1]! < i) ? i - 1 : i;
      let end = i;
      for (;;) {
        while (end < n && (charFlags(s.charCodeAt(end)) & SIMPLE) === 0) end++;
        if (end >= n) break;
        end++;
        if (end < n && (charFlags(s.charCodeAt(end)) & SIMPLE) === 0) continue;
        break;
      }
      for (let j = start; j < end; j++) {
        const c = s.charCodeAt(j);
        if ((charFlags(c) & SIMPLE) === 0) continue;
        while (this.ends[token]! <= j) token++;
        while (url < this.urls.length && this.urls[url]!.end <= j) url++;
        const base = token * DIMS;
        const inUrl = url < this.urls.length && this.urls[url]!.start <= j;
        if (inUrl) this.urlGraphemes[url] = this.urlGraphemes[url]! - 1;
        else if (!this.xWholeWords.has(token)) this.costs[base + DIM_X] = this.costs[base + DIM_X]! - simpleXWeight(c);
        this.costs[base + DIM_GRAPHEMES] = this.costs[base + DIM_GRAPHEMES]! - 1;
        this.costs[base + DIM_THREADS] = this.costs[base + DIM_THREADS]! - 1;
      }
      this.windows.push(start, end);
      i = end;
    }
  }

  /** One grapheme cluster of a window, starting at `start` (relative to this piece), in order. */
  addCluster(start: number, cluster: string): void {
    while (this.ends[this.clusterToken]! <= start) this.clusterToken++;
    while (this.clusterUrl < this.urls.length && this.urls[this.clusterUrl]!.end <= start) this.clusterUrl++;
    const base = this.clusterToken * DIMS;
    const costs = this.costs;
    costs[base + DIM_GRAPHEMES] = costs[base + DIM_GRAPHEMES]! + 1;
    costs[base + DIM_THREADS] = costs[base + DIM_THREADS]! + threadsClusterCost(cluster);
    const url = this.urls[this.clusterUrl];
    if (url !== undefined && url.start <= start) this.urlGraphemes[this.clusterUrl] = this.urlGraphemes[this.clusterUrl]! + 1;
    const end = start + cluster.length;
    if (isRegionalIndicators(cluster)) {
      // twemoji pairs regional indicators into flags wherever they match, not two by two from the
      // start of the run as grapheme clusters do: a run of them is weighed as a whole.
      if (this.flagRun === '' || this.flagRunEnd !== start) {
        this.flushFlagRun();
        this.flagRunToken = this.clusterToken;
      }
      this.flagRun += cluster;
      this.flagRunEnd = end;
      return;
    }
    this.flushFlagRun();
    if (this.xWholeWords.has(this.clusterToken)) return;
    // X counts a link as a whole: only the parts of the cluster outside it weigh.
    let weight = 0;
    if (url === undefined || url.start >= end) {
      weight = this.xWeight(cluster);
    } else {
      if (url.start > start) weight += this.xWeight(cluster.slice(0, url.start - start));
      if (end > url.end) weight += this.xWeight(cluster.slice(url.end - start));
    }
    costs[base + DIM_X] = costs[base + DIM_X]! + weight;
  }

  private flushFlagRun(): void {
    if (this.flagRun === '') return;
    if (!this.xWholeWords.has(this.flagRunToken)) {
      const base = this.flagRunToken * DIMS + DIM_X;
      this.costs[base] = this.costs[base]! + this.caches.xWeightOfCluster(this.flagRun);
    }
    this.flagRun = '';
  }

  private xWeight(cluster: string): number {
    if (cluster.length === 1) {
      const c = cluster.charCodeAt(0);
      if ((charFlags(c) & SIMPLE) !== 0) return simpleXWeight(c);
    }
    return this.caches.xWeightOfCluster(cluster);
  }

  finish(): ChunkFacts {
    this.flushFlagRun();
    const s = this.text;
    const tokenCount = this.tokenCount;
    const tokenEnds = this.ends;
    const costs = this.costs;
    const tokenOf = (position: number): number => {
      let lo = 0;
      let hi = tokenCount - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tokenEnds[mid]! <= position) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    // The network-specific columns start from the final grapheme and byte counts.
    for (let base = 0; base < tokenCount * DIMS; base += DIMS) {
      costs[base + DIM_BLUESKY_GRAPHEMES] = costs[base + DIM_GRAPHEMES]!;
      costs[base + DIM_BLUESKY_BYTES] = costs[base + DIM_BYTES]!;
      costs[base + DIM_MASTODON] = costs[base + DIM_GRAPHEMES]!;
    }
    for (let i = 0; i < this.urls.length; i++) {
      const url = this.urls[i]!;
      const base = tokenOf(url.start) * DIMS;
      const graphemes = this.urlGraphemes[i]!;
      const bytes = utf8Length(s, url.start, url.end);
      const shown = url.displayText.length; // ASCII: punycode and percent-encoding
      costs[base + DIM_BLUESKY_GRAPHEMES] = costs[base + DIM_BLUESKY_GRAPHEMES]! - graphemes + shown;
      costs[base + DIM_BLUESKY_BYTES] = costs[base + DIM_BLUESKY_BYTES]! - bytes + shown;
      if (url.hasProtocol) {
        costs[base + DIM_MASTODON] = costs[base + DIM_MASTODON]! - graphemes;
        costs[base + DIM_MASTODON_URLS] = costs[base + DIM_MASTODON_URLS]! + 1;
      }
    }
    const mentions = this.hasAt ? extractMentions(s).filter((m) => !overlapsAny(m.start, m.end, this.urls)) : [];
    for (const mention of mentions) {
      if (mention.domain === undefined) continue;
      const base = tokenOf(mention.start) * DIMS;
      // Mastodon counts `@user@server` as `@user`.
      const counted = 1 + mention.username.length;
      costs[base + DIM_MASTODON] = costs[base + DIM_MASTODON]! - this.graphemesOf(mention.start, mention.end) + counted;
    }
    const hashtags = this.hasHash ? extractHashtags(s).filter((h) => !overlapsAny(h.start, h.end, this.urls)) : [];
    const tokenCosts = costs;
    const totals = new Int32Array(DIMS);
    for (let k = 0; k < tokenCount; k++) {
      for (let d = 0; d < DIMS; d++) totals[d] = totals[d]! + tokenCosts[k * DIMS + d]!;
    }
    return {
      text: s,
      totals,
      tokenEnds,
      tokenCount,
      tokenFlags: this.flags,
      tokenCosts,
      urls: this.urls,
      mentions,
      hashtags,
      issues: this.issues,
      allSimple: this.allSimple,
      markerLine: s.length <= MAX_MARKER_LINE + 1 && MARKER_LINE.test(s),
    };
  }

  /** Graphemes of a link or mention: its length when it is plain, Intl.Segmenter otherwise. */
  private graphemesOf(start: number, end: number): number {
    const s = this.text;
    if (isAllSimple(s, start, end) && !attachesToPrevious(s, end)) return end - start;
    return countGraphemes(s.slice(start, end));
  }
}

/** Whether a cluster is made of regional indicator symbols (U+1F1E6..U+1F1FF) only. */
function isRegionalIndicators(cluster: string): boolean {
  if (cluster.length < 2 || (cluster.length & 1) !== 0) return false;
  for (let i = 0; i < cluster.length; i += 2) {
    const low = cluster.charCodeAt(i + 1);
    if (cluster.charCodeAt(i) !== 0xd83c || low < 0xdde6 || low > 0xddff) return false;
  }
  return true;
}
