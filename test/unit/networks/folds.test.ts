import { describe, expect, it } from 'vitest';
import { FOLDS, foldIndex, type Fold } from '../../../common/networks/folds';
import { NETWORKS } from '../../../common/networks';

const linkedin = FOLDS.linkedin!;

describe('foldIndex: where a feed cuts a text', () => {
  it('cites a source for every fold', () => {
    for (const network of NETWORKS) {
      const fold = FOLDS[network];
      if (fold !== null) expect(fold.source).toMatch(/^https:\/\//);
    }
    expect(NETWORKS.filter((network) => FOLDS[network] === null)).toEqual(['bluesky', 'mastodon', 'threads']);
  });

  it('leaves a text that fits, and networks without a fold, whole', () => {
    expect(foldIndex('A short post.', linkedin)).toBeUndefined();
    expect(foldIndex('word '.repeat(200), FOLDS.mastodon)).toBeUndefined();
  });

  it('does not fold when only spaces follow the cut', () => {
    expect(foldIndex(`${'a'.repeat(200)}${' '.repeat(50)}\n\n`, linkedin)).toBeUndefined();
  });

  it('cuts after the last whole word that fits', () => {
    const text = 'word '.repeat(100);
    const cut = foldIndex(text, linkedin)!;
    expect(cut).toBeLessThanOrEqual(210);
    expect(text.slice(cut - 4, cut)).toBe('word');
    expect(text[cut]).toBe(' ');
  });

  it('cuts after the third line of short lines', () => {
    expect(foldIndex('one\ntwo\nthree\nfour', linkedin)).toBe('one\ntwo\nthree'.length);
  });

  it('shows two lines when the third is blank, as LinkedIn does', () => {
    expect(foldIndex('one\ntwo\n\nfour', linkedin)).toBe('one\ntwo'.length);
  });

  it('counts a long paragraph as the lines it fills', () => {
    const paragraph = 'x'.repeat(100);
    // 100 characters at 70 a line take two lines, so one more line fits.
    expect(foldIndex(`${paragraph}\nsecond\nthird`, linkedin)).toBe(`${paragraph}\nsecond`.length);
  });

  it('never cuts an emoji in half', () => {
    const text = `a${'😀'.repeat(200)}`;
    const cut = foldIndex(text, linkedin)!;
    const code = text.charCodeAt(cut);
    expect(code >= 0xdc00 && code <= 0xdfff).toBe(false);
  });

  it('cuts inside a word longer than the reach of a line', () => {
    const fold: Fold = { characters: 50, label: 'more', source: 'https://example.com' };
    expect(foldIndex('y'.repeat(120), fold)).toBe(50);
  });
});
