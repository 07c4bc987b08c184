import { describe, expect, it } from 'vitest';
import {
  analyze,
  MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL,
  MASTODON_DEFAULT_IMAGE_SIZE_LIMIT,
  MASTODON_DEFAULT_MAX_CHARACTERS,
  MASTODON_DEFAULT_MAX_MEDIA_ATTACHMENTS,
  MASTODON_MAX_DESCRIPTION_LENGTH,
} from '../../../common/networks';
import { graphemeCount, mastodonLength, randomText, seededRandom } from './reference';

describe('Mastodon counting', () => {
  it.each([
    ['counts every http(s) URL as 23 characters', `https://example.com/${'a'.repeat(100)}`, 23],
    ['counts two URLs as 23 each', 'https://a.example.com/x and http://b.example.org/y', 23 + 5 + 23],
    ['counts an address written without http(s) in full', 'example.com/abc', 15],
    ['counts a remote mention @user@server as @user', '@jonas@mastodon.social', 6],
    ['counts a local mention in full', 'hi @jonas', 9],
    ['counts a mention with dots and dashes in the server as @user', 'cc @a_b.c@example.co.uk!', 3 + 6 + 1],
    ['does not take a mention inside a URL', 'https://mastodon.social/@jonas@example.com', 23],
    ['counts graphemes: a family emoji is 1', '👨‍👩‍👧‍👦', 1],
    ['counts graphemes: a decomposed é is 1', 'e\u0301', 1],
  ])('%s', (_name, text, expected) => {
    expect(analyze(text, 'mastodon').length).toBe(expected);
  });

  it(`uses ${MASTODON_DEFAULT_MAX_CHARACTERS} characters and ${MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL} per URL by default`, () => {
    const result = analyze('x', 'mastodon');
    expect(result.limit).toBe(500);
    expect(analyze('https://example.com/path', 'mastodon').length).toBe(23);
  });

  it("uses the server's own max_characters and characters_reserved_per_url", () => {
    const instance = { maxCharacters: 5000, charactersReservedPerUrl: 10 };
    const result = analyze(`${'a'.repeat(600)} https://example.com/a/long/path`, 'mastodon', { instance });
    expect(result.limit).toBe(5000);
    expect(result.length).toBe(600 + 1 + 10);
    expect(result.parts).toHaveLength(1);
  });

  it('counts the content warning toward the limit', () => {
    const result = analyze('a'.repeat(495), 'mastodon', { contentWarning: 'Spoilers 🍿' });
    expect(graphemeCount('Spoilers 🍿')).toBe(10);
    expect(result.length).toBe(505);
    // The warning takes 10 of the 500: the text overflows after its 490th character.
    expect(result.overflow).toEqual({ start: 490, end: 495 });
  });

  it('repeats the content warning in every post of a thread', () => {
    const contentWarning = 'CW: long read';
    const result = analyze(`${'word '.repeat(200)}end`, 'mastodon', { contentWarning });
    expect(result.parts.length).toBeGreaterThan(1);
    for (const part of result.parts) {
      expect(part.length).toBe(mastodonLength(part.text, contentWarning));
      expect(part.length).toBeLessThanOrEqual(500);
    }
  });

  it('links only addresses written with http:// or https://', () => {
    expect(analyze('https://example.com and example.org', 'mastodon').links).toEqual([
      { start: 0, end: 19, url: 'https://example.com', displayText: 'https://example.com' },
    ]);
  });

  it('counts like the server validator on random hard text', () => {
    const random = seededRandom(500);
    for (let i = 0; i < 300; i++) {
      const text = randomText(random, 1 + Math.floor(random() * 40));
      expect(analyze(text, 'mastodon').length, JSON.stringify(text)).toBe(mastodonLength(text));
    }
  });
});

describe('Mastodon media', () => {
  const image = { bytes: 100, mime: 'image/png', altText: 'A fox' };

  it(`takes ${MASTODON_DEFAULT_MAX_MEDIA_ATTACHMENTS} attachments by default`, () => {
    expect(analyze('x', 'mastodon', { media: Array(4).fill(image) }).findings).toEqual([]);
    expect(analyze('x', 'mastodon', { media: Array(5).fill(image) }).findings).toContainEqual(
      expect.objectContaining({ code: 'too_many_media', params: { network: 'Mastodon', count: 5, max: 4 } }),
    );
  });

  it("takes the server's max_media_attachments when given", () => {
    const instance = { maxCharacters: 500, charactersReservedPerUrl: 23, maxMediaAttachments: 8 };
    expect(analyze('x', 'mastodon', { instance, media: Array(8).fill(image) }).findings).toEqual([]);
  });

  it("refuses an image over the server's image_size_limit, 16 MB by default", () => {
    const big = { ...image, bytes: MASTODON_DEFAULT_IMAGE_SIZE_LIMIT + 1 };
    expect(analyze('x', 'mastodon', { media: [{ ...image, bytes: MASTODON_DEFAULT_IMAGE_SIZE_LIMIT }] }).findings).toEqual([]);
    expect(analyze('x', 'mastodon', { media: [big] }).findings).toContainEqual(
      expect.objectContaining({ code: 'media_too_large', params: { network: 'Mastodon', index: 1, bytes: MASTODON_DEFAULT_IMAGE_SIZE_LIMIT + 1, max: MASTODON_DEFAULT_IMAGE_SIZE_LIMIT } }),
    );
    const instance = { maxCharacters: 500, charactersReservedPerUrl: 23, imageSizeLimit: 2_000_000 };
    expect(analyze('x', 'mastodon', { instance, media: [{ ...image, bytes: 2_000_001 }] }).findings).toContainEqual(
      expect.objectContaining({ code: 'media_too_large', params: { network: 'Mastodon', index: 1, bytes: 2_000_001, max: 2_000_000 } }),
    );
  });

  it(`refuses a description longer than ${MASTODON_MAX_DESCRIPTION_LENGTH} characters`, () => {
    expect(analyze('x', 'mastodon', { media: [{ ...image, altText: 'd'.repeat(1501) }] }).findings).toContainEqual(
      expect.objectContaining({ code: 'alt_text_too_long', params: { network: 'Mastodon', index: 1, length: 1501, max: 1500 } }),
    );
  });
});
