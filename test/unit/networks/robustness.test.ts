import { describe, expect, it } from 'vitest';
import type { NetworkId } from '../../../common/networks';
import { analyze, analyzeAll, NETWORKS } from '../../../common/networks';
import { graphemeCount, randomText, seededRandom, xLength } from './reference';

const MB = 1 << 20;

/** Analyses for all networks, and the time it took. */
function timed(text: string): { ms: number; result: ReturnType<typeof analyzeAll> } {
  const start = performance.now();
  const result = analyzeAll(text, { thread: { numbering: true } });
  return { ms: performance.now() - start, result };
}

function mixedMegabyte(): string {
  const random = seededRandom(1);
  let text = '';
  while (text.length < MB) text += randomText(random, 200);
  return text.slice(0, MB);
}

// Generous bounds: a shared build machine is slow and busy. Quadratic work on 1 MB would take minutes.
const ONE_MB_BUDGET_MS = 20_000;

describe('robust input', () => {
  it.each([
    ['mixed hard text', mixedMegabyte],
    ['one word without a space', () => 'a'.repeat(MB)],
    ['emoji families back to back', () => '👨‍👩‍👧‍👦'.repeat(MB / 11)],
    ['one letter under a million combining marks', () => `a${'\u0301'.repeat(MB - 1)}`],
    ['zero-width joiners only', () => '\u200d'.repeat(MB)],
    ['a dotted run that makes link detection backtrack', () => 'a.'.repeat(MB / 2)],
    ['lone surrogates', () => '\ud800'.repeat(MB)],
    ['right-to-left text with points', () => 'שָׁלוֹם עוֹלָם مَرْحَبًا '.repeat(MB / 25)],
    ['line feeds only', () => '\n'.repeat(MB)],
  ])('analyses 1 MB of %s for all networks without crashing or slowing to a crawl', (_name, make) => {
    const text = make();
    const { ms, result } = timed(text);
    expect(ms).toBeLessThan(ONE_MB_BUDGET_MS);
    for (const network of NETWORKS) expect(result[network].parts.length).toBeGreaterThanOrEqual(1);
    for (const part of result.x.parts.slice(0, 50)) expect(part.length).toBeLessThanOrEqual(280);
  }, 60_000);

  it('counts a million combining marks on one letter as one Bluesky grapheme of 2 MB', () => {
    const result = analyze(`a${'\u0301'.repeat(MB - 1)}`, 'bluesky');
    expect(result.length).toBe(1);
    expect(result.bytes).toBe(1 + 2 * (MB - 1));
    for (const part of result.parts.slice(0, 20)) expect(new TextEncoder().encode(part.text).length).toBeLessThanOrEqual(3000);
  }, 60_000);

  it('warns about a control character and marks it', () => {
    const result = analyze('Hello\u0007 world', 'linkedin');
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'control_character', severity: 'warning', span: { start: 5, end: 6 }, params: { character: 'U+0007' } }),
    ]);
  });

  it('keeps tab, line feed and carriage return without a warning', () => {
    expect(analyze('a\tb\r\nc\n', 'x').findings).toEqual([]);
  });

  it('warns about a lone surrogate and marks it', () => {
    const result = analyze('broken \ud83d here', 'bluesky');
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'lone_surrogate', severity: 'warning', span: { start: 7, end: 8 }, params: { character: 'U+D83D' } }),
    ]);
    expect(result.bytes).toBe(7 + 3 + 5);
  });

  it('gives one finding for a run of the same broken character', () => {
    expect(analyze('\u0001\u0001\u0001', 'x').findings.filter((f) => f.code === 'control_character')).toEqual([
      expect.objectContaining({ span: { start: 0, end: 3 } }),
    ]);
  });

  it('caps repeated findings at 20 per kind', () => {
    const findings = analyze('\u0001 '.repeat(100), 'x').findings;
    expect(findings.filter((f) => f.code === 'control_character')).toHaveLength(20);
  });

  it('counts right-to-left text with its points as graphemes', () => {
    const hebrew = 'שָׁלוֹם';
    expect(analyze(hebrew, 'bluesky').length).toBe(graphemeCount(hebrew));
    expect(analyze(`\u202b${hebrew}\u202c`, 'x').length).toBe(xLength(`\u202b${hebrew}\u202c`));
  });

  it('counts joiners and variation selectors on their own without crashing', () => {
    for (const text of ['\u200d', '\ufe0f', '\u200d\u200d a', 'a\u200db', '\u20e3', '🏽', '\u0301']) {
      for (const network of NETWORKS) expect(() => analyze(text, network as NetworkId)).not.toThrow();
      expect(analyze(text, 'x').length).toBe(xLength(text));
      expect(analyze(text, 'bluesky').length).toBe(graphemeCount(text));
    }
  });
});
