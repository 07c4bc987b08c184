/**
 * Outbox benchmark.
 *
 *   npx tsx test/bench/outbox.ts            (npm run bench:outbox)
 *   OUTBOX_BENCH_POSTS=200 OUTBOX_BENCH_MEMORY_POSTS=2000 npx tsx test/bench/outbox.ts
 *
 * 1. Overhead per post, network excluded: enqueue and send through the engine to an in-process
 *    publisher that answers at once, on the real disk (each send appends its intent to the outbox
 *    journal twice: the key fsync'd before the request, the outcome after it without fsync).
 *    Measured for one post sent on its own (send awaited until its outcome is on disk) and for a
 *    queue of posts sent one after another (sendDue: the gap between one post's request and the next's).
 * 2. Posts to the real local PDS (@atproto/dev-env on 127.0.0.1): through the outbox vs the same
 *    createRecord calls made directly with @atproto/api, in the same run, alternating batches.
 * 3. Memory over 10,000 published posts: resident set size after the first 1,000 and after the last.
 * Targets (issue 13): overhead median < 2 ms; PDS wall-time ratio <= 1.15 (500 posts); RSS growth
 * < 50 MB. Prints figures; never fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import { TID } from '@atproto/common-web';
import { BlueskyPublisher, OutboxEngine, type Publisher } from '../../electron/core/outbox';
import { nodeStorageFs } from '../../electron/core/storage';
import { startBlueskyDevEnv } from '../support/bluesky-dev-env';

const OVERHEAD_POSTS = 300;
const PDS_POSTS = Number(process.env['OUTBOX_BENCH_POSTS'] ?? 500);
const MEMORY_POSTS = Number(process.env['OUTBOX_BENCH_MEMORY_POSTS'] ?? 10_000);
const BATCH = 25;

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
const ms = (value: number) => `${value.toFixed(2)} ms`;

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'spheres-bench-outbox-'));
}

/** A network that takes every post at once: what is left is the outbox's own work. */
const instant: Publisher = {
  network: 'bluesky',
  newKey: () => TID.nextStr(),
  sendPart: async (request) => ({ id: `at://did:plc:bench/app.bsky.feed.post/${request.key}`, cid: 'bafy' }),
  findPart: async () => null,
};

