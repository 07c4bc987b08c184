import { describe, expect, it } from 'vitest';
import { analyze, FACEBOOK_MAX_CHARACTERS, FACEBOOK_MAX_PHOTOS } from '../../../common/networks';

describe('Facebook', () => {
  it(`fits ${FACEBOOK_MAX_CHARACTERS} characters and refuses one more`, () => {
    expect(analyze('a'.repeat(63_206), 'facebook').findings).toEqual([]);
    const over = analyze('a'.repeat(63_207), 'facebook');
    expect(over.overflow).toEqual({ start: 63_206, end: 63_207 });
    expect(over.findings).toContainEqual(
      expect.objectContaining({ code: 'over_limit', message: expect.stringContaining('63,207 characters long, 1 over'), params: expect.objectContaining({ limit: 63_206 }) }),
    );
  });

  it(`takes ${FACEBOOK_MAX_PHOTOS} photos`, () => {
    const photo = { bytes: 1, mime: 'image/jpeg' };
    expect(analyze('x', 'facebook', { media: Array(10).fill(photo) }).findings).toEqual([]);
    expect(analyze('x', 'facebook', { media: Array(11).fill(photo) }).findings).toContainEqual(
      expect.objectContaining({ code: 'too_many_media', params: { network: 'Facebook', count: 11, max: 10 } }),
    );
  });

  it('shows links as written', () => {
    expect(analyze('Visit https://example.com/x', 'facebook').links).toEqual([
      { start: 6, end: 27, url: 'https://example.com/x', displayText: 'https://example.com/x' },
    ]);
  });
});
