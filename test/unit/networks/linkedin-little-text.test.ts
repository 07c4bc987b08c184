import { describe, expect, it } from 'vitest';
import { LITTLE_TEXT_RESERVED, littleText } from '../../../common/networks';

describe('LinkedIn little text: every reserved character is escaped, or LinkedIn cuts the post there', () => {
  it('knows the fifteen characters the little text format reserves', () => {
    expect([...LITTLE_TEXT_RESERVED].sort()).toStrictEqual(['#', '(', ')', '*', '<', '>', '@', '[', '\\', ']', '_', '{', '|', '}', '~'].sort());
  });

  it.each(LITTLE_TEXT_RESERVED.map((character) => [character]))('escapes %s in the middle of a sentence, at its start and at its end', (character) => {
    expect(littleText(`before ${character} after`)).toBe(`before \\${character} after`);
    expect(littleText(`${character} start`)).toBe(`\\${character} start`);
    expect(littleText(`end${character}`)).toBe(`end\\${character}`);
    expect(littleText(`${character}${character}`)).toBe(`\\${character}\\${character}`);
  });

  it('escapes every reserved character in one run, each once', () => {
    expect(littleText('\\|{}@[]()<>#*_~')).toBe('\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~');
  });

  it('escapes what looks like markup: a mention, a template, emphasis, a link in brackets', () => {
    expect(littleText('@[Acme](urn:li:organization:1234)')).toBe('\\@\\[Acme\\]\\(urn:li:organization:1234\\)');
    expect(littleText('{hashtag|#|x}')).toBe('\\{hashtag\\|\\#\\|x\\}');
    expect(littleText('*bold* _italic_ ~strike~ <b>')).toBe('\\*bold\\* \\_italic\\_ \\~strike\\~ \\<b\\>');
    expect(littleText('See [the notes](https://example.com/a_b) (really) @ana')).toBe('See \\[the notes\\]\\(https://example.com/a\\_b\\) \\(really\\) \\@ana');
  });

  it('escapes text that already looks escaped again, so its backslashes show', () => {
    expect(littleText('\\(not markup\\)')).toBe('\\\\\\(not markup\\\\\\)');
    expect(littleText('C:\\Users\\ana')).toBe('C:\\\\Users\\\\ana');
    expect(littleText('\\\\')).toBe('\\\\\\\\');
  });

  it('leaves emoji, Danish letters, quotes, line breaks and other punctuation as they are', () => {
    const text = 'Tak for i dag 🙂 æøå ÆØÅ — "citat" \'x\' 100% & $5 + 1 = 6!?\n\nNy linje 👩‍👩‍👧';
    expect(littleText(text)).toBe(text);
  });

  it('sends a hashtag as LinkedIn\'s hashtag template, its sign and its value escaped', () => {
    expect(littleText('Launch day #spheres')).toBe('Launch day {hashtag|\\#|spheres}');
    expect(littleText('#team_work and #æblegrød.')).toBe('{hashtag|\\#|team\\_work} and {hashtag|\\#|æblegrød}.');
    expect(littleText('(#one)\n#two')).toBe('\\({hashtag|\\#|one}\\)\n{hashtag|\\#|two}');
  });

  it('keeps a full-width hashtag sign, which the template accepts and which is not reserved', () => {
    expect(littleText('Hej ＃spheres')).toBe('Hej {hashtag|＃|spheres}');
  });

  it('escapes a # that is no hashtag: after a letter, before digits only, alone, or inside a link', () => {
    expect(littleText('C# and F#')).toBe('C\\# and F\\#');
    expect(littleText('issue #123')).toBe('issue \\#123');
    expect(littleText('# heading')).toBe('\\# heading');
    expect(littleText('https://example.com/page#section_2 #real')).toBe('https://example.com/page\\#section\\_2 {hashtag|\\#|real}');
  });

  it('makes a backslash before a hashtag a shown backslash followed by the hashtag', () => {
    expect(littleText('\\#tag')).toBe('\\\\{hashtag|\\#|tag}');
  });
});
