import type { NetworkIdValue } from '../domain/network-id';
import type { TargetMix } from '../domain/settings';
import { TONES, type Tone } from '../domain/tone';
import { calendarStatusOf, calendarTimeOf, summarizeCalendar, type CalendarPost, type CalendarStatus } from './calendar';
import { addDays, daysBetween, type Day } from './days';
import { mixByNetwork, mixFromCounts, type ToneCounts, type ToneMix } from './mix';
import { zoneDays } from './zone-days';

/** One tone against its target, in percentage points (0–100). */
export interface ToneDriftPart {
  readonly actual: number;
  readonly target: number;
  /** actual − target: positive when the tone has more than its share. */
  readonly delta: number;
}

export interface ToneDrift {
  readonly tones: Readonly<Record<Tone, ToneDriftPart>>;
  /** How far the mix is from the target: half the sum of |delta| (total variation), in points, 0–100. */
  readonly distance: number;
  /** The tone furthest over its target, and the one furthest under it. */
  readonly over: Tone;
  readonly under: Tone;
}

/**
 * How far a mix is from the target, in percentage points. Each tone's actual points are
 * 100 × count / total computed once, so deltas are exact to the last bit of a double. Null when
 * there is no toned post to measure.
 */
export function drift(actual: ToneMix, target: Readonly<Record<Tone, number>>): ToneDrift | null {
  const { total, counts } = actual;
  if (total === 0) return null;
  const parts = {} as Record<Tone, ToneDriftPart>;
  let distance = 0;
  let over: Tone = TONES[0];
  let under: Tone = TONES[0];
  for (const tone of TONES) {
    const delta = (100 * counts[tone] - target[tone] * total) / total;
    parts[tone] = { actual: (100 * counts[tone]) / total, target: target[tone], delta };
    distance += Math.abs(delta);
    if (delta > parts[over].delta) over = tone;
    if (delta < parts[under].delta) under = tone;
  }
  return { tones: parts, distance: distance / 2, over, under };
}

/**
 * What the target and the drift count: posts that went out or are on their way (queued,
 * scheduled, failed and waiting are all "planned"). Drafts have not been committed to; they are
 * what a suggestion picks from. The UI names these when it labels either figure.
 */
export const COUNTED_AGAINST_TARGET: readonly CalendarStatus[] = ['planned', 'published'];

function countsAgainstTarget(post: Pick<CalendarPost, 'status'>): boolean {
  return COUNTED_AGAINST_TARGET.includes(calendarStatusOf(post.status));
}

/** A period's posts against the target: the mix, how far it is off, and the mix on each network. */
export interface TargetProgress {
  readonly mix: ToneMix;
  readonly drift: ToneDrift | null;
  readonly networks: ReadonlyMap<NetworkIdValue, ToneMix>;
}

/**
 * Measures the days `from` to `to` (both included, in `zone`) against the target: the planned and
 * published posts on every network (COUNTED_AGAINST_TARGET); drafts are left out.
 */
export function measureAgainstTarget(posts: Iterable<CalendarPost>, target: Readonly<Record<Tone, number>>, options: { readonly zone: string; readonly from: Day; readonly to: Day }): TargetProgress {
  const counted: CalendarPost[] = [];
  for (const post of posts) if (countsAgainstTarget(post)) counted.push(post);
  const inPeriod = summarizeCalendar(counted, options.zone, { from: options.from, to: options.to });
  const periodPosts = [...inPeriod.days.values()].flatMap((day) => day.posts);
  return { mix: inPeriod.total, drift: drift(inPeriod.total, target), networks: mixByNetwork(periodPosts) };
}

/** A draft that would move the mix back toward the target if it went out. */
export interface NudgeSuggestion {
  readonly postId: string;
  /** Its first target's network; null for a draft without a network yet. */
  readonly network: NetworkIdValue | null;
  readonly tone: Tone;
  /** The day it stands on in the zone. */
  readonly day: Day;
}

