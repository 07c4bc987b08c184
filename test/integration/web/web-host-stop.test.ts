import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebHostProcess, type RunningWebHost } from '../../support/web-host-process';
import { inProcessApp } from '../../support/in-process-app';
import { strictCaller, webHostCaller } from '../../support/web-host-session';

/** Every file under a folder, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

/** One caller per host, with the session traded for its one-time address as a browser tab would. */
const callers = new WeakMap<RunningWebHost, Promise<(method: string, input?: unknown) => Promise<unknown>>>();

async function call(host: RunningWebHost, method: string, input: unknown): Promise<unknown> {
  let caller = callers.get(host);
  if (caller === undefined) callers.set(host, (caller = webHostCaller(host.url).then((answer) => strictCaller(answer))));
  return (await caller)(method, input);
}

/**
 * Saves enough posts, spread over a year of months and edited twice, that the fold on stop has
 * many month files to write: the longer the fold, the wider the window a second stop used to hit.
 */
async function saveAcknowledgedPosts(host: RunningWebHost): Promise<Map<string, string>> {
  const acknowledged = new Map<string, string>();
  for (let i = 0; i < 48; i += 1) {
    const id = `stop-test-${i}`;
    const month = String((i % 12) + 1).padStart(2, '0');
    const planned = { at: `2027-${month}-1${i % 10}T09:00:00.000Z`, zone: 'Europe/Copenhagen' };
    await call(host, 'posts.saveDraft', { id, text: `First words of post ${i}`, planned });
    const text = `Post ${i}, edited: ${'æøå '.repeat(i)}`;
    await call(host, 'posts.saveDraft', { id, text });
    acknowledged.set(id, text);
  }
  return acknowledged;
}

type Signals = readonly NodeJS.Signals[];

async function stopWith(signals: Signals): Promise<void> {
  const host = await startWebHostProcess(undefined, { env: { SPHERES_VAULT: 'memory' } });
  const acknowledged = await saveAcknowledgedPosts(host);
  // Two signals in quick succession, as an impatient Ctrl-C Ctrl-C or a supervisor repeating itself.
  for (const signal of signals) host.kill(signal);
  const exit = await host.exited;
  expect({ exit, output: exit.code === 0 ? '' : host.output() }).toStrictEqual({ exit: { code: 0, signal: null }, output: '' });
  expect(filesUnder(host.dataDir).filter((file) => /\.tmp-/.test(file))).toStrictEqual([]);

  // Started again on the same data folder, every acknowledged save is there, word for word.
  const again = await inProcessApp({ dataDir: host.dataDir });
  try {
    const texts = new Map<string, string>();
    for (const id of acknowledged.keys()) texts.set(id, ((await again.api.posts.get({ id })) as { text: string }).text);
    expect(texts).toStrictEqual(acknowledged);
  } finally {
    await again.core.close();
  }
}

// The fault was intermittent (7 of 8 stops), so each way of stopping runs a few times.
const ROUNDS = 3;

describe('the web host stops cleanly', () => {
  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    'exits 0 after one SIGTERM with every save on disk and no temporary file left (round %i)',
    async () => stopWith(['SIGTERM']),
    60_000,
  );

  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    'exits 0 after two SIGTERMs in quick succession, losing nothing (round %i)',
    async () => stopWith(['SIGTERM', 'SIGTERM']),
    60_000,
  );

  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    'exits 0 after Ctrl-C pressed twice (SIGINT, SIGINT), losing nothing (round %i)',
    async () => stopWith(['SIGINT', 'SIGINT']),
    60_000,
  );
});
