import { NETWORK_IDS, type NetworkIdValue } from '../domain/network-id';
import type { Post } from '../domain/post';
import type { TargetMix } from '../domain/settings';
import { TONES, type Tone } from '../domain/tone';

export type ToneCounts = Record<Tone, number>;

/**
 * How a set of posts divides between the tones. Shares and percents are of the toned posts
 * (`total`); posts without a tone yet are counted apart in `untoned` and never in a share.
 */
export interface ToneMix {
  readonly counts: Readonly<ToneCounts>;
  /** Toned posts: counts.private + counts.blend + counts.professional. */
  readonly total: number;
  readonly untoned: number;
  /** count / total, each the nearest double to the exact fraction; all 0 when total is 0. */
  readonly shares: Readonly<Record<Tone, number>>;
  /** Whole percentages that add up to exactly 100 (largest remainder), for display; all 0 when total is 0. */
  readonly percents: Readonly<Record<Tone, number>>;
}

/** What toneMix needs of a post. */
export type TonedPost = Pick<Post, 'tone'>;

/**
 * Hamilton's largest-remainder method on whole numbers: each part gets the floor of its exact
 * quota, and the parts left over go to the largest remainders (ties: larger count, then tone order).
 */
export function wholePercents(counts: Readonly<ToneCounts>, of = 100): Record<Tone, number> {
  const total = counts.private + counts.blend + counts.professional;
  const result: Record<Tone, number> = { private: 0, blend: 0, professional: 0 };
  if (total === 0) return result;
  let given = 0;
  const remainders: { tone: Tone; remainder: number; count: number }[] = [];
  for (const tone of TONES) {
    const scaled = counts[tone] * of;
    const remainder = scaled % total;
    result[tone] = (scaled - remainder) / total;
    given += result[tone];
    remainders.push({ tone, remainder, count: counts[tone] });
  }
  remainders.sort((a, b) => b.remainder - a.remainder || b.count - a.count || TONES.indexOf(a.tone) - TONES.indexOf(b.tone));
  for (let i = 0; i < of - given; i++) {
    const next = remainders[i];
    if (next !== undefined) result[next.tone] += 1;
  }
  return result;
}

export function mixFromCounts(counts: Readonly<ToneCounts>, untoned = 0): ToneMix {
  const total = counts.private + counts.blend + counts.professional;
  const share = (tone: Tone) => (total === 0 ? 0 : counts[tone] / total);
  return {
    counts: { private: counts.private, blend: counts.blend, professional: counts.professional },
    total,
    untoned,
    shares: { private: share('private'), blend: share('blend'), professional: share('professional') },
    percents: wholePercents(counts),
  };
}

export const EMPTY_MIX: ToneMix = mixFromCounts({ private: 0, blend: 0, professional: 0 });

/** Counts tones as posts are added; `mix()` freezes the tally. Used where a loop already walks the posts. */
export class MixTally {
  readonly counts: ToneCounts = { private: 0, blend: 0, professional: 0 };
  untoned = 0;

  add(tone: Tone | null): void {
    if (tone === null) this.untoned++;
    else this.counts[tone]++;
  }

  mix(): ToneMix {
    return mixFromCounts(this.counts, this.untoned);
  }
}

export function toneMix(posts: Iterable<TonedPost>): ToneMix {
  const tally = new MixTally();
  for (const post of posts) tally.add(post.tone);
  return tally.mix();
}

/** The mix on each network the posts go to, in the app's network order; a post with two targets counts on both. */
export function mixByNetwork(posts: Iterable<Pick<Post, 'tone' | 'targets'>>): Map<NetworkIdValue, ToneMix> {
  const tallies = new Map<NetworkIdValue, MixTally>();
  for (const post of posts) {
    // One post with two accounts on the same network is one post on that network.
    const networks = new Set(post.targets.map((target) => target.network));
    for (const network of networks) {
      let tally = tallies.get(network);
      if (tally === undefined) {
        tally = new MixTally();
        tallies.set(network, tally);
      }
      tally.add(post.tone);
    }
  }
  const result = new Map<NetworkIdValue, ToneMix>();
  for (const network of NETWORK_IDS) {
    const tally = tallies.get(network);
    if (tally !== undefined) result.set(network, tally.mix());
  }
  return result;
}

/**
 * Sets one tone of a target mix and gives the rest to the other two in proportion to what they
 * had (evenly when both were 0), so the three always add up to 100.
 */
export function rebalanceTargetMix(mix: TargetMix, tone: Tone, value: number): TargetMix {
  const fixed = Math.min(100, Math.max(0, Math.round(Number.isFinite(value) ? value : 0)));
  const [first, second] = TONES.filter((other) => other !== tone) as [Tone, Tone];
  const rest = 100 - fixed;
  const weights = mix[first] + mix[second] === 0 ? { first: 1, second: 1 } : { first: mix[first], second: mix[second] };
  const split = wholePercents({ private: 0, blend: 0, professional: 0, [first]: weights.first, [second]: weights.second }, rest);
  return { ...mix, [tone]: fixed, [first]: split[first], [second]: split[second] };
}
