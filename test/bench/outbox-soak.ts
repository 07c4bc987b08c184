/**
 * The outbox soak: many posts through faults and kills, then a count on the servers.
 *
 * The parent (this module) starts a real Bluesky PDS (two accounts) and the loopback Mastodon fake,
 * each behind a fault proxy that spoils about `faultRate` of all requests with every fault it knows.
 * The outbox engine runs in a child process (outbox-soak-child.ts) over one data folder; the parent
 * SIGKILLs it at random moments `kills` times and starts it again, then lets it finish. At the end
 * every (post, target, part) must be on its server exactly once: counted with listRecords on the
 * PDS and in the fake's statuses, never from the outbox's own files.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import { IntentStore } from '../../electron/core/outbox/intent-store';
import { intentIdOf, type SendIntent } from '../../electron/core/outbox';
import { nodeStorageFs } from '../../electron/core/storage';
import type { Credentials } from '../../electron/core/vault';
import { startBlueskyDevEnv } from '../support/bluesky-dev-env';
import { FaultProxy, type Fault } from '../support/fault-proxy';
import { startMastodonFake } from '../support/fakes/mastodon-fake';
import { random } from '../support/random';
import { CONFIG_ENV, CREDENTIALS_ENV, DONE_LINE, type SoakChildConfig, type SoakPost, type SoakTarget } from './outbox-soak-plan';

export interface SoakOptions {
  posts: number;
  kills: number;
  /** Share of requests the proxies spoil, in [0, 1). */
  faultRate: number;
  seed: number;
  /** The whole run gives up after this long (what is not on the servers by then counts as missing). */
  deadlineMs: number;
  /** A kill comes this long after a start, uniformly between the two. */
  killAfterMs: readonly [number, number];
  log?(line: string): void;
}

export const DEFAULT_SOAK: SoakOptions = { posts: 1_000, kills: 30, faultRate: 0.3, seed: 13, deadlineMs: 30 * 60_000, killAfterMs: [300, 2_500] };

export interface SoakReport {
  posts: number;
  threads: number;
  withImages: number;
  targets: number;
  /** Parts expected on the servers, one per (post, target, part). */
  parts: number;
  /** Parts found exactly once. */
  published: number;
  /** Targets the outbox gave up on, with its reason (their parts are not counted missing). */
  failedPermanent: { intentId: string; code: string; message: string }[];
  /** Parts found more than once, with how often. */
  duplicates: { text: string; where: string; count: number }[];
  /** Parts found nowhere whose target was not given up on. */
  missing: { text: string; where: string; state: string }[];
  /** Records or statuses on the servers that no part of the plan asked for. */
  strays: string[];
  /** Image posts whose first part has no image (on either network); thread parts that do not answer the part before. */
  imagesMissing: number;
  threadBreaks: number;
  kills: number;
  starts: number;
  requests: number;
  faults: Record<string, number>;
  wallMs: number;
}

/** The plan: every tenth post a thread of 2–5 parts, every tenth (the next) one with an image, the rest single. */
export function soakPlan(posts: number, seed: number, accounts: { bluesky: readonly string[]; mastodon: string }): SoakPost[] {
  const next = random(seed);
  return Array.from({ length: posts }, (_, n) => {
    const postId = `soak-${String(n).padStart(5, '0')}`;
    const count = n % 10 === 0 ? 2 + Math.floor(next() * 4) : 1;
    const parts = Array.from({ length: count }, (__, part) => `Soak ${postId} part ${part + 1}/${count} #soak https://example.com/${n}/${part}`);
    const targets: SoakTarget[] = [
      { network: 'bluesky', accountId: accounts.bluesky[n % accounts.bluesky.length]! },
      { network: 'mastodon', accountId: accounts.mastodon },
    ];
    return { postId, parts, image: n % 10 === 1, targets };
  });
}

/** Every fault the proxy has, about equally often; Retry-After and slowness short enough for the run. */
function chaos(rate: number, next: () => number, counts: Record<string, number>): (request: { method: string; path: string }) => Fault | null {
  const kinds: (() => Fault)[] = [
    () => ({ kind: 'reset' }),
    () => ({ kind: 'drop_response' }),
    () => ({ kind: 'hang' }),
    () => ({ kind: 'status', status: ([500, 502, 503] as const)[Math.floor(next() * 3)]! }),
    () => ({ kind: 'rate_limit', retryAfterSeconds: 1 }),
    () => ({ kind: 'slow', delayMs: 50 + Math.floor(next() * 400) }),
  ];
  return () => {
    if (next() >= rate) return null;
    const fault = kinds[Math.floor(next() * kinds.length)]!();
    const label = fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
    counts[label] = (counts[label] ?? 0) + 1;
    return fault;
  };
}

const CHILD = path.join(import.meta.dirname, 'outbox-soak-child.ts');
const REPO = path.resolve(import.meta.dirname, '../..');

interface ChildRun {
  outcome: 'done' | 'killed' | 'failed';
  output: string;
}

