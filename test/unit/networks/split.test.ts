import twitter from 'twitter-text';
import { describe, expect, it } from 'vitest';
import type { NetworkId, PostPart } from '../../../common/networks';
import { analyze } from '../../../common/networks';
import { blueskyCounts, mastodonLength, randomText, seededRandom, threadsLength, xLength } from './reference';

type ThreadingNetwork = Extract<NetworkId, 'x' | 'bluesky' | 'mastodon' | 'threads'>;

/** Each network's own counter, applied to a post's text alone, and whether the post fits. */
const COUNTERS: Record<ThreadingNetwork, { length: (text: string) => number; fits: (text: string) => boolean }> = {
  x: { length: xLength, fits: (t) => xLength(t) <= 280 },
  bluesky: {
    length: (t) => blueskyCounts(t).graphemes,
    fits: (t) => {
      const c = blueskyCounts(t);
      return c.graphemes <= 300 && c.bytes <= 3000;
    },
  },
  mastodon: { length: (t) => mastodonLength(t), fits: (t) => mastodonLength(t) <= 500 },
  threads: { length: threadsLength, fits: (t) => threadsLength(t) <= 500 },
};
const THREADING = Object.keys(COUNTERS) as ThreadingNetwork[];

const sentence = (i: number): string => `Sentence number ${i} says something about the weather in Aarhus today.`;

/** The body of a part: its text without " k/n" numbering. */
const body = (part: PostPart): string => part.text.slice(0, part.end - part.start);

