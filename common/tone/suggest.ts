import { z } from 'zod';
import { TONES, ToneSchema, type Tone } from '../domain/tone';
import { toneFeatures } from './tone-features';
import { BUILT_IN_TONE_MODEL } from './tone-model';

/**
 * The tone suggester: binarised multinomial naive Bayes over words, word pairs, emoji, links,
 * mentions and hashtags (tone-features.ts). It starts from the built-in model (tone-model.ts,
 * trained by `npm run build:tone-model` on assets/tone-model/seed-posts.jsonl) and learns online
 * from every tone the person sets: a tag adds its features to that tone's counts, weighted above a
 * seed post, so the person's own way of writing soon outweighs the seed. Everything runs on the
 * device; the state is plain counts, kept in the data folder by the core.
 */

export interface ToneSuggestion {
  readonly tone: Tone;
  /** How sure, 0..1: the tone's share of the (tempered) posterior. Three equal tones give 1/3. */
  readonly confidence: number;
  /** Up to three words from the text (lower case, as written) that pushed most towards the tone. */
  readonly reasons: string[];
}

/** Counts per tone, in TONES order (private, blend, professional). */
export type ToneTriple = [number, number, number];

/** What a model is: how many posts of each tone, and in how many of them each feature occurs. */
export interface ToneCountsModel {
  readonly docs: ToneTriple;
  readonly tokens: Readonly<Record<string, ToneTriple>>;
}

const Triple = z.tuple([z.number().nonnegative().finite(), z.number().nonnegative().finite(), z.number().nonnegative().finite()]);

/** The person's learned state as it is written to the data folder and into a library export. */
export const ToneSuggesterStateSchema = z
  .object({
    format: z.literal('spheres-tone-suggester'),
    version: z.literal(1),
    /** How many tags it has learned from (unlearning a changed tag takes one off). */
    learned: z.number().int().nonnegative(),
    docs: Triple,
    tokens: z.record(z.string().min(1).max(400), Triple),
  })
  .strict();
export type ToneSuggesterState = z.infer<typeof ToneSuggesterStateSchema>;

export interface ToneSuggesterOptions {
  /** The cold-start model; the built-in one by default. */
  readonly builtIn?: ToneCountsModel;
  /** How many seed posts one of the person's tags is worth (tuned with `npm run bench:tone`). */
  readonly tagWeight?: number;
}

export interface ToneSuggester {
  /** Null for a text with nothing to go on (empty, only numbers or punctuation). */
  suggest(text: string): ToneSuggestion | null;
  learn(text: string, tone: Tone): void;
  /** Takes back a tag learned earlier (the person changed their mind); counts never go below zero. */
  unlearn(text: string, tone: Tone): void;
  /** How many tags it has learned from. */
  readonly learned: number;
  toJSON(): ToneSuggesterState;
}

const TONE_INDEX: Readonly<Record<Tone, 0 | 1 | 2>> = { private: 0, blend: 1, professional: 2 };
/** Laplace smoothing: an unseen feature is not impossible for a tone. */
const ALPHA = 0.5;
const DEFAULT_TAG_WEIGHT = 1;
/**
 * Naive Bayes adds one log-ratio per feature as if each were independent, so a long post looks
 * certain when it is not. Dividing the scores by this (per feature) tempers the confidence the
 * person sees ("accept all above 80%") to something nearer how often it is right (bench:tone).
 */
const TEMPERATURE_PER_FEATURE = 0.25;

/** Words too common to explain anything: never shown as a reason (they still count). */
const NOT_REASONS = new Set(
  (
    'a an and the of to in on at for with from by is are was were be been am i me my we our you your he she it its they them their ' +
    'this that these those so but or as if not no yes do did done have has had will would can could just about over into out up ' +
    'og i at en et den det de der som er var har til af for med på paa om min mit mine vi vores du jeg han hun ikke men så saa fra ' +
    'ud op også ogsaa nu her kan skal vil blev være vaere efter over når naar hvor hvad sig os dem dig mig'
  ).split(' '),
);