/** What the calendar says when the recent posts drift from the target; the UI puts it in words. */
export interface DriftNudge {
  /** The days weighed, both included, and how many. */
  readonly period: { readonly from: Day; readonly to: Day; readonly days: number };
  /** The tone furthest over its target in that period. */
  readonly dominantTone: Tone;
  /** Its share of the period's toned posts (count / total, 0–1), as a whole percent, and its target percent. */
  readonly share: number;
  readonly percent: number;
  readonly targetPercent: number;
  readonly mix: ToneMix;
  readonly suggestion?: NudgeSuggestion;
}

export interface NudgeOptions {
  /** Today in the zone: the period ends here. */
  readonly today: Day;
  readonly zone: string;
  /** Days weighed; by default two weeks for a weekly target (one quiet week says little), 30 for a monthly one. */
  readonly days?: number;
  /** Points a tone must be over its target before the calendar speaks up. */
  readonly threshold?: number;
  /** Fewer toned posts than this in the period say too little to nudge about. */
  readonly minPosts?: number;
  /** How many days ahead a draft may stand and still be suggested. */
  readonly lookAheadDays?: number;
}

export const NUDGE_DEFAULTS = { weekDays: 14, monthDays: 30, threshold: 15, minPosts: 3, lookAheadDays: 14 } as const;

/**
 * Weighs the posts of the last days against the target and, when one tone is well over its
 * share, says which and how much, and names a draft whose tone would rebalance it. Drafts do not
 * count toward the mix (they have not gone out); they are what the suggestion picks from: the one
 * that brings the mix closest to the target, then the one nearest today.
 */
export function driftNudge(posts: Iterable<CalendarPost>, target: TargetMix, options: NudgeOptions): DriftNudge | null {
  const days = options.days ?? (target.period === 'week' ? NUDGE_DEFAULTS.weekDays : NUDGE_DEFAULTS.monthDays);
  const threshold = options.threshold ?? NUDGE_DEFAULTS.threshold;
  const minPosts = options.minPosts ?? NUDGE_DEFAULTS.minPosts;
  const lookAhead = options.lookAheadDays ?? NUDGE_DEFAULTS.lookAheadDays;
  const zoned = zoneDays(options.zone);
  const from = addDays(options.today, -(days - 1));
  const start = zoned.startOf(from);
  const end = zoned.startOf(addDays(options.today, 1));
  const draftsEnd = zoned.startOf(addDays(options.today, 1 + lookAhead));

  const counts: ToneCounts = { private: 0, blend: 0, professional: 0 };
  let untoned = 0;
  const drafts: { post: CalendarPost; time: number }[] = [];
  for (const post of posts) {
    const time = calendarTimeOf(post);
    if (!countsAgainstTarget(post)) {
      if (post.tone !== null && time >= start && time < draftsEnd) drafts.push({ post, time });
    } else if (time >= start && time < end) {
      if (post.tone === null) untoned++;
      else counts[post.tone]++;
    }
  }
  const mix = mixFromCounts(counts, untoned);
  const measured = drift(mix, target);
  if (measured === null || mix.total < minPosts || measured.tones[measured.over].delta < threshold) return null;

  const nudge: DriftNudge = {
    period: { from, to: options.today, days },
    dominantTone: measured.over,
    share: mix.shares[measured.over],
    percent: mix.percents[measured.over],
    targetPercent: target[measured.over],
    mix,
  };

  let best: { post: CalendarPost; day: Day; distance: number; away: number } | null = null;
  for (const { post, time } of drafts) {
    if (post.tone === null || post.tone === measured.over) continue;
    const after = drift(mixFromCounts({ ...counts, [post.tone]: counts[post.tone] + 1 }), target);
    if (after === null || after.distance >= measured.distance) continue;
    const day = zoned.dayAt(time);
    const away = Math.abs(daysBetween(options.today, day));
    if (best === null || after.distance < best.distance || (after.distance === best.distance && (away < best.away || (away === best.away && post.id < best.post.id)))) {
      best = { post, day, distance: after.distance, away };
    }
  }
  if (best === null || best.post.tone === null) return nudge;
  return { ...nudge, suggestion: { postId: best.post.id, network: best.post.targets[0]?.network ?? null, tone: best.post.tone, day: best.day } };
}
