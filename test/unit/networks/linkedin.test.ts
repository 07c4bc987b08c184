import { describe, expect, it } from 'vitest';
import { analyze, escapeLinkedInLittleText, LINKEDIN_MAX_CHARACTERS, LINKEDIN_MAX_IMAGES } from '../../../common/networks';

describe('LinkedIn little text format', () => {
  it.each([
    ['plain text', 'Hello world', 'Hello world'],
    ['every reserved character', '\\|{}@[]()<>#*_~', '\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~'],
    ['a sentence with a mention and a hashtag', 'Thanks (really) @Ana #team_work', 'Thanks \\(really\\) \\@Ana \\#team\\_work'],
    ['Danish and emoji, untouched', 'Tak for i dag 🙂 æøå', 'Tak for i dag 🙂 æøå'],
  ])('escapes %s with a backslash', (_name, text, escaped) => {
    expect(escapeLinkedInLittleText(text)).toBe(escaped);
  });

  it('counts the text the reader sees, not the escaped text', () => {
    const text = '(a) [b] {c} #d @e *f* _g_ ~h~ <i> |j| \\k';
    expect(escapeLinkedInLittleText(text).length).toBeGreaterThan(text.length);
    expect(analyze(text, 'linkedin').length).toBe(text.length);
  });
});

describe('LinkedIn limits', () => {
  it(`fits ${LINKEDIN_MAX_CHARACTERS} characters`, () => {
    const result = analyze('a'.repeat(3000), 'linkedin');
    expect(result.findings).toEqual([]);
    expect(result.overflow).toBeUndefined();
  });

  it('marks the characters past 3,000 in red and refuses the post', () => {
    const text = `${'a'.repeat(2999)}bcd`;
    const result = analyze(text, 'linkedin');
    expect(result.overflow).toEqual({ start: 3000, end: 3002 });
    expect(result.parts).toEqual([{ text, start: 0, end: 3002, length: 3002, overflowStart: 3000 }]);
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        code: 'over_limit',
        severity: 'error',
        span: { start: 3000, end: 3002 },
        params: { network: 'LinkedIn', unit: 'characters', length: 3002, limit: 3000, over: 2 },
      }),
    );
  });

  it('counts an emoji as 2 characters and never cuts it in half', () => {
    const text = `${'a'.repeat(2999)}🎉`;
    const result = analyze(text, 'linkedin');
    expect(result.length).toBe(3001);
    expect(result.overflow).toEqual({ start: 2999, end: 3001 });
  });

  it('does not thread: a --- line stays in the post, with a hint', () => {
    const result = analyze('Part one\n---\nPart two', 'linkedin');
    expect(result.parts).toHaveLength(1);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'split_marker_ignored', severity: 'hint', span: { start: 9, end: 12 } }));
  });

  it(`takes ${LINKEDIN_MAX_IMAGES} images`, () => {
    const image = { bytes: 1, mime: 'image/png' };
    expect(analyze('x', 'linkedin', { media: Array(20).fill(image) }).findings).toEqual([]);
    expect(analyze('x', 'linkedin', { media: Array(21).fill(image) }).findings).toContainEqual(expect.objectContaining({ code: 'too_many_media' }));
  });
});
