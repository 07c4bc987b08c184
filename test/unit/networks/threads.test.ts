import { describe, expect, it } from 'vitest';
import { analyze, THREADS_MAX_CHARACTERS, THREADS_MAX_LINKS, THREADS_MAX_MEDIA } from '../../../common/networks';
import { randomText, seededRandom, threadsLength } from './reference';

describe('Threads counting', () => {
  it.each([
    ['an emoji as its 4 UTF-8 bytes', '🎉', 4],
    ['a red heart with its variation selector as 6 bytes', '❤️', 6],
    ['a family emoji as its 25 bytes', '👨‍👩‍👧‍👦', 25],
    ['a flag as 8 bytes', '🇩🇰', 8],
    ['other characters one each', 'æøå今日', 5],
    ['a text-style © as 1', '©', 1],
    ['a URL in full', 'https://example.com', 19],
  ])('counts %s', (_name, text, expected) => {
    expect(analyze(text, 'threads').length).toBe(expected);
  });

  it('counts as the documentation says on random hard text', () => {
    const random = seededRandom(501);
    for (let i = 0; i < 300; i++) {
      const text = randomText(random, 1 + Math.floor(random() * 40));
      expect(analyze(text, 'threads').length, JSON.stringify(text)).toBe(threadsLength(text));
    }
  });

  it(`fits ${THREADS_MAX_CHARACTERS} characters in a post and threads the rest`, () => {
    expect(analyze('a'.repeat(500), 'threads').parts).toHaveLength(1);
    const emoji = analyze(`${'🎉 '.repeat(100)}`, 'threads');
    expect(emoji.length).toBe(100 * 5);
    expect(analyze(`${'🎉 '.repeat(101)}`, 'threads').parts).toHaveLength(2);
  });
});

describe('Threads links and topics', () => {
  const links = (n: number): string => Array.from({ length: n }, (_, i) => `https://example.com/${i}`).join(' ');

  it(`takes ${THREADS_MAX_LINKS} links and refuses a sixth, marking it`, () => {
    expect(analyze(links(5), 'threads').findings).toEqual([]);
    const result = analyze(links(6), 'threads');
    const sixth = links(6).lastIndexOf('https://');
    expect(result.findings).toContainEqual(
      expect.objectContaining({ code: 'too_many_links', severity: 'error', span: { start: sixth, end: links(6).length }, params: { network: 'Threads', max: 5 } }),
    );
  });

  it('counts the same link twice as one', () => {
    expect(analyze(Array(6).fill('https://example.com').join(' '), 'threads').findings).toEqual([]);
  });

  it('checks the link limit per post of a thread', () => {
    const text = `${links(5)} ${'filler '.repeat(80)}${links(5)}`;
    const result = analyze(text, 'threads');
    expect(result.parts.length).toBe(2);
    expect(result.findings.some((f) => f.code === 'too_many_links')).toBe(false);
  });

  it('warns that only the first hashtag becomes the topic', () => {
    const result = analyze('Gone #sailing with #friends', 'threads');
    expect(result.findings).toContainEqual(
      expect.objectContaining({ code: 'too_many_hashtags', severity: 'warning', span: { start: 19, end: 27 }, params: { network: 'Threads', count: 2, max: 1 } }),
    );
    expect(analyze('Gone #sailing', 'threads').findings).toEqual([]);
  });

  it(`takes a carousel of ${THREADS_MAX_MEDIA}`, () => {
    const item = { bytes: 1, mime: 'image/jpeg' };
    expect(analyze('x', 'threads', { media: Array(20).fill(item) }).findings).toEqual([]);
    expect(analyze('x', 'threads', { media: Array(21).fill(item) }).findings).toContainEqual(expect.objectContaining({ code: 'too_many_media' }));
  });
});
