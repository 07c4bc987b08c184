import { describe, expect, it } from 'vitest';
import { analyze } from '../../../common/networks';
import { findingText, withWatchedWords } from '../../../renderer/src/ui';

describe('watched words as findings in the previews', () => {
  it('adds a warning with the span of the word to each network whose text names it, in English and Danish', () => {
    const text = 'Nyt om opkøbet: https://example.com/opkoeb';
    const analyses = { bluesky: analyze(text, 'bluesky'), mastodon: analyze('Ingen ord her', 'mastodon') };
    const withWords = withWatchedWords(analyses, { bluesky: text, mastodon: 'Ingen ord her' }, ['opkøb']);
    const finding = withWords.bluesky.findings.find((one) => one.code === 'watched_word');
    expect(finding).toMatchObject({ severity: 'warning', span: { start: 7, end: 14 }, params: { found: 'opkøbet', word: 'opkøb' } });
    expect(text.slice(finding!.span!.start, finding!.span!.end)).toBe('opkøbet');
    expect(findingText(finding!, 'en')).toBe('"opkøbet" is on your watched words (opkøb): posting it asks you to confirm first.');
    expect(findingText(finding!, 'da')).toBe('»opkøbet« er på dine overvågede ord (opkøb): når du poster det, skal du bekræfte først.');
    expect(withWords.mastodon).toBe(analyses.mastodon);
  });

  it('leaves the analyses as they are when no word is watched', () => {
    const analyses = { x: analyze('A merger', 'x') };
    expect(withWatchedWords(analyses, { x: 'A merger' }, [])).toBe(analyses);
  });
});
