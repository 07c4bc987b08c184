/**
 * npm run soak:outbox [-- --posts 150 --kills 5 --faults 0.3 --seed 13 --minutes 30]
 *
 * Sends the posts through the outbox (a child process, killed at random moments) to a real local
 * Bluesky PDS and the Mastodon fake behind fault proxies, then counts on the servers. Exits non-zero
 * on any duplicate, missing part, stray, lost image or broken thread. See outbox-soak.ts.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SOAK, formatSoakReport, runOutboxSoak, soakPassed } from './outbox-soak';

const { values } = parseArgs({
  options: {
    posts: { type: 'string' },
    kills: { type: 'string' },
    faults: { type: 'string' },
    seed: { type: 'string' },
    minutes: { type: 'string' },
  },
});

function numberOf(flag: string, value: string | undefined, fallback: number, valid: (n: number) => boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || !valid(n)) {
    console.error(`--${flag} ${value}: not a valid value`);
    process.exit(2);
  }
  return n;
}

const options = {
  ...DEFAULT_SOAK,
  posts: numberOf('posts', values.posts ?? process.env['SOAK_POSTS'], DEFAULT_SOAK.posts, (n) => Number.isInteger(n) && n > 0),
  kills: numberOf('kills', values.kills ?? process.env['SOAK_KILLS'], DEFAULT_SOAK.kills, (n) => Number.isInteger(n) && n >= 0),
  faultRate: numberOf('faults', values.faults, DEFAULT_SOAK.faultRate, (n) => n >= 0 && n < 1),
  seed: numberOf('seed', values.seed, DEFAULT_SOAK.seed, Number.isInteger),
  deadlineMs: numberOf('minutes', values.minutes, DEFAULT_SOAK.deadlineMs / 60_000, (n) => n > 0) * 60_000,
  log: (line: string) => console.log(line),
};
const report = await runOutboxSoak(options);
console.log(formatSoakReport(report, options));
const passed = soakPassed(report) && report.kills >= options.kills;
console.log(passed ? 'PASS: every part is on its server exactly once.' : 'FAIL');
process.exit(passed ? 0 : 1);
