import type { LinkInText } from '../../../../common/networks';
// The analyzer's own extractors, not twitter-text's extractEntitiesWithIndices: the preview then
// styles exactly the mentions and hashtags the rules count and warn about (Instagram's tag limits,
// Threads' one topic per post, Mastodon's `@user@server` as one mention, which twitter-text cuts
// after `@user`).
import { extractHashtags, extractMentions } from '../../../../common/networks/entities';
import { firstEndingAfter } from '../../../../common/networks/walker';

export type EntityKind = 'link' | 'mention' | 'hashtag';

/** A link, mention or hashtag as the preview styles it. */
export interface TextEntity {
  readonly start: number;
  readonly end: number;
  readonly kind: EntityKind;
  /** Links: the address it opens. */
  readonly href?: string;
  /** Links: what the network shows instead of the text as written (Bluesky shortens links). */
  readonly display?: string;
}

/** A run of the text with one look. */
export interface TextSegment {
  readonly start: number;
  readonly end: number;
  /** What is shown: the text itself, or a link's display text. */
  readonly text: string;
  readonly kind: EntityKind | 'text';
  readonly href?: string;
  /** After the feed's fold. */
  readonly below: boolean;
  /** Past the network's limit. */
  readonly over: boolean;
}

export interface SegmentMarks {
  /** Where the feed folds the text. */
  readonly fold?: number;
  /** Where the text goes past the limit. */
  readonly overflow?: number;
  /** Hashtags after this many in the range are plain text (Threads makes only the first a topic). */
  readonly maxHashtags?: number;
  /** Mentions are plain text (LinkedIn and Facebook: a typed @handle tags nobody). */
  readonly plainMentions?: boolean;
}

/**
 * Links (as the network shows them), mentions and hashtags of a text, sorted and without overlaps
 * (a hashtag inside a link's fragment belongs to the link).
 */
export function collectEntities(text: string, links: readonly LinkInText[]): TextEntity[] {
  const { mentions, hashtags } = mentionsAndHashtags(text);
  const out: TextEntity[] = [];
  let l = 0;
  let m = 0;
  let h = 0;
  let lastEnd = 0;
  // A three-way merge of lists sorted by start: linear in the number of entities.
  for (;;) {
    const link = links[l];
    const mention = mentions[m];
    const hashtag = hashtags[h];
    let next: TextEntity;
    if (link !== undefined && (mention === undefined || link.start <= mention.start) && (hashtag === undefined || link.start <= hashtag.start)) {
      l++;
      next = { start: link.start, end: link.end, kind: 'link', href: link.url, display: link.displayText };
    } else if (mention !== undefined && (hashtag === undefined || mention.start <= hashtag.start)) {
      m++;
      next = { start: mention.start, end: mention.end, kind: 'mention' };
    } else if (hashtag !== undefined) {
      h++;
      next = { start: hashtag.start, end: hashtag.end, kind: 'hashtag' };
    } else {
      return out;
    }
    if (next.start < lastEnd) continue;
    out.push(next);
    lastEnd = next.end;
  }
}

interface MentionsAndHashtags {
  readonly mentions: ReturnType<typeof extractMentions>;
  readonly hashtags: ReturnType<typeof extractHashtags>;
}

/** The seven cards usually preview one text: extract its mentions and hashtags once, not seven times. */
let lastText: string | undefined;
let lastFound: MentionsAndHashtags = { mentions: [], hashtags: [] };

function mentionsAndHashtags(text: string): MentionsAndHashtags {
  if (text !== lastText) {
    lastFound = { mentions: extractMentions(text), hashtags: extractHashtags(text) };
    lastText = text;
  }
  return lastFound;
}

/**
 * The segments of `text[start, end)` in one pass over the sorted entities: plain text between
 * them, each entity in its look, cut where the fold and the overflow start. A link the network
 * shows shortened is never cut: it is wholly on the side of the cut its start is on.
 */
export function buildSegments(
  text: string,
  entities: readonly TextEntity[],
  start: number,
  end: number,
  marks: SegmentMarks = {},
): TextSegment[] {
  const cuts = [marks.fold, marks.overflow]
    .filter((cut): cut is number => cut !== undefined && cut > start && cut < end)
    .sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  const isBelow = (at: number) => marks.fold !== undefined && at >= marks.fold;
  const isOver = (at: number) => marks.overflow !== undefined && at >= marks.overflow;

  const push = (from: number, to: number, kind: TextSegment['kind'], href?: string) => {
    let at = from;
    for (const cut of cuts) {
      if (cut <= at || cut >= to) continue;
      segments.push(segment(text, at, cut, kind, href, isBelow(at), isOver(at)));
      at = cut;
    }
    if (at < to) segments.push(segment(text, at, to, kind, href, isBelow(at), isOver(at)));
  };

  let at = start;
  let hashtags = 0;
  for (let i = firstEndingAfter(entities, start); i < entities.length; i++) {
    const entity = entities[i]!;
    if (entity.start >= end) break;
    const from = Math.max(entity.start, start);
    const to = Math.min(entity.end, end);
    if (from > at) push(at, from, 'text');
    let kind: TextSegment['kind'] = entity.kind;
    if (kind === 'hashtag' && marks.maxHashtags !== undefined && hashtags++ >= marks.maxHashtags) kind = 'text';
    if (kind === 'mention' && marks.plainMentions === true) kind = 'text';
    if (entity.display !== undefined && entity.display !== text.slice(entity.start, entity.end) && from === entity.start && to === entity.end) {
      segments.push({ start: from, end: to, text: entity.display, kind, href: entity.href, below: isBelow(from), over: isOver(from) });
    } else {
      push(from, to, kind, entity.href);
    }
    at = to;
  }
  if (at < end) push(at, end, 'text');
  return segments;
}

function segment(text: string, start: number, end: number, kind: TextSegment['kind'], href: string | undefined, below: boolean, over: boolean): TextSegment {
  const base = { start, end, text: text.slice(start, end), kind, below, over };
  return href === undefined ? base : { ...base, href };
}

