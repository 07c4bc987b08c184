import type { GuardrailConfirmation, Guardrails } from '../domain/guardrails';
import type { Tone } from '../domain/tone';
import { findWatchedWords, type WatchedWordMatch } from './match';
import { allSpans, periodsAt, type PeriodSpan } from './periods';
import { STARTER_WORDS } from './starter-words';

/** What the guardrails say about a post: the quiet periods its time falls in and the watched words it names. */
export interface GuardrailCheck {
  periods: PeriodSpan[];
  words: WatchedWordMatch[];
}

/** The person's words first, so a word in both lists is reported as theirs. */
export function watchedWordsOf(guardrails: Pick<Guardrails, 'watchedWords' | 'starterList'>): string[] {
  return guardrails.starterList ? [...guardrails.watchedWords, ...STARTER_WORDS] : [...guardrails.watchedWords];
}

/**
 * A post against the guardrails. Quiet periods concern professional and blend posts (a private
 * post is the person's own life); watched words concern every post, since a private post can leak
 * a deal as well as any. `atMs` is when it goes out: its planned time, or now.
 */
export function checkGuardrails(
  post: Readonly<{ tone: Tone | null; texts: readonly string[]; atMs: number | null }>,
  guardrails: Guardrails,
): GuardrailCheck {
  const periods = post.tone === 'private' || post.atMs === null ? [] : periodsAt(allSpans(guardrails), post.atMs);
  const watched = watchedWordsOf(guardrails);
  const words: WatchedWordMatch[] = [];
  const seen = new Set<string>();
  for (const text of post.texts) {
    for (const match of findWatchedWords(text, watched)) {
      if (seen.has(match.word)) continue;
      seen.add(match.word);
      words.push(match);
    }
  }
  return { periods, words };
}

export function isClear(check: GuardrailCheck): boolean {
  return check.periods.length === 0 && check.words.length === 0;
}

/** What a confirmation of this check names: the periods by id, the words as listed. */
export function confirmationOf(check: GuardrailCheck): GuardrailConfirmation {
  return { periods: check.periods.map((period) => period.id), words: [...new Set(check.words.map((match) => match.word))] };
}

/** The part of a check a confirmation does not cover: a period or word added since needs its own "post anyway". */
export function uncovered(check: GuardrailCheck, confirmed: GuardrailConfirmation | undefined): GuardrailCheck {
  if (confirmed === undefined) return check;
  const periods = new Set(confirmed.periods);
  const words = new Set(confirmed.words);
  return { periods: check.periods.filter((period) => !periods.has(period.id)), words: check.words.filter((match) => !words.has(match.word)) };
}

/** A check as words and ids: what `guardrail_confirmation_needed` carries in its details, and what the dialogs show. */
export interface GuardrailReasons {
  periods: { id: string; name: string; start: string; end: string; zone: string }[];
  words: { word: string; found: string }[];
}

export function describeCheck(check: GuardrailCheck): GuardrailReasons {
  return {
    periods: check.periods.map(({ period }) => ({ id: period.id, name: period.name, start: period.start, end: period.end, zone: period.zone })),
    words: check.words.map((match) => ({ word: match.word, found: match.found })),
  };
}

/** The confirmation that covers these reasons. */
export function confirmationOfReasons(reasons: GuardrailReasons): GuardrailConfirmation {
  return { periods: reasons.periods.map((period) => period.id), words: [...new Set(reasons.words.map((word) => word.word))] };
}

/** The reasons an error's details name, or null when they are not a guardrail's. */
export function reasonsOf(details: unknown): GuardrailReasons | null {
  if (typeof details !== 'object' || details === null) return null;
  const { periods, words } = details as Record<string, unknown>;
  if (!Array.isArray(periods) || !Array.isArray(words)) return null;
  return { periods: periods as GuardrailReasons['periods'], words: words as GuardrailReasons['words'] };
}