/** One life of the child: until it finishes, or until the parent kills it at `killAt` ms (null: never). */
function runChild(config: SoakChildConfig, credentials: Record<string, Credentials>, killAt: number | null, deadline: number): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: REPO,
      env: { ...process.env, [CONFIG_ENV]: JSON.stringify(config), [CREDENTIALS_ENV]: JSON.stringify(credentials) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const kill = (): void => {
      killed = true;
      child.kill('SIGKILL');
    };
    const timers = [setTimeout(kill, Math.max(0, deadline - Date.now()))];
    if (killAt !== null) timers.push(setTimeout(kill, killAt));
    child.on('exit', (code) => {
      for (const timer of timers) clearTimeout(timer);
      if (code === 0 && output.includes(DONE_LINE)) resolve({ outcome: 'done', output });
      else resolve({ outcome: killed ? 'killed' : 'failed', output });
    });
  });
}

async function blueskyRecords(service: string, did: string): Promise<{ uri: string; text: string; parent: string | null; images: number }[]> {
  const agent = new AtpAgent({ service });
  const records: { uri: string; text: string; parent: string | null; images: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await agent.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post', limit: 100, ...(cursor === undefined ? {} : { cursor }) });
    for (const record of page.data.records) {
      const value = record.value as { text?: unknown; reply?: { parent?: { uri?: unknown } }; embed?: { images?: unknown[] } };
      const images = Array.isArray(value.embed?.images) ? value.embed.images.length : 0;
      records.push({ uri: record.uri, text: String(value.text), parent: typeof value.reply?.parent?.uri === 'string' ? value.reply.parent.uri : null, images });
    }
    cursor = page.data.records.length === 0 ? undefined : page.data.cursor;
  } while (cursor !== undefined);
  return records;
}