describe('thread splitting', () => {
  it('splits at the last sentence end that keeps a post at least half full', () => {
    const text = Array.from({ length: 8 }, (_, i) => sentence(i)).join(' ');
    const [first] = analyze(text, 'x').parts;
    expect(body(first!)).toMatch(/today\.$/);
    expect(first!.length).toBeGreaterThan(140);
  });

  it('prefers a paragraph break when one keeps the post half full', () => {
    const text = `${'A short opening line that goes on for a while. '.repeat(4)}\n\n${'More words here, '.repeat(20)}`;
    expect(body(analyze(text, 'x').parts[0]!)).toMatch(/a while\.$/);
  });

  it('splits between words when a sentence is longer than a post', () => {
    const text = 'word '.repeat(100).trim();
    const parts = analyze(text, 'x').parts;
    expect(parts.length).toBe(2);
    for (const part of parts) expect(body(part)).toMatch(/^word( word)*$/);
  });

  it('never cuts inside a URL, @mention or #hashtag', () => {
    const text = `${'a '.repeat(135)}https://example.com/long/path @someone@mastodon.social #hashtagged ${'b '.repeat(200)}`;
    for (const network of THREADING) {
      for (const part of analyze(text, network).parts) {
        const words = body(part).split(/\s+/);
        for (const entity of ['https://example.com/long/path', '@someone@mastodon.social', '#hashtagged']) {
          expect(words.some((w) => entity.startsWith(w) && w !== entity && w.length > 0)).toBe(false);
        }
      }
    }
  });

  it('counts " 1/3" numbering in each post and keeps every post under the limit', () => {
    const text = 'word '.repeat(150);
    const result = analyze(text, 'x', { thread: { numbering: true } });
    expect(result.parts.map((p) => p.text.slice(p.end - p.start))).toEqual([' 1/3', ' 2/3', ' 3/3']);
    for (const part of result.parts) {
      expect(part.length).toBe(xLength(part.text));
      expect(part.length).toBeLessThanOrEqual(280);
    }
  });

  it('numbers with two digits when the thread has ten posts or more', () => {
    const result = analyze('word '.repeat(700), 'x', { thread: { numbering: true } });
    expect(result.parts.length).toBeGreaterThanOrEqual(10);
    const last = result.parts[result.parts.length - 1]!;
    expect(last.text.endsWith(` ${result.parts.length}/${result.parts.length}`)).toBe(true);
    for (const part of result.parts) expect(xLength(part.text)).toBeLessThanOrEqual(280);
  });

  it('does not number a post that fits alone', () => {
    expect(analyze('Short.', 'x', { thread: { numbering: true } }).parts).toEqual([{ text: 'Short.', start: 0, end: 6, length: 6 }]);
  });

  it('always splits at a line holding only ---, even when the text fits', () => {
    const text = 'First post.\n---\nSecond post.\n  ---  \nThird.';
    const parts = analyze(text, 'x').parts;
    expect(parts.map((p) => p.text)).toEqual(['First post.', 'Second post.', 'Third.']);
    expect(parts.map((p) => text.slice(p.start, p.end))).toEqual(['First post.', 'Second post.', 'Third.']);
  });

  it('does not take --- inside a line for a split marker', () => {
    expect(analyze('Before --- after', 'x').parts).toHaveLength(1);
    expect(analyze('----\nmore', 'x').parts).toHaveLength(1);
  });

  it('drops empty posts around split markers', () => {
    expect(analyze('---\nOnly post\n---\n\n---\n', 'bluesky').parts.map((p) => p.text)).toEqual(['Only post']);
  });

  it('cuts a word longer than a post between graphemes and says so', () => {
    const word = '👨‍👩‍👧‍👦'.repeat(200);
    const result = analyze(`Look: ${word} wow`, 'x');
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'token_split', severity: 'warning', span: { start: 6, end: 6 + word.length } }));
    for (const part of result.parts) {
      expect(xLength(part.text)).toBeLessThanOrEqual(280);
      expect(part.text.startsWith('\u200d')).toBe(false); // never inside a family emoji
    }
  });

  it('cuts a link longer than a Threads post, where links count in full', () => {
    const url = `https://example.com/${'x'.repeat(700)}`;
    const result = analyze(url, 'threads');
    expect(result.parts.length).toBe(2);
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'token_split' }));
    for (const part of result.parts) expect(threadsLength(part.text)).toBeLessThanOrEqual(500);
  });

  it('counts a link that starts a post the way the network reads it at the start of a post', () => {
    // twitter-text reads "ürl.dk" after a space as one link, at the start of a text as "ü" and "rl.dk".
    const text = `${'a '.repeat(139)}üexample.dk ${'b '.repeat(130)}`;
    const parts = analyze(text, 'x').parts;
    for (const part of parts) expect(part.length).toBe(twitter.parseTweet(part.text).weightedLength);
  });

  it.each(THREADING)('keeps every %s post under its limits on random hard text', (network) => {
    const random = seededRandom(network.length * 1000 + 7);
    const counter = COUNTERS[network];
    for (let i = 0; i < 60; i++) {
      const text = randomText(random, 40 + Math.floor(random() * 250));
      const numbering = random() < 0.5;
      const result = analyze(text, network, { thread: { numbering } });
      let previousEnd = 0;
      for (const part of result.parts) {
        const context = `${network} ${JSON.stringify(part.text).slice(0, 200)}`;
        expect(counter.fits(part.text), context).toBe(true);
        expect(part.length, context).toBe(counter.length(part.text));
        expect(body(part), context).toBe(text.slice(part.start, part.end));
        expect(part.start, context).toBeGreaterThanOrEqual(previousEnd);
        // Between two posts only spaces and split markers are left out.
        expect(text.slice(previousEnd, part.start).replace(/^[ \t]*---[ \t]*\r?$/gm, '').trim(), context).toBe('');
        previousEnd = part.end;
      }
      expect(text.slice(previousEnd).replace(/^[ \t]*---[ \t]*\r?$/gm, '').trim()).toBe('');
    }
  });

  it('refuses a Mastodon post whose content warning alone is longer than a post, instead of a thread of 5 over-long posts', () => {
    const result = analyze('short', 'mastodon', { contentWarning: 'w'.repeat(520) });
    expect(result.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'fixed_text_too_long', params: expect.objectContaining({ fixed: 520, limit: 500 }) }),
    );
    expect(result.findings.map((f) => f.code)).not.toContain('thread');
    expect(result.parts).toEqual([{ text: 'short', start: 0, end: 5, length: 525, overflowStart: 0 }]);
  });

  it('refuses a thread of one-character posts when the content warning leaves too little room', () => {
    const result = analyze('0123456789', 'mastodon', { contentWarning: 'w'.repeat(499) });
    expect(result.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'thread_room_too_small', params: expect.objectContaining({ room: 1, minimum: 20 }) }),
    );
    expect(result.parts).toHaveLength(1);
  });

  it('counts thread numbering against the room a post leaves for text', () => {
    // 500 - 478 = 22 characters of room, less " 1/2" numbering: 18, below the 20 a post should carry.
    const text = 'word '.repeat(10).trim();
    expect(analyze(text, 'mastodon', { contentWarning: 'w'.repeat(478) }).findings.map((f) => f.code)).toContain('thread');
    expect(analyze(text, 'mastodon', { contentWarning: 'w'.repeat(478), thread: { numbering: true } }).findings.map((f) => f.code)).toContain(
      'thread_room_too_small',
    );
  });

  it('keeps a manual --- thread whose posts each fit beside a long content warning', () => {
    const result = analyze('First.\n---\nSecond.', 'mastodon', { contentWarning: 'w'.repeat(490) });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.parts.map((p) => p.text)).toEqual(['First.', 'Second.']);
  });

  it('repeats a Mastodon content warning in every post and counts it', () => {
    const contentWarning = 'Long 🧵';
    const result = analyze('word '.repeat(300), 'mastodon', { contentWarning, thread: { numbering: true } });
    for (const part of result.parts) expect(mastodonLength(part.text, contentWarning)).toBeLessThanOrEqual(500);
  });
});
