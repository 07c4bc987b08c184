import { describe, expect, it } from 'vitest';
import { createToneSuggester, fromState, ToneSuggesterStateSchema, type ToneCountsModel } from '../../../common/tone/suggest';
import { toneFeatures } from '../../../common/tone/tone-features';

/** A tiny model, so each test says exactly what the suggester knew before it learned. */
const EMPTY: ToneCountsModel = { docs: [0, 0, 0], tokens: {} };

describe('tone suggestion from the built-in model', () => {
  it('suggests professional for a hiring post in English', () => {
    expect(createToneSuggester().suggest('We are hiring a senior backend engineer for our platform team. Apply via the link.')?.tone).toBe('professional');
  });

  it('suggests private for a family holiday post in Danish', () => {
    expect(createToneSuggester().suggest('Sommerferie med børnene i sommerhuset. Is, regn og brætspil hele aftenen 🌧️')?.tone).toBe('private');
  });

  it('suggests blend for a post that mixes Danish and English about work and family', () => {
    const suggestion = createToneSuggester().suggest('Leadership lesson fra min datter: hun lærte mig mere om feedback end mit team did.');
    expect(suggestion?.tone).toBe('blend');
  });

  it('gives as reasons only words written in the text', () => {
    const text = 'Proud to announce our quarterly results: revenue grew and we are hiring engineers.';
    const suggestion = createToneSuggester().suggest(text);
    expect(suggestion?.reasons.length).toBeGreaterThan(0);
    for (const reason of suggestion?.reasons ?? []) expect(text.toLowerCase()).toContain(reason);
  });

  it('keeps Danish letters as written in the reasons', () => {
    const text = 'Fødselsdag med mormor og børnebørnene i haven';
    const reasons = createToneSuggester().suggest(text)?.reasons ?? [];
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(text.toLowerCase()).toContain(reason);
  });

  it('says nothing for a text with no words', () => {
    expect(createToneSuggester().suggest('  2026 … !!! ')).toBeNull();
  });

  it('gives a confidence between a third and one', () => {
    const confidence = createToneSuggester().suggest('Our annual report is out: revenue and outlook')?.confidence ?? 0;
    expect(confidence).toBeGreaterThan(1 / 3);
    expect(confidence).toBeLessThanOrEqual(1);
  });
});

describe('learning from the person’s tags', () => {
  it('moves the suggestion towards the tone the person keeps choosing', () => {
    const suggester = createToneSuggester();
    const text = 'Sailing regatta with the club this weekend';
    const before = suggester.suggest(text);
    expect(before?.tone).not.toBe('professional');
    for (let i = 0; i < 5; i += 1) suggester.learn(`Sailing regatta report number ${i} for our club sponsors`, 'professional');
    expect(suggester.suggest(text)?.tone).toBe('professional');
    expect(suggester.learned).toBe(5);
  });

  it('learns from nothing at all with an empty model', () => {
    const suggester = createToneSuggester({ builtIn: EMPTY });
    expect(suggester.suggest('kiteboarding at the beach')).toBeNull();
    suggester.learn('Kiteboarding at the beach today', 'private');
    expect(suggester.suggest('kiteboarding again')).toMatchObject({ tone: 'private', reasons: ['kiteboarding'] });
  });

  it('takes a tag back when the person changes their mind', () => {
    const suggester = createToneSuggester({ builtIn: EMPTY });
    suggester.learn('quarterly board meeting', 'professional');
    suggester.learn('family picnic', 'private');
    suggester.unlearn('quarterly board meeting', 'professional');
    expect(suggester.learned).toBe(1);
    expect(suggester.toJSON().tokens['quarterly']).toEqual([0, 0, 0]);
  });

  it('treats æ, ø and å and their spelled-out forms as one word', () => {
    const suggester = createToneSuggester({ builtIn: EMPTY });
    suggester.learn('Møde med bestyrelsen', 'professional');
    expect(suggester.suggest('moede i morgen')?.tone).toBe('professional');
  });
});

describe('the suggester’s state', () => {
  it('round-trips through JSON to a suggester that answers the same', () => {
    const suggester = createToneSuggester();
    suggester.learn('Kayak trip with my brother', 'private');
    suggester.learn('Our kayak rental company is hiring guides', 'professional');
    const copy = fromState(JSON.parse(JSON.stringify(suggester.toJSON())));
    for (const text of ['kayak guides wanted', 'kayak with my brother', 'Konference med børnene']) {
      expect(copy.suggest(text)).toEqual(suggester.suggest(text));
    }
    expect(copy.toJSON()).toEqual(suggester.toJSON());
  });

  it('refuses a state with a negative count or an unknown version', () => {
    const state = createToneSuggester().toJSON();
    expect(() => fromState({ ...state, docs: [-1, 0, 0] })).toThrow();
    expect(() => fromState({ ...state, version: 2 })).toThrow();
    expect(ToneSuggesterStateSchema.safeParse(state).success).toBe(true);
  });
});

describe('tone features', () => {
  it('reads links, mentions, hashtags and emoji as their own tokens', () => {
    const { keys } = toneFeatures('Read it at https://example.com/report @anna #hiring 🎉');
    expect(keys).toEqual(expect.arrayContaining(['⟨link⟩', '⟨mention⟩', '⟨hashtag⟩', '🎉', 'hiring', 'read']));
    expect(keys).not.toContain('example');
    expect(keys).not.toContain('anna');
  });

  it('pairs neighbouring words but not across a full stop', () => {
    const { keys } = toneFeatures("We're hiring. Family time");
    expect(keys).toContain("we're hiring");
    expect(keys).toContain('family time');
    expect(keys).not.toContain('hiring family');
  });
});
