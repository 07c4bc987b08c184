import { describe, expect, it } from 'vitest';
import {
  analyze,
  BLUESKY_MAX_BYTES,
  BLUESKY_MAX_GRAPHEMES,
  BLUESKY_MAX_IMAGE_BYTES,
  BLUESKY_MAX_IMAGES,
  blueskyLinkDisplayText,
} from '../../../common/networks';
import { blueskyCounts, randomText, seededRandom, utf8Bytes } from './reference';

/** social-app's toShortUrl, with the WHATWG URL of Node, to check ours against. */
function officialShortUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return url;
    const path = (u.pathname === '/' ? '' : u.pathname) + u.search + u.hash;
    return path.length > 15 ? u.host + path.slice(0, 13) + '...' : u.host + path;
  } catch {
    return url;
  }
}

describe('Bluesky counting', () => {
  it.each([
    ['a family emoji as 1 grapheme and 25 bytes', '👨‍👩‍👧‍👦', 1, 25],
    ['a decomposed é as 1 grapheme and 3 bytes', 'e\u0301', 1, 3],
    ['a flag as 1 grapheme and 8 bytes', '🇩🇰', 1, 8],
    ['æ, ø and å as 1 grapheme and 2 bytes each', 'æøå', 3, 6],
    ['CJK as 1 grapheme and 3 bytes each', '今日は', 3, 9],
    ['Hebrew with points per letter', 'שָׁלוֹם', 4, 14],
  ])('counts %s', (_name, text, graphemes, bytes) => {
    const result = analyze(text, 'bluesky');
    expect(result.length).toBe(graphemes);
    expect(result.bytes).toBe(bytes);
    expect(result.byteLimit).toBe(BLUESKY_MAX_BYTES);
  });

  it('counts a long link as the short text the app publishes in its place', () => {
    const result = analyze('Read https://example.com/a/very/long/path/that/goes/on', 'bluesky');
    expect(result.links).toEqual([
      { start: 5, end: 54, url: 'https://example.com/a/very/long/path/that/goes/on', displayText: 'example.com/a/very/long/...' },
    ]);
    expect(result.length).toBe('Read '.length + 'example.com/a/very/long/...'.length);
  });

  it('links an address written without a scheme, as https', () => {
    expect(analyze('see example.org/docs', 'bluesky').links).toEqual([
      { start: 4, end: 20, url: 'https://example.org/docs', displayText: 'example.org/docs' },
    ]);
  });

  it('counts graphemes and bytes of the published text on random hard text', () => {
    const random = seededRandom(300);
    for (let i = 0; i < 300; i++) {
      const text = randomText(random, 1 + Math.floor(random() * 40));
      const result = analyze(text, 'bluesky');
      expect({ graphemes: result.length, bytes: result.bytes }, JSON.stringify(text)).toEqual(blueskyCounts(text));
    }
  });
});

describe('Bluesky link display text', () => {
  it.each([
    ['https://example.com', 'example.com'],
    ['https://example.com/', 'example.com'],
    ['https://example.com/short', 'example.com/short'],
    ['https://example.com/exactly15char', 'example.com/exactly15char'],
    ['https://example.com/a/very/long/path', 'example.com/a/very/long/...'],
    ['https://www.example.com/?q=1', 'www.example.com?q=1'],
    ['https://example.com/#top', 'example.com#top'],
    ['HTTPS://Example.COM:443/Path', 'example.com/Path'],
    ['http://example.com:80/', 'example.com'],
    ['http://example.com:8080/x', 'example.com:8080/x'],
    ['https://user:pw@example.com/x', 'example.com/x'],
    ['https://bücher.de/straße', 'xn--bcher-kva.de/stra%C3%9Fe'],
    ['https://例え.jp/テスト', 'xn--r8jz45g.jp/%E3%83%86%E3...'],
    ['https://example.com/a b', 'example.com/a%20b'],
    ['https://example.com/?q="x"', 'example.com?q=%22x%22'],
    ['ftp://example.com/file', 'ftp://example.com/file'],
  ])('shows %s as %s, like the official app', (url, shown) => {
    expect(blueskyLinkDisplayText(url)).toBe(shown);
    expect(blueskyLinkDisplayText(url)).toBe(officialShortUrl(url));
  });
});

describe('Bluesky limits', () => {
  it(`fits ${BLUESKY_MAX_GRAPHEMES} graphemes in one post and threads the 301st`, () => {
    expect(analyze('a'.repeat(300), 'bluesky').parts).toHaveLength(1);
    const over = analyze(`${'word '.repeat(60)}end`, 'bluesky');
    expect(over.length).toBe(303);
    expect(over.overflow).toEqual({ start: 300, end: 303 });
    expect(over.parts.length).toBe(2);
  });

  it(`threads a text over ${BLUESKY_MAX_BYTES} bytes even under 300 graphemes`, () => {
    const text = Array(130).fill('👨‍👩‍👧‍👦').join(' ');
    const result = analyze(text, 'bluesky');
    expect(result.length).toBeLessThanOrEqual(BLUESKY_MAX_GRAPHEMES);
    expect(result.bytes).toBeGreaterThan(BLUESKY_MAX_BYTES);
    expect(result.overflow?.start).toBeGreaterThan(0);
    expect(result.parts.length).toBe(2);
    for (const part of result.parts) expect(utf8Bytes(part.text)).toBeLessThanOrEqual(BLUESKY_MAX_BYTES);
  });

  it(`takes ${BLUESKY_MAX_IMAGES} images of at most ${BLUESKY_MAX_IMAGE_BYTES} bytes, and warns that a larger one will be scaled down (not refused)`, () => {
    const image = { bytes: BLUESKY_MAX_IMAGE_BYTES, mime: 'image/jpeg', altText: 'A boat' };
    expect(analyze('pics', 'bluesky', { media: Array(4).fill(image) }).findings).toEqual([]);
    const findings = analyze('pics', 'bluesky', { media: [...Array(4).fill(image), { ...image, bytes: BLUESKY_MAX_IMAGE_BYTES + 1 }] }).findings;
    expect(findings).toContainEqual(expect.objectContaining({ code: 'too_many_media', params: { network: 'Bluesky', count: 5, max: 4 } }));
    expect(findings).toContainEqual(
      expect.objectContaining({ code: 'media_will_shrink', severity: 'warning', params: { network: 'Bluesky', index: 5, bytes: 2_000_001, max: 2_000_000 } }),
    );
    expect(findings.map((finding) => finding.code)).not.toContain('media_too_large');
  });
});
