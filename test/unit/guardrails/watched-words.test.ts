import { describe, expect, it } from 'vitest';
import { findWatchedWords } from '../../../common/guardrails';
import { checkGuardrails, STARTER_WORDS } from '../../../common/guardrails';
import { DEFAULT_GUARDRAILS } from '../../../common/domain';

const found = (text: string, words: readonly string[]): string[] => findWatchedWords(text, words).map((match) => match.found);

describe('watched words', () => {
  it('finds Danish definite and plural forms of a listed word', () => {
    expect(found('Opkøbet er på plads', ['opkøb'])).toEqual(['Opkøbet']);
    expect(found('Vi glæder os over fusionen', ['fusion'])).toEqual(['fusionen']);
    expect(found('Nedjusteringen kom i går', ['nedjustering'])).toEqual(['Nedjusteringen']);
    expect(found('Regnskaberne er klar, og regnskabet ser godt ud', ['regnskab'])).toEqual(['Regnskaberne', 'regnskabet']);
    expect(found('Overtagelsen og fusionens betydning', ['overtagelse', 'fusion'])).toEqual(['Overtagelsen', 'fusionens']);
  });

  it('finds English -s, -es, -ed and -ing forms', () => {
    expect(found('Two acquisitions, takeovers, merged yesterday, merging soon', ['acquisition', 'takeover', 'merge'])).toEqual(['acquisitions', 'takeovers', 'merged', 'merging']);
  });

  it('matches æ, ø and å against their ae, oe and aa spellings both ways', () => {
    expect(found('Opkoebet er paa plads', ['opkøb'])).toEqual(['Opkoebet']);
    expect(found('Et opkøb i Århus', ['opkoeb', 'aarhus'])).toEqual(['opkøb', 'Århus']);
  });

  it('ignores case', () => {
    expect(found('MERGER talks, Merger news', ['merger'])).toEqual(['MERGER', 'Merger']);
  });

  it('matches whole words only', () => {
    expect(found('An emerger and a mergers-and-stuff', ['merger'])).toEqual(['mergers']);
    expect(found('fusionsenergi', ['fusion'])).toEqual([]);
  });

  it('does not match words inside links, but does match hashtags', () => {
    const text = 'Read https://example.com/merger-news and merger.com/news, then #merger and www.opkoeb.dk';
    expect(found(text, ['merger', 'opkøb'])).toEqual(['#merger']);
  });

  it('matches a phrase across its words, inflecting the last', () => {
    expect(found('No profit warnings this year; a Profit  warning would hurt', ['profit warning'])).toEqual(['profit warnings', 'Profit  warning']);
  });

  it('gives the span of the text as written, for the highlight', () => {
    const [match] = findWatchedWords('Om opkøbet', ['opkøb']);
    expect(match).toEqual({ word: 'opkøb', start: 3, end: 10, found: 'opkøbet' });
  });

  it('uses the starter list only when it is on, and applies words to private posts too', () => {
    const post = { tone: 'private' as const, texts: ['Tal om nedjusteringen'], atMs: null };
    expect(checkGuardrails(post, DEFAULT_GUARDRAILS).words).toEqual([]);
    expect(checkGuardrails(post, { ...DEFAULT_GUARDRAILS, starterList: true }).words.map((match) => match.word)).toEqual(['nedjustering']);
    expect(STARTER_WORDS).toEqual(expect.arrayContaining(['acquisition', 'merger', 'guidance', 'profit warning', 'opkøb', 'fusion', 'nedjustering', 'resultatforventninger']));
  });

  it('keeps private posts out of quiet periods but stops professional and blend ones', () => {
    const guardrails = { ...DEFAULT_GUARDRAILS, periods: [{ id: 'q4', name: 'Q4', start: '2026-01-10', end: '2026-01-31', zone: 'Europe/Copenhagen', source: 'manual' as const }] };
    const atMs = Date.parse('2026-01-31T22:30:00Z'); // 23:30 on the last day in Copenhagen
    expect(checkGuardrails({ tone: 'private', texts: [''], atMs }, guardrails).periods).toEqual([]);
    expect(checkGuardrails({ tone: 'blend', texts: [''], atMs }, guardrails).periods.map((period) => period.id)).toEqual(['q4']);
    expect(checkGuardrails({ tone: 'professional', texts: [''], atMs: Date.parse('2026-01-31T23:00:00Z') }, guardrails).periods).toEqual([]);
  });
});
