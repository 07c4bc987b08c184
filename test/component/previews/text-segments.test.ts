import { describe, expect, it } from 'vitest';
import { analyze } from '../../../common/networks';
import { buildSegments, collectEntities } from '../../../renderer/src/ui/previews/text-segments';

function shown(text: string, network: 'x' | 'bluesky' | 'threads' = 'x', marks = {}) {
  const entities = collectEntities(text, analyze(text, network).links);
  return buildSegments(text, entities, 0, text.length, marks).map((s) => [s.kind, s.text, s.below, s.over] as const);
}

describe('text segments', () => {
  it('splits a text into plain runs, links, mentions and hashtags in order', () => {
    expect(shown('Hi @ada, see example.com #now')).toEqual([
      ['text', 'Hi ', false, false],
      ['mention', '@ada', false, false],
      ['text', ', see ', false, false],
      ['link', 'example.com', false, false],
      ['text', ' ', false, false],
      ['hashtag', '#now', false, false],
    ]);
  });

  it('keeps a hashtag inside a link part of the link', () => {
    expect(shown('https://example.com/#top').map(([kind]) => kind)).toEqual(['link']);
  });

  it('cuts a hashtag where the overflow starts', () => {
    expect(shown('ab #tag', 'x', { overflow: 5 })).toEqual([
      ['text', 'ab ', false, false],
      ['hashtag', '#t', false, false],
      ['hashtag', 'ag', false, true],
    ]);
  });

  it('marks what is below the fold and past the limit', () => {
    expect(shown('one two three', 'x', { fold: 4, overflow: 8 })).toEqual([
      ['text', 'one ', false, false],
      ['text', 'two ', true, false],
      ['text', 'three', true, true],
    ]);
  });

  it('shows a Bluesky link by its short text and never cuts it', () => {
    const text = 'see https://example.com/a/very/long/path/indeed';
    expect(shown(text, 'bluesky', { fold: 20 })).toEqual([
      ['text', 'see ', false, false],
      ['link', 'example.com/a/very/long/...', false, false],
    ]);
  });

  it('leaves hashtags after the first plain on Threads', () => {
    const text = '#one #two';
    const entities = collectEntities(text, []);
    expect(buildSegments(text, entities, 0, text.length, { maxHashtags: 1 }).map((s) => s.kind)).toEqual(['hashtag', 'text', 'text']);
  });

  it('gives the segments of one range of the text', () => {
    const text = '#a first part. #b second part.';
    const entities = collectEntities(text, []);
    expect(buildSegments(text, entities, 15, text.length).map((s) => s.text)).toEqual(['#b', ' second part.']);
  });
});
