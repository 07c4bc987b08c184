import { expect, test } from 'vitest';
import { DEFAULT_SOAK, formatSoakReport, runOutboxSoak } from '../../bench/outbox-soak';

/**
 * The CI size of `npm run soak:outbox`: 150 posts to all six networks (a real local Bluesky PDS, and
 * the loopback fakes of Mastodon, X, LinkedIn, Threads and Instagram written from their API docs, the
 * Meta two with a local S3 server as media host), about 30% of requests spoiled by the fault
 * proxies, the outbox process SIGKILLed 5 times. Counted on the servers, not in the outbox's files.
 */
test('every part of 150 posts reaches each of the six networks exactly once through faults and 5 kills of the outbox process (loopback fakes but Bluesky)', { timeout: 16 * 60_000 }, async () => {
  const options = { ...DEFAULT_SOAK, posts: 150, kills: 5, deadlineMs: 14 * 60_000 };
  const report = await runOutboxSoak(options);
  console.log(formatSoakReport(report, options));

  expect(report.kills).toBe(5);
  expect(report.duplicates).toStrictEqual([]);
  expect(report.missing).toStrictEqual([]);
  expect(report.strays).toStrictEqual([]);
  expect(report.imagesMissing).toBe(0);
  // An image is named in its part's intent before its container is asked for, and removed at the next
  // start if its process died; only a kill between an upload's answer and that write leaves one, for
  // the start-up sweep of old images. At most one per kill, then.
  expect(report.imagesLeftOnMediaHosts).toBeLessThanOrEqual(report.kills);
  expect(Object.keys(report.perNetwork).sort()).toStrictEqual(['bluesky', 'instagram', 'linkedin', 'mastodon', 'threads', 'x']);
  for (const tally of Object.values(report.perNetwork)) expect(tally.published).toBe(tally.parts);
  expect(report.threadBreaks).toBe(0);
  // Every fault kind was met, so the run tested what it claims.
  expect(Object.keys(report.faults).filter((kind) => !kind.startsWith('status')).sort()).toStrictEqual(['drop_response', 'hang', 'rate_limit', 'reset', 'slow']);
  // Nothing given up on either: with a short backoff and many attempts, every part got through.
  expect(report.failedPermanent).toStrictEqual([]);
  expect(report.published).toBe(report.parts);
});