async function overhead(): Promise<void> {
  const dataDir = tempDir();
  try {
    const engine = new OutboxEngine({
      fs: nodeStorageFs,
      dataDir,
      now: () => new Date(),
      random: Math.random,
      publishers: { bluesky: instant },
      credentials: { credentialsFor: async () => ({ accessToken: 'bench' }) },
    });
    await engine.open();
    const enqueue: number[] = [];
    const send: number[] = [];
    for (let n = 0; n < OVERHEAD_POSTS; n++) {
      let started = performance.now();
      const intent = await engine.enqueue({ postId: `bench-${String(n).padStart(6, '0')}`, target: { network: 'bluesky', accountId: 'bluesky:did:plc:bench' }, parts: [`Post number ${n}`] });
      enqueue.push(performance.now() - started);
      started = performance.now();
      await engine.send(intent.id);
      send.push(performance.now() - started);
    }
    console.log(`Outbox overhead per post, network excluded (${OVERHEAD_POSTS} posts, real disk, journal appends, the durable ones fsync'd):`);
    console.log(`  send (intent before + outcome after): median ${ms(quantile(send, 0.5))}, p95 ${ms(quantile(send, 0.95))}`);
    console.log(`  enqueue (one write):                  median ${ms(quantile(enqueue, 0.5))}, p95 ${ms(quantile(enqueue, 0.95))}`);
    await engine.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function instantEngine(dataDir: string, publisher: Publisher = instant): OutboxEngine {
  return new OutboxEngine({
    fs: nodeStorageFs,
    dataDir,
    now: () => new Date(),
    random: Math.random,
    publishers: { bluesky: publisher },
    credentials: { credentialsFor: async () => ({ accessToken: 'bench' }) },
  });
}

/** A queue of posts sent one after another (one account): the gap between two requests is the outbox's. */
async function queueOverhead(): Promise<void> {
  const dataDir = tempDir();
  try {
    const sentAt: number[] = [];
    const engine = instantEngine(dataDir, { ...instant, sendPart: async (request) => (sentAt.push(performance.now()), instant.sendPart(request)) });
    await engine.open();
    for (let n = 0; n < OVERHEAD_POSTS; n++) {
      await engine.enqueue({ postId: `queue-${String(n).padStart(6, '0')}`, target: { network: 'bluesky', accountId: 'bluesky:did:plc:bench' }, parts: [`Post number ${n}`] });
    }
    const started = performance.now();
    const sent = await engine.sendDue();
    const total = performance.now() - started;
    if (sent.some((intent) => intent.state !== 'published')) throw new Error('a queued post was not published');
    const gaps = sentAt.slice(1).map((at, n) => at - sentAt[n]!);
    console.log(`  a queue of ${OVERHEAD_POSTS} (sendDue, one account): per post median ${ms(quantile(gaps, 0.5))}, p95 ${ms(quantile(gaps, 0.95))}; ${ms(total / OVERHEAD_POSTS)} per post over the whole queue (last outcome on disk)`);
    await engine.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Resident memory over many published posts: the engine keeps every intent it knows in memory. */
async function memory(): Promise<void> {
  const dataDir = tempDir();
  try {
    const engine = instantEngine(dataDir);
    await engine.open();
    let warm = 0;
    const started = performance.now();
    for (let n = 0; n < MEMORY_POSTS; n++) {
      const intent = await engine.enqueue({ postId: `memory-${String(n).padStart(6, '0')}`, target: { network: 'bluesky', accountId: 'bluesky:did:plc:bench' }, parts: [`Post number ${n} with a little more text, as a real post would have #bench https://example.com/${n}`] });
      if ((await engine.send(intent.id)).state !== 'published') throw new Error(`post ${n} was not published`);
      if (n === Math.min(999, MEMORY_POSTS - 1)) warm = process.memoryUsage().rss;
    }
    const end = process.memoryUsage().rss;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(`\nMemory over ${MEMORY_POSTS} published posts (${((performance.now() - started) / 1000).toFixed(1)} s): RSS after 1,000 ${mb(warm)}, after ${MEMORY_POSTS} ${mb(end)}, growth ${mb(end - warm)} (target < 50 MB)`);
    await engine.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function againstPds(): Promise<void> {
  const bluesky = await startBlueskyDevEnv();
  const dataDir = tempDir();
  try {
    const direct = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
    const session = await direct.login({ identifier: bluesky.handle, password: bluesky.appPassword });
    const credentials = { accessToken: session.data.accessJwt, extra: { did: session.data.did, handle: session.data.handle, service: bluesky.pdsLoopbackUrl } };
    const engine = new OutboxEngine({
      fs: nodeStorageFs,
      dataDir,
      now: () => new Date(),
      random: Math.random,
      // The direct createRecord calls fetch no link card either: the card's page is network wait, not outbox overhead.
      publishers: { bluesky: new BlueskyPublisher({ now: () => new Date(), cardFetch: async () => new Response('', { status: 404 }) }) },
      credentials: { credentialsFor: async () => credentials },
    });
    await engine.open();
    // Warm both paths (lexicons loaded, connections open) before timing.
    await direct.com.atproto.repo.createRecord({ repo: bluesky.did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', text: 'warm-up', createdAt: new Date().toISOString() } });
    await engine.send((await engine.enqueue({ postId: 'warm-up-0', target: { network: 'bluesky', accountId: 'bluesky:bench' }, parts: ['warm-up'] })).id);

    let outboxMs = 0;
    let queueMs = 0;
    let directMs = 0;
    const perPostOutbox: number[] = [];
    const perPostDirect: number[] = [];
    const sendOnly: number[] = [];
    for (let done = 0; done < PDS_POSTS; done += BATCH) {
      let started = performance.now();
      for (let n = done; n < Math.min(done + BATCH, PDS_POSTS); n++) {
        const one = performance.now();
        // The same work as the publisher: facets detected, a TID record key, createRecord.
        const text = `Direct post ${n} #bench https://example.com/${n}`;
        const rich = new (await import('@atproto/api')).RichText({ text });
        await rich.detectFacets(direct);
        await direct.com.atproto.repo.createRecord({
          repo: bluesky.did,
          collection: 'app.bsky.feed.post',
          rkey: TID.nextStr(),
          record: { $type: 'app.bsky.feed.post', text: rich.text, facets: rich.facets, createdAt: new Date().toISOString() },
        });
        perPostDirect.push(performance.now() - one);
      }
      directMs += performance.now() - started;
      started = performance.now();
      for (let n = done; n < Math.min(done + BATCH, PDS_POSTS); n++) {
        const one = performance.now();
        const intent = await engine.enqueue({ postId: `bench-pds-${String(n).padStart(6, '0')}`, target: { network: 'bluesky', accountId: 'bluesky:bench' }, parts: [`Outbox post ${n} #bench https://example.com/${n}`] });
        const sending = performance.now();
        const sent = await engine.send(intent.id);
        sendOnly.push(performance.now() - sending);
        if (sent.state !== 'published') throw new Error(`post ${n} ended ${sent.state}: ${sent.error?.message ?? ''}`);
        perPostOutbox.push(performance.now() - one);
      }
      outboxMs += performance.now() - started;
      // The same posts as a queue: each enqueued (as the person queues them), then sent in turn.
      started = performance.now();
      for (let n = done; n < Math.min(done + BATCH, PDS_POSTS); n++) {
        await engine.enqueue({ postId: `bench-queue-${String(n).padStart(6, '0')}`, target: { network: 'bluesky', accountId: 'bluesky:bench' }, parts: [`Queued post ${n} #bench https://example.com/${n}`] });
      }
      const sent = await engine.sendDue();
      if (sent.some((intent) => intent.state !== 'published')) throw new Error('a queued post was not published');
      queueMs += performance.now() - started;
    }
    const listed = await direct.com.atproto.repo.listRecords({ repo: bluesky.did, collection: 'app.bsky.feed.post', limit: 1 });
    console.log(`\n${PDS_POSTS} posts to the local PDS (same run, alternating batches of ${BATCH}):`);
    console.log(`  direct createRecord: ${ms(directMs)} total, per post median ${ms(quantile(perPostDirect, 0.5))}, p95 ${ms(quantile(perPostDirect, 0.95))}`);
    console.log(`  through the outbox:  ${ms(outboxMs)} total, per post median ${ms(quantile(perPostOutbox, 0.5))}, p95 ${ms(quantile(perPostOutbox, 0.95))} (enqueue included)`);
    console.log(`  send alone (enqueued earlier): per post median ${ms(quantile(sendOnly, 0.5))}, p95 ${ms(quantile(sendOnly, 0.95))}`);
    console.log(`  as a queue (each enqueued, then sendDue): ${ms(queueMs)} total, ${ms(queueMs / PDS_POSTS)} per post`);
    console.log(`  wall-time ratio outbox / direct: ${(outboxMs / directMs).toFixed(3)} one post at a time (enqueue + send), ${(queueMs / directMs).toFixed(3)} as a queue (target <= 1.15)`);
    if (listed.data.records.length === 0) console.log('  (warning: the PDS listed no records)');
    await engine.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await bluesky.close();
  }
}

await overhead();
await queueOverhead();
await againstPds();
await memory();