export async function runOutboxSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const deadline = started + options.deadlineMs;
  const work = mkdtempSync(path.join(os.tmpdir(), 'spheres-soak-'));
  const bluesky = await startBlueskyDevEnv();
  const mastodon = await startMastodonFake({ mediaPolls: 2 });
  const proxies: FaultProxy[] = [];
  try {
    const next = random(options.seed);
    const faults: Record<string, number> = {};
    const blueskyProxy = await FaultProxy.start(bluesky.pdsLoopbackUrl);
    const mastodonProxy = await FaultProxy.start(mastodon.origin);
    proxies.push(blueskyProxy, mastodonProxy);

    // Two Bluesky accounts (sent side by side) and one Mastodon account.
    const owner = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
    const alice = await owner.login({ identifier: bluesky.handle, password: bluesky.appPassword });
    const bob = await new AtpAgent({ service: bluesky.pdsLoopbackUrl }).createAccount({ handle: 'bob.test', email: 'bob@example.test', password: `main-${crypto.randomUUID()}` });
    const credentials: Record<string, Credentials> = {};
    const didOf = new Map<string, string>();
    for (const session of [alice.data, bob.data]) {
      const accountId = `bluesky:${session.did}`;
      didOf.set(accountId, session.did);
      credentials[accountId] = { accessToken: session.accessJwt, extra: { did: session.did, handle: session.handle, service: blueskyProxy.url } };
    }
    const scopes = ['read:accounts', 'write:statuses', 'write:media'];
    const mastodonAccount = `mastodon:${mastodon.host.replace(':', '.')}:${mastodon.user.username}`;
    credentials[mastodonAccount] = { accessToken: mastodon.issueToken(scopes), scopes };

    const plan = soakPlan(options.posts, options.seed, { bluesky: [...didOf.keys()], mastodon: mastodonAccount });
    const planFile = path.join(work, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const config: SoakChildConfig = {
      dataDir: path.join(work, 'data'),
      planFile,
      blueskyUrl: blueskyProxy.url,
      mastodonUrl: mastodonProxy.url,
      backoff: { baseMs: 50, capMs: 1_000, maxAttempts: 60 },
      requestTimeoutMs: 1_500,
    };
    // Faults start once the accounts exist: what is under test is the outbox, not the set-up.
    blueskyProxy.chaos = chaos(options.faultRate, next, faults);
    mastodonProxy.chaos = chaos(options.faultRate, next, faults);

    let kills = 0;
    let starts = 0;
    for (;;) {
      if (Date.now() >= deadline) break;
      const [low, high] = options.killAfterMs;
      const killAt = kills < options.kills ? low + Math.floor(next() * (high - low)) : null;
      starts++;
      const run = await runChild(config, credentials, killAt, deadline);
      if (run.outcome === 'done') break;
      if (run.outcome === 'failed') throw new Error(`The soak's outbox process failed:\n${run.output.slice(-4_000)}`);
      if (killAt !== null) kills++;
      log(`kill ${kills} of ${options.kills} after ${killAt ?? 'the deadline'} ms`);
    }
    blueskyProxy.chaos = null;
    mastodonProxy.chaos = null;

    // The count, on the servers themselves.
    const found = new Map<string, { count: number; ids: string[] }>();
    const where = (network: string, accountId: string, text: string): string => `${network} ${accountId}\n${text}`;
    const see = (key: string, id: string): void => {
      const entry = found.get(key) ?? { count: 0, ids: [] };
      entry.count++;
      entry.ids.push(id);
      found.set(key, entry);
    };
    const parentOf = new Map<string, string | null>();
    const imagesOf = new Map<string, number>();
    for (const [accountId, did] of didOf) {
      for (const record of await blueskyRecords(bluesky.pdsLoopbackUrl, did)) {
        see(where('bluesky', accountId, record.text), record.uri);
        parentOf.set(record.uri, record.parent);
        imagesOf.set(record.uri, record.images);
      }
    }
    for (const status of mastodon.posting.statuses) {
      see(where('mastodon', mastodonAccount, status.text), status.id);
      parentOf.set(status.id, status.inReplyToId);
      imagesOf.set(status.id, status.mediaIds.length);
    }

    const { intents } = await new IntentStore({ fs: nodeStorageFs, dataDir: config.dataDir, now: () => new Date() }).readAll();
    const intentById = new Map<string, SendIntent>(intents.map((intent) => [intent.id, intent]));
    const report: SoakReport = {
      posts: plan.length,
      threads: plan.filter((post) => post.parts.length > 1).length,
      withImages: plan.filter((post) => post.image).length,
      targets: 0,
      parts: 0,
      published: 0,
      failedPermanent: [],
      duplicates: [],
      missing: [],
      strays: [],
      imagesMissing: 0,
      threadBreaks: 0,
      kills,
      starts,
      requests: blueskyProxy.requests.length + mastodonProxy.requests.length,
      faults,
      wallMs: 0,
    };
    const expected = new Set<string>();
    for (const post of plan) {
      for (const target of post.targets) {
        report.targets++;
        const intent = intentById.get(intentIdOf(post.postId, target));
        if (intent?.state === 'failed_permanent') report.failedPermanent.push({ intentId: intent.id, code: intent.error?.code ?? '', message: intent.error?.message ?? '' });
        let previous: string | null = null;
        for (const [index, text] of post.parts.entries()) {
          report.parts++;
          const key = where(target.network, target.accountId, text);
          expected.add(key);
          const entry = found.get(key);
          const count = entry?.count ?? 0;
          if (count === 1) report.published++;
          if (count > 1) report.duplicates.push({ text, where: `${target.network} ${target.accountId}`, count });
          if (count === 0 && intent?.state !== 'failed_permanent') report.missing.push({ text, where: `${target.network} ${target.accountId}`, state: intent?.state ?? 'not in the outbox' });
          const id = entry?.ids[0] ?? null;
          if (id !== null && index > 0 && previous !== null && parentOf.get(id) !== previous) report.threadBreaks++;
          if (id !== null && index === 0 && post.image && imagesOf.get(id) !== 1) report.imagesMissing++;
          previous = id;
        }
      }
    }
    for (const key of found.keys()) if (!expected.has(key)) report.strays.push(key.replace('\n', ': '));
    report.wallMs = Date.now() - started;
    return report;
  } finally {
    for (const proxy of proxies) await proxy.close();
    await mastodon.close();
    await bluesky.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Whether the soak found what it must: everything once, nothing twice, nothing stray. */
export function soakPassed(report: SoakReport): boolean {
  return report.duplicates.length === 0 && report.missing.length === 0 && report.strays.length === 0 && report.imagesMissing === 0 && report.threadBreaks === 0;
}

export function formatSoakReport(report: SoakReport, options: Pick<SoakOptions, 'kills' | 'faultRate'>): string {
  const faultTotal = Object.values(report.faults).reduce((sum, count) => sum + count, 0);
  const lines = [
    `Outbox soak: ${report.posts} posts (${report.threads} threads of 2–5 parts, ${report.withImages} with an image on every network), ${report.targets} targets`,
    `  parts expected on the servers: ${report.parts}`,
    `  published exactly once:        ${report.published}`,
    `  failed permanently (targets):  ${report.failedPermanent.length}${report.failedPermanent.map((failure) => `\n    ${failure.intentId}: ${failure.code} (${failure.message})`).join('')}`,
    `  duplicates:                    ${report.duplicates.length}${report.duplicates.slice(0, 20).map((duplicate) => `\n    ${duplicate.count}x ${duplicate.where}: ${duplicate.text}`).join('')}`,
    `  missing:                       ${report.missing.length}${report.missing.slice(0, 20).map((missing) => `\n    ${missing.where} (${missing.state}): ${missing.text}`).join('')}`,
    `  strays (not in the plan):      ${report.strays.length}`,
    `  image posts without image:     ${report.imagesMissing}`,
    `  thread parts not answering the part before: ${report.threadBreaks}`,
    `  kills: ${report.kills} (asked ${options.kills}), process starts: ${report.starts}`,
    `  requests through the proxies: ${report.requests}, faults injected: ${faultTotal} (${((faultTotal / Math.max(report.requests, 1)) * 100).toFixed(1)}%, asked ${(options.faultRate * 100).toFixed(0)}%)`,
    `    ${Object.entries(report.faults).sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => `${kind}: ${count}`).join(', ')}`,
    `  wall time: ${(report.wallMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n');
}
