export {
  checkGuardrails,
  confirmationOf,
  confirmationOfReasons,
  describeCheck,
  isClear,
  reasonsOf,
  uncovered,
  watchedWordsOf,
  type GuardrailCheck,
  type GuardrailReasons,
} from './check';
export { findWatchedWords, wordsOf, type WatchedWordMatch } from './match';
export { allSpans, bandsBetween, mergeSpans, periodsAt, periodsOfRule, spanOf, type PeriodSpan, type QuietBand } from './periods';
export { STARTER_WORDS } from './starter-words';