/** Makes a suggester from the built-in model, or from a saved state (`fromState`). */
export function createToneSuggester(options: ToneSuggesterOptions = {}, state?: ToneSuggesterState): ToneSuggester {
  const builtIn = options.builtIn ?? BUILT_IN_TONE_MODEL;
  const tagWeight = options.tagWeight ?? DEFAULT_TAG_WEIGHT;
  const user = {
    docs: [...(state?.docs ?? [0, 0, 0])] as ToneTriple,
    tokens: new Map<string, ToneTriple>(Object.entries(state?.tokens ?? {}).map(([key, counts]) => [key, [...counts] as ToneTriple])),
  };
  let learned = state?.learned ?? 0;

  // Seed and person combined, kept up to date by learn: suggest does one map lookup per feature.
  const combined = new Map<string, ToneTriple>();
  for (const [key, counts] of Object.entries(builtIn.tokens)) combined.set(key, [...counts] as ToneTriple);
  for (const [key, counts] of user.tokens) addTo(combined, key, counts, tagWeight);
  const totals: ToneTriple = [0, 0, 0];
  for (const counts of combined.values()) for (let i = 0; i < 3; i += 1) totals[i]! += counts[i]!;

  function addTo(map: Map<string, ToneTriple>, key: string, counts: Readonly<ToneTriple>, weight: number): void {
    const current = map.get(key);
    if (current === undefined) map.set(key, [counts[0] * weight, counts[1] * weight, counts[2] * weight]);
    else for (let i = 0; i < 3; i += 1) current[i] = Math.max(0, current[i]! + counts[i]! * weight);
  }

  function change(text: string, tone: Tone, sign: 1 | -1): void {
    const index = TONE_INDEX[tone];
    const { keys } = toneFeatures(text);
    if (keys.length === 0) return;
    const one: ToneTriple = [0, 0, 0];
    one[index] = sign;
    for (const key of keys) {
      const mine = user.tokens.get(key);
      if (sign < 0 && (mine === undefined || mine[index] <= 0)) continue;
      if (mine === undefined) user.tokens.set(key, [...one]);
      else mine[index] += sign;
      const both = combined.get(key);
      if (both === undefined) {
        const fresh: ToneTriple = [0, 0, 0];
        fresh[index] = tagWeight;
        combined.set(key, fresh);
        totals[index] += tagWeight;
      } else {
        const before = both[index];
        both[index] = Math.max(0, before + sign * tagWeight);
        totals[index] += both[index] - before;
      }
    }
    user.docs[index] = Math.max(0, user.docs[index] + sign);
    learned = Math.max(0, learned + sign);
  }

  return {
    get learned() {
      return learned;
    },
    suggest(text) {
      const { keys, surface } = toneFeatures(text);
      const docs = [0, 1, 2].map((i) => builtIn.docs[i]! + tagWeight * user.docs[i]! + 1);
      const allDocs = docs[0]! + docs[1]! + docs[2]!;
      const vocabulary = combined.size + 1;
      const denominators = totals.map((total) => Math.log(total + ALPHA * vocabulary));
      const scores = docs.map((n) => Math.log(n / allDocs));
      const hits: string[] = [];
      const hitCounts: ToneTriple[] = [];
      for (const key of keys) {
        const counts = combined.get(key);
        // A feature no tone has seen says nothing about any of them.
        if (counts === undefined || counts[0] + counts[1] + counts[2] === 0) continue;
        scores[0]! += Math.log(counts[0] + ALPHA) - denominators[0]!;
        scores[1]! += Math.log(counts[1] + ALPHA) - denominators[1]!;
        scores[2]! += Math.log(counts[2] + ALPHA) - denominators[2]!;
        hits.push(key);
        hitCounts.push(counts);
      }
      if (hits.length === 0) return null;
      let best = 0;
      for (let i = 1; i < 3; i += 1) if (scores[i]! > scores[best]!) best = i;
      const temperature = 1 + TEMPERATURE_PER_FEATURE * hits.length;
      const top = scores[best]!;
      const weights = scores.map((score) => Math.exp((score - top) / temperature));
      const confidence = 1 / (weights[0]! + weights[1]! + weights[2]!);
      return { tone: TONES[best]!, confidence, reasons: reasonsFor(best, hits, hitCounts, denominators, surface) };
    },
    learn(text, tone) {
      change(text, ToneSchema.parse(tone), 1);
    },
    unlearn(text, tone) {
      change(text, ToneSchema.parse(tone), -1);
    },
    toJSON() {
      return { format: 'spheres-tone-suggester', version: 1, learned, docs: [...user.docs], tokens: Object.fromEntries(user.tokens) };
    },
  };
}

/** Rebuilds a suggester from a state read from disk or an export; throws a ZodError on anything malformed. */
export function fromState(state: unknown, options: ToneSuggesterOptions = {}): ToneSuggester {
  return createToneSuggester(options, ToneSuggesterStateSchema.parse(state));
}

/** The words that pushed most towards the tone against the runner-up tone, as written in the text. */
function reasonsFor(
  best: number,
  keys: readonly string[],
  counts: readonly Readonly<ToneTriple>[],
  denominators: readonly number[],
  surface: ReadonlyMap<string, string>,
): string[] {
  const pulls: { key: string; pull: number }[] = [];
  for (let index = 0; index < keys.length; index += 1) {
    const tones = counts[index]!;
    const own = Math.log(tones[best]! + ALPHA) - denominators[best]!;
    let other = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < 3; i += 1) if (i !== best) other = Math.max(other, Math.log(tones[i]! + ALPHA) - denominators[i]!);
    if (own > other) pulls.push({ key: keys[index]!, pull: own - other });
  }
  pulls.sort((a, b) => b.pull - a.pull);
  const reasons: string[] = [];
  for (const { key } of pulls) {
    const words = wordsOf(key, surface);
    if (words === null) continue;
    // A pair whose word is already a reason, or a word inside a chosen pair, says the same thing twice.
    if (reasons.some((reason) => reason.split(' ').some((word) => words.split(' ').includes(word)))) continue;
    reasons.push(words);
    if (reasons.length === 3) break;
  }
  return reasons;
}

/** A word or pair of words as written, or null for markers, emoji and stop words. */
function wordsOf(key: string, surface: ReadonlyMap<string, string>): string | null {
  const parts = key.split(' ');
  const words = parts.map((part) => surface.get(part));
  if (words.some((word) => word === undefined)) return null;
  // A pair is shown only when both its words mean something ("min datter", not "my" + "daughter").
  if (parts.some((part) => NOT_REASONS.has(part) || part.length < 2)) return null;
  return words.join(' ');
}
