/**
 * What the composer pays per keystroke for the network rules (common/networks), in plain Node.
 *
 *   npx tsx test/bench/composer-node.ts
 *
 * (a) all seven networks at once (`analyzeAll`, stateless: nothing carried over between runs) on
 *     280, 3,000 and 30,000 characters of mixed text, against twitter-text's `parseTweet` alone
 *     on the same text; also the seven networks analysed one call each (`analyze`).
 * (b) re-analysis of all seven networks after a one-character edit in the middle of the 3,000
 *     character text, with the memoizing analyzer; every edit gives a text it has not seen.
 *
 * Prints median and p95 in milliseconds. Never fails: it only reports.
 */
import { performance } from 'node:perf_hooks';
import twitter from 'twitter-text';
import { analyze, analyzeAll, createAnalyzer, NETWORKS } from '../../common/networks';
import { random } from '../support/random';


const SENTENCES = [
  'Vi ses på Nørrebro i morgen, hvis vejret holder.',
  'Læs hele artiklen om grøn omstilling her: https://www.dr.dk/nyheder/indland/{n}-klima-og-fremtid',
  'Kaffen på hjørnet er blevet dyrere, men den er stadig god.',
  'The release notes are up at https://github.com/spheres/app/releases/tag/v{n}.0 — feedback welcome!',
  'Thanks @mette and @jonas@mastodon.social for the review.',
  'Ærlig talt så jeg det ikke komme. Øv!',
  '東京は今日も暑いです。明日は雨が降るそうです。',
  '我们下周在哥本哈根见面，好吗？',
  'Shipping a small fix today {e} and a bigger one next week.',
  'Hvem gider at åbne et nyt ticket for det {e}',
  'See example.org/docs/getting-started for the long version.',
  'Tre ting jeg lærte i dag: tålmodighed, kaffe og backups. #læring',
  '한국어 문장도 조금 섞어 봅니다.',
  'Weekend plans: hiking 🥾, reading 📚 and absolutely no laptops {e}',
];
const EMOJI = ['🎉', '🙂', '👍🏽', '👨‍👩‍👧‍👦', '🇩🇰', '❤️', '🚀', '☕', '😅', '🧪'];

/** Mixed text of about `length` characters, cut at a space. */
function mixedText(length: number, seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  let text = '';
  let n = 0;
  while (text.length < length) {
    const sentence = pick(SENTENCES)
      .replace('{n}', String(++n))
      .replace('{e}', pick(EMOJI));
    text += sentence + (next() < 0.2 ? '\n\n' : ' ');
  }
  const cut = text.lastIndexOf(' ', length);
  return text.slice(0, cut > 0 ? cut : length);
}

interface Figures {
  readonly median: number;
  readonly p95: number;
}

function measure(run: (i: number) => unknown, iterations: number, warmup: number): Figures {
  for (let i = 0; i < warmup; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    run(warmup + i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]! };
}

const ms = (x: number): string => x.toFixed(3).padStart(8);
const ratio = (x: number): string => `${x.toFixed(2)}×`.padStart(7);

function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

console.log(`Spheres composer benchmark: Node ${process.version}, ${new Date().toISOString()}\n`);

console.log('(a) one analysis of all seven networks vs twitter-text parseTweet alone (ms)\n');
const rowsA: string[][] = [];
for (const size of [280, 3_000, 30_000]) {
  const text = mixedText(size, size);
  const iterations = size >= 30_000 ? 200 : 2000;
  const warmup = size >= 30_000 ? 30 : 200;
  const tweet = measure(() => twitter.parseTweet(text), iterations, warmup);
  const all = measure(() => analyzeAll(text), iterations, warmup);
  const separate = measure(() => NETWORKS.map((network) => analyze(text, network)), iterations, warmup);
  rowsA.push([
    String(text.length),
    ms(tweet.median),
    ms(tweet.p95),
    ms(all.median),
    ms(all.p95),
    ratio(all.median / tweet.median),
    ratio(all.p95 / tweet.p95),
    ms(separate.median),
    ms(separate.p95),
  ]);
}
table(
  ['chars', 'parseTweet med', 'p95', 'analyzeAll med', 'p95', 'ratio med', 'ratio p95', '7× analyze med', 'p95'],
  rowsA,
);
console.log('\nTarget: analyzeAll within 1.5× parseTweet on 3,000 characters.\n');

console.log('(b) re-analysis after a one-character edit in the middle of 3,000 characters (ms)\n');
const base = mixedText(3_000, 3_000);
const middle = Math.floor(base.length / 2);
const letters = [...'abcdefghijklmnopqrstuvwxyzæøåéüßñ'];
/** The i-th edit: a different letter at one of 64 positions around the middle, never the same text twice. */
const edited = (i: number): string => {
  const at = middle + (i % 64);
  return base.slice(0, at) + letters[Math.floor(i / 64) % letters.length]! + base.slice(at + 1);
};
const analyzer = createAnalyzer();
analyzer.analyzeAll(base);
const edit = measure((i) => analyzer.analyzeAll(edited(i)), 1500, 300);
const editOne = measure((i) => analyzer.analyze(edited(i), 'x'), 1500, 300);
const cold = measure(() => createAnalyzer().analyzeAll(base), 300, 50);
table(
  ['case', 'median', 'p95'],
  [
    ['all seven networks, after an edit', ms(edit.median), ms(edit.p95)],
    ['X only, after an edit', ms(editOne.median), ms(editOne.p95)],
    ['all seven, fresh analyzer (no memo)', ms(cold.median), ms(cold.p95)],
  ],
);
console.log('\nTarget: under 0.3 ms after a one-character edit.');
