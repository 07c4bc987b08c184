import { describe, expect, it } from 'vitest';
import {
  analyze,
  INSTAGRAM_MAX_CAROUSEL_ITEMS,
  INSTAGRAM_MAX_CHARACTERS,
  INSTAGRAM_MAX_HASHTAGS,
  INSTAGRAM_MAX_MENTIONS,
  INSTAGRAM_REPORTED_MAX_HASHTAGS,
} from '../../../common/networks';

const photo = { bytes: 2000, mime: 'image/jpeg' };
const withPhoto = { media: [photo] };
const tags = (n: number): string => Array.from({ length: n }, (_, i) => `#tag${String.fromCharCode(97 + (i % 26))}${i}`).join(' ');

describe('Instagram', () => {
  it('needs at least one image', () => {
    expect(analyze('Caption', 'instagram').findings).toContainEqual(expect.objectContaining({ code: 'media_required', severity: 'error' }));
    expect(analyze('Caption', 'instagram', withPhoto).findings).toEqual([]);
    expect(analyze('', 'instagram', withPhoto).findings).toEqual([]);
  });

  it(`takes a carousel of ${INSTAGRAM_MAX_CAROUSEL_ITEMS}`, () => {
    expect(analyze('x', 'instagram', { media: Array(10).fill(photo) }).findings).toEqual([]);
    expect(analyze('x', 'instagram', { media: Array(11).fill(photo) }).findings).toContainEqual(
      expect.objectContaining({ code: 'too_many_media', params: { network: 'Instagram', count: 11, max: 10 } }),
    );
  });

  it(`refuses a caption over ${INSTAGRAM_MAX_CHARACTERS} characters and marks the rest`, () => {
    const result = analyze('a'.repeat(2205), 'instagram', withPhoto);
    expect(result.overflow).toEqual({ start: 2200, end: 2205 });
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'over_limit', span: { start: 2200, end: 2205 } }));
  });

  it(`warns above ${INSTAGRAM_REPORTED_MAX_HASHTAGS} hashtags, the limit reported since December 2025`, () => {
    expect(analyze(tags(5), 'instagram', withPhoto).findings).toEqual([]);
    const text = tags(6);
    const result = analyze(text, 'instagram', withPhoto);
    const sixth = text.lastIndexOf('#');
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'many_hashtags', severity: 'warning', span: { start: sixth, end: text.length }, params: { network: 'Instagram', count: 6, max: 5 } }),
    ]);
  });

  it(`refuses more than ${INSTAGRAM_MAX_HASHTAGS} hashtags, the documented API limit`, () => {
    const result = analyze(tags(31), 'instagram', withPhoto);
    expect(result.findings.map((f) => f.code)).toEqual(['too_many_hashtags']);
    expect(result.findings[0]).toMatchObject({ severity: 'error', params: { count: 31, max: 30 } });
  });

  it('counts a repeated hashtag once', () => {
    expect(analyze(Array(8).fill('#sea').join(' '), 'instagram', withPhoto).findings).toEqual([]);
  });

  it(`refuses more than ${INSTAGRAM_MAX_MENTIONS} @mentions`, () => {
    const mentions = (n: number): string => Array.from({ length: n }, (_, i) => `@friend${i}`).join(' ');
    expect(analyze(mentions(20), 'instagram', withPhoto).findings).toEqual([]);
    expect(analyze(mentions(21), 'instagram', withPhoto).findings).toContainEqual(
      expect.objectContaining({ code: 'too_many_mentions', severity: 'error', params: { network: 'Instagram', count: 21, max: 20 } }),
    );
  });

  it('says that links in a caption are not clickable', () => {
    const result = analyze('Shop at https://example.com', 'instagram', withPhoto);
    expect(result.links).toEqual([]);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'links_not_clickable', severity: 'hint', span: { start: 8, end: 27 } }));
  });
});
