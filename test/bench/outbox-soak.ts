/**
 * The outbox soak: many posts through faults and kills, then a count on the servers.
 *
 * The parent (this module) starts every network's server (soak/*.ts: a real Bluesky PDS with two
 * accounts, and the loopback fakes of the other networks, written from their API docs), each behind a fault proxy that spoils about `faultRate` of all requests with every fault it knows.
 * The outbox engine runs in a child process (outbox-soak-child.ts) over one data folder; the parent
 * SIGKILLs it at random moments `kills` times and starts it again, then lets it finish. At the end
 * every (post, target, part) must be on its server exactly once: counted with listRecords on the
 * PDS and in the fakes' stores, never from the outbox's own files.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IntentStore } from '../../electron/core/outbox/intent-store';
import { intentIdOf, type SendIntent } from '../../electron/core/outbox';
import { nodeStorageFs } from '../../electron/core/storage';
import type { Credentials } from '../../electron/core/vault';
import type { Fault } from '../support/fault-proxy';
import { random } from '../support/random';
import { CONFIG_ENV, CREDENTIALS_ENV, DONE_LINE, type SoakChildConfig, type SoakNetworkId, type SoakPost, type SoakTarget } from './outbox-soak-plan';
import { soakBluesky } from './soak/bluesky';
import { soakLinkedIn } from './soak/linkedin';
import { soakMastodon } from './soak/mastodon';
import { soakInstagram, soakThreads } from './soak/meta';
import { soakX } from './soak/x';
import type { SoakNetwork } from './soak/network';

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
  /** The networks to post to (all of them by default). */
  networks?: readonly (() => Promise<SoakNetwork>)[];
}

/** Every network the outbox posts to, each behind its own fault proxy. */
export const SOAK_NETWORK_STARTS: readonly (() => Promise<SoakNetwork>)[] = [soakBluesky, soakMastodon, soakX, soakLinkedIn, soakThreads, soakInstagram];

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
  /** Images still on a media host after the run: each should be removed once its post is made. */
  imagesLeftOnMediaHosts: number;
  threadBreaks: number;
  kills: number;
  starts: number;
  requests: number;
  faults: Record<string, number>;
  /** The same count network by network, with the requests through its proxy. */
  perNetwork: Partial<Record<SoakNetworkId, { targets: number; parts: number; published: number; duplicates: number; missing: number; requests: number }>>;
  wallMs: number;
}

/**
 * The plan: every tenth post a thread of 2–5 parts, every tenth (the next) one with an image, the rest
 * single. Every network gets every post it can take: a network without threads gets the single posts,
 * one that needs an image gets the image posts; accounts of a network take turns.
 */
