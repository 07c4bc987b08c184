import { describe, expect, it } from 'vitest';
import { analyze, analyzeAll, createAnalyzer, isNetworkId, NETWORK_INFO, NETWORKS } from '../../../common/networks';
import { randomText, seededRandom } from './reference';

describe('network registry', () => {
  it('lists the seven networks in the composer order', () => {
    expect(NETWORKS).toEqual(['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram', 'facebook']);
    expect(Object.isFrozen(NETWORKS)).toBe(true);
  });

  it.each([
    ['x', 'X', 280, true],
    ['bluesky', 'Bluesky', 300, true],
    ['mastodon', 'Mastodon', 500, true],
    ['threads', 'Threads', 500, true],
    ['linkedin', 'LinkedIn', 3000, false],
    ['instagram', 'Instagram', 2200, false],
    ['facebook', 'Facebook', 63_206, false],
  ] as const)('names %s "%s" with a limit of %i (threads: %s)', (id, name, limit, threads) => {
    expect(NETWORK_INFO[id]).toMatchObject({ id, name, limit, threads });
  });

  it('tells a network id from any other string', () => {
    expect(isNetworkId('mastodon')).toBe(true);
    expect(isNetworkId('myspace')).toBe(false);
  });
});

describe('analyzing', () => {
  it('gives one empty post for an empty text', () => {
    const result = analyze('', 'bluesky');
    expect(result.parts).toEqual([{ text: '', start: 0, end: 0, length: 0 }]);
    expect(result.findings.map((f) => f.code)).toEqual(['empty']);
  });

  it('gives the same answers for all networks at once as one network at a time', () => {
    const text = 'Hej @ola, se https://example.com/a/b/c/d/e/f 🎉 #spheres\n---\nDel to 今日は';
    const all = analyzeAll(text, { thread: { numbering: true } });
    for (const network of NETWORKS) expect(all[network]).toEqual(analyze(text, network, { thread: { numbering: true } }));
  });

  it('remembers pieces between calls and still answers like a fresh analysis after every edit', () => {
    const analyzer = createAnalyzer({ cacheSize: 16 });
    const random = seededRandom(42);
    let text = randomText(random, 300);
    for (let edit = 0; edit < 150; edit++) {
      const at = Math.floor(random() * (text.length + 1));
      const r = random();
      const insert = r < 0.5 ? randomText(random, 1).trim() : r < 0.7 ? ' ' : r < 0.8 ? '\n' : '';
      const remove = r >= 0.8 ? Math.floor(random() * 5) : 0;
      text = text.slice(0, at) + insert + text.slice(at + remove);
      const options = { thread: { numbering: edit % 2 === 0 }, contentWarning: edit % 3 === 0 ? 'cw' : undefined };
      expect(analyzer.analyzeAll(text, options), `edit ${edit}`).toEqual(analyzeAll(text, options));
    }
  });

  it('answers for one network from the memo as it would fresh', () => {
    const analyzer = createAnalyzer();
    const text = 'Vi ses på Nørrebro i morgen. '.repeat(40);
    analyzer.analyzeAll(text);
    expect(analyzer.analyze(`${text}!`, 'x')).toEqual(analyze(`${text}!`, 'x'));
  });
});
