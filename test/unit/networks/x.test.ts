import { readFileSync } from 'node:fs';
import twitter from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze, X_MAX_ALT_TEXT_LENGTH, X_MAX_IMAGES, X_MAX_WEIGHTED_LENGTH, X_URL_LENGTH } from '../../../common/networks';
import { randomText, seededRandom, xLength } from './reference';

interface WeightedCase {
  readonly description: string;
  readonly text: string;
  readonly expected: { readonly weightedLength: number; readonly valid: boolean; readonly validRangeEnd: number };
}

// twitter-text's conformance data (twitter/twitter-text conformance/validate.yml, Apache-2.0), copied
// beside this test. yaml turns its "\U0001f431" escapes into the characters.
const conformance = parse(readFileSync(new URL('./twitter-text-conformance/validate.yml', import.meta.url), 'utf8')) as {
  tests: Record<string, WeightedCase[]>;
};
// The current configuration (v3) discounts emoji: its cases are the ones that apply. The directional
// marker cases hold under v3 too; the plain WeightedTweetsCounterTest cases are v2 (no emoji discount).
const weightedCases = [...conformance.tests.WeightedTweetsWithDiscountedEmojiCounterTest!, ...conformance.tests.UnicodeDirectionalMarkerCounterTest!];

const isPublishable = (text: string): boolean => {
  const result = analyze(text, 'x');
  return result.length <= X_MAX_WEIGHTED_LENGTH && !result.findings.some((f) => f.severity === 'error');
};

describe('X counts the weighted length of twitter-text (conformance suite)', () => {
  it('has the discounted-emoji cases to check against', () => {
    expect(weightedCases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(weightedCases)('$description: weighted length', ({ text, expected }) => {
    expect(analyze(text, 'x').length).toBe(expected.weightedLength);
  });

  it.each(weightedCases)('$description: valid', ({ text, expected }) => {
    expect(isPublishable(text)).toBe(expected.valid);
  });

  it.each(weightedCases.filter((c) => c.expected.weightedLength > X_MAX_WEIGHTED_LENGTH))(
    '$description: overflow starts where twitter-text stops the valid range',
    ({ text, expected }) => {
      expect(analyze(text, 'x').overflow).toEqual({ start: expected.validRangeEnd + 1, end: text.length });
    },
  );
});

describe('X weighted counting', () => {
  it.each([
    ['a plain sentence one per character', 'Hello world', 11],
    ['Danish letters æ, ø and å as 1', 'æblegrød på Øresund', 19],
    ['CJK characters as 2', '今日は', 6],
    ['an emoji as 2', '🎉', 2],
    ['a family emoji (ZWJ sequence) as 2', '👨‍👩‍👧‍👦', 2],
    ['an emoji with a skin tone as 2', '👍🏽', 2],
    ['a flag as 2', '🇩🇰', 2],
    ['a keycap as 2', '1️⃣', 2],
    ['a decomposed é as 1, as NFC does', 'e\u0301', 1],
    ['every URL as 23, however long', 'see https://example.com/a/very/long/path/that/goes/on?and=on#forever', 4 + 23],
    ['a URL written without a scheme as 23', 'example.com', 23],
    ['a line break as 1', 'a\nb', 3],
  ])('counts %s', (_name, text, expected) => {
    expect(analyze(text, 'x').length).toBe(expected);
  });

  it('takes its limit and URL length from twitter-text', () => {
    const defaults = (twitter as unknown as { configs: { defaults: { maxWeightedTweetLength: number; transformedURLLength: number } } }).configs.defaults;
    expect(X_MAX_WEIGHTED_LENGTH).toBe(defaults.maxWeightedTweetLength);
    expect(X_URL_LENGTH).toBe(defaults.transformedURLLength);
  });

  it('counts exactly like parseTweet on random hard text', () => {
    const random = seededRandom(280);
    for (let i = 0; i < 400; i++) {
      const text = randomText(random, 1 + Math.floor(random() * 40));
      expect(analyze(text, 'x').length, JSON.stringify(text)).toBe(xLength(text));
    }
  });
});

describe('X limits', () => {
  it('fits 280 characters in one post', () => {
    const result = analyze('a'.repeat(280), 'x');
    expect(result.overflow).toBeUndefined();
    expect(result.parts).toHaveLength(1);
    expect(result.findings).toEqual([]);
  });

  it('marks the characters past 280 as overflow, as X highlights them', () => {
    const text = `${'a'.repeat(278)} 今日`;
    const result = analyze(text, 'x');
    expect(result.length).toBe(283);
    // 278 + the space = 279; 今 (2) would make 281: it is the first character over.
    expect(result.overflow).toEqual({ start: 279, end: 281 });
    expect(result.overflow?.start).toBe(twitter.parseTweet(text).validRangeEnd + 1);
  });

  it('publishes a longer text as a thread and says so', () => {
    const result = analyze(`${'word '.repeat(70)}end.`, 'x');
    expect(result.parts.length).toBe(2);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'thread', severity: 'hint', params: expect.objectContaining({ parts: 2 }) }));
    expect(result.findings.some((f) => f.code === 'over_limit')).toBe(false);
  });

  it('refuses the characters X rejects (U+FFFF) with an error on their place', () => {
    const result = analyze('ok \uffff done', 'x');
    expect(result.findings).toContainEqual(
      expect.objectContaining({ code: 'invalid_character', severity: 'error', span: { start: 3, end: 4 }, params: { network: 'X', character: 'U+FFFF' } }),
    );
  });

  it('asks for text or media when the post is empty', () => {
    expect(analyze('  ', 'x').findings).toContainEqual(expect.objectContaining({ code: 'empty', severity: 'error' }));
    expect(analyze('', 'x', { media: [{ bytes: 10, mime: 'image/png', altText: 'A cat' }] }).findings).toEqual([]);
  });
});

describe('X media', () => {
  const image = { bytes: 1000, mime: 'image/jpeg', altText: 'A harbour at dusk' };

  it(`takes ${X_MAX_IMAGES} images and refuses a fifth`, () => {
    expect(analyze('pics', 'x', { media: Array(4).fill(image) }).findings).toEqual([]);
    expect(analyze('pics', 'x', { media: Array(5).fill(image) }).findings).toContainEqual(
      expect.objectContaining({ code: 'too_many_media', severity: 'error', params: { network: 'X', count: 5, max: 4 } }),
    );
  });

  it(`refuses an image description longer than ${X_MAX_ALT_TEXT_LENGTH} characters`, () => {
    const ok = analyze('pic', 'x', { media: [{ ...image, altText: 'x'.repeat(1000) }] });
    const tooLong = analyze('pic', 'x', { media: [{ ...image, altText: 'x'.repeat(1001) }] });
    expect(ok.findings).toEqual([]);
    expect(tooLong.findings).toContainEqual(expect.objectContaining({ code: 'alt_text_too_long', params: { network: 'X', index: 1, length: 1001, max: 1000 } }));
  });

  it('hints at an image without a description', () => {
    expect(analyze('pic', 'x', { media: [{ bytes: 10, mime: 'image/png' }] }).findings).toContainEqual(
      expect.objectContaining({ code: 'alt_text_missing', severity: 'hint', params: { index: 1 } }),
    );
  });
});