export function soakPlan(posts: number, seed: number, networks: readonly Pick<SoakNetwork, 'network' | 'accounts' | 'takesThreads' | 'needsImage'>[]): SoakPost[] {
  const next = random(seed);
  return Array.from({ length: posts }, (_, n) => {
    const postId = `soak-${String(n).padStart(5, '0')}`;
    const count = n % 10 === 0 ? 2 + Math.floor(next() * 4) : 1;
    const image = n % 10 === 1;
    const parts = Array.from({ length: count }, (__, part) => `Soak ${postId} part ${part + 1}/${count} #soak https://example.com/${n}/${part}`);
    const targets: SoakTarget[] = networks
      .filter((network) => (count === 1 || network.takesThreads) && (image || !network.needsImage))
      .map((network) => ({ network: network.network, accountId: network.accounts[n % network.accounts.length]! }));
    return { postId, parts, image, targets };
  }).filter((post) => post.targets.length > 0);
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

export async function runOutboxSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const deadline = started + options.deadlineMs;
  const work = mkdtempSync(path.join(os.tmpdir(), 'spheres-soak-'));
  const networks: SoakNetwork[] = [];
  try {
    for (const start of options.networks ?? SOAK_NETWORK_STARTS) networks.push(await start());
    const next = random(options.seed);
    const faults: Record<string, number> = {};
    const credentials: Record<string, Credentials> = Object.assign({}, ...networks.map((network) => network.credentials));

    const plan = soakPlan(options.posts, options.seed, networks);
    const planFile = path.join(work, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const config: SoakChildConfig = {
      dataDir: path.join(work, 'data'),
      planFile,
      origins: Object.fromEntries(networks.map((network) => [network.network, network.proxy.url])),
      mediaHosts: Object.fromEntries(networks.flatMap((network) => (network.mediaHost === undefined ? [] : [[network.network, network.mediaHost]]))),
      // Threads and Instagram take 6 or more requests a part (limit, container, status, publish), so at 30% faults
      // most attempts meet one: 200 attempts keep the chance of giving up on a target negligible (0.88^200).
      backoff: { baseMs: 50, capMs: 1_000, maxAttempts: 200 },
      requestTimeoutMs: 1_500,
    };
    // Faults start once the accounts exist: what is under test is the outbox, not the set-up.
    for (const network of networks) network.proxy.chaos = chaos(options.faultRate, next, faults);

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
    for (const network of networks) network.proxy.chaos = null;

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
    for (const network of networks) {
      for (const post of await network.posted()) {
        // Ids are the servers' own: two fakes may both have a "1", so each is named with its network.
        const id = `${network.network} ${post.id}`;
        see(where(network.network, post.accountId, post.text), id);
        parentOf.set(id, post.parent === null ? null : `${network.network} ${post.parent}`);
        imagesOf.set(id, post.images);
      }
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
      imagesLeftOnMediaHosts: 0,
      threadBreaks: 0,
      kills,
      starts,
      requests: networks.reduce((sum, network) => sum + network.proxy.requests.length, 0),
      perNetwork: {},
      faults,
      wallMs: 0,
    };
    const expected = new Set<string>();
    for (const post of plan) {
      for (const target of post.targets) {
        report.targets++;
        const tally = (report.perNetwork[target.network] ??= { targets: 0, parts: 0, published: 0, duplicates: 0, missing: 0, requests: 0 });
        tally.targets++;
        const intent = intentById.get(intentIdOf(post.postId, target));
        if (intent?.state === 'failed_permanent') report.failedPermanent.push({ intentId: intent.id, code: intent.error?.code ?? '', message: intent.error?.message ?? '' });
        let previous: string | null = null;
        for (const [index, text] of post.parts.entries()) {
          report.parts++;
          tally.parts++;
          const key = where(target.network, target.accountId, text);
          expected.add(key);
          const entry = found.get(key);
          const count = entry?.count ?? 0;
          if (count === 1) tally.published++;
          if (count > 1) tally.duplicates++;
          if (count === 0 && intent?.state !== 'failed_permanent') tally.missing++;
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
    for (const network of networks) {
      if (network.leftOnMediaHost !== undefined) report.imagesLeftOnMediaHosts += await network.leftOnMediaHost();
      const tally = report.perNetwork[network.network];
      if (tally !== undefined) tally.requests = network.proxy.requests.length;
    }
    report.wallMs = Date.now() - started;
    return report;
  } finally {
    for (const network of networks) await network.close();
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
    `  images left on media hosts:    ${report.imagesLeftOnMediaHosts}`,
    `  thread parts not answering the part before: ${report.threadBreaks}`,
    `  kills: ${report.kills} (asked ${options.kills}), process starts: ${report.starts}`,
    `  requests through the proxies: ${report.requests}, faults injected: ${faultTotal} (${((faultTotal / Math.max(report.requests, 1)) * 100).toFixed(1)}%, asked ${(options.faultRate * 100).toFixed(0)}%)`,
    `    ${Object.entries(report.faults).sort(([a], [b]) => a.localeCompare(b)).map(([kind, count]) => `${kind}: ${count}`).join(', ')}`,
    ...Object.entries(report.perNetwork).map(
      ([network, tally]) => `  ${network.padEnd(10)} ${tally.targets} targets, ${tally.parts} parts: ${tally.published} once, ${tally.duplicates} twice or more, ${tally.missing} missing; ${tally.requests} requests`,
    ),
    `  wall time: ${(report.wallMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n');
}
