import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/api';
import { defaultSettings, type Account, type Settings } from '../../../common/domain';
import { EventBus } from '../../../electron/core/events';
import { GuardrailsService, OverrideRecord } from '../../../electron/core/guardrails';
import { OutboxService, type Publisher } from '../../../electron/core/outbox';
import { PostsService } from '../../../electron/core/posts';
import { nodeStorageFs } from '../../../electron/core/storage';

const account: Account = {
  id: 'mastodon:1',
  network: 'mastodon',
  handle: '@ceo@example.social',
  displayName: 'CEO',
  avatarUrl: null,
  avatarImage: null,
  serverUrl: 'https://example.social',
  tokenExpiresAt: null,
  refreshable: false,
  scopes: ['write'],
  status: 'connected',
  statusReason: null,
  connectedAt: '2026-01-01T00:00:00.000Z',
  lastRefreshedAt: null,
  limits: null,
  facts: {},
} as unknown as Account;

const folders: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The outbox, the posts and the guardrails on a real data folder; one fake network that records what it was sent. */
async function open() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-guardrails-'));
  folders.push(dataDir);
  let clock = new Date('2026-03-02T08:00:00Z');
  const now = (): Date => new Date(clock.getTime());
  let settings: Settings = defaultSettings('en');
  const settingsPort = {
    get: () => settings,
    update: (patch: Partial<Settings>) => (settings = { ...settings, ...patch }),
  };
  const sent: string[] = [];
  const publisher: Publisher = {
    network: 'mastodon',
    newKey: () => `key-${sent.length}`,
    sendPart: async (request) => {
      sent.push(request.text);
      return { id: `status-${sent.length}`, url: `https://example.social/@ceo/${sent.length}` };
    },
    findPart: async () => null,
  };
  const posts = await PostsService.open({ dataDir, now });
  const guardrails = new GuardrailsService({ settings: settingsPort, record: new OverrideRecord({ fs: nodeStorageFs, dataDir }), now });
  const outbox = await OutboxService.open({
    fs: nodeStorageFs,
    dataDir,
    now,
    random: Math.random,
    posts,
    accounts: { list: () => [account], credentialsFor: async () => ({ accessToken: 'token' }) as never },
    settings: settingsPort,
    events: new EventBus(),
    publishers: { mastodon: publisher },
    timers: { setTimeout: () => 0, clearTimeout: () => undefined },
    power: { onResume: () => () => undefined },
    guardrails,
  });
  await outbox.start();
  closers.push(async () => {
    await outbox.close();
    await posts.close();
  });
  return {
    dataDir,
    posts,
    outbox,
    guardrails,
    sent,
    advance: (to: string) => {
      clock = new Date(to);
    },
  };
}

async function draft(app: Awaited<ReturnType<typeof open>>, text: string, at: string) {
  return app.posts.saveDraft({ id: 'results-teaser', tone: 'professional', text, targets: [{ network: 'mastodon', accountId: account.id }], planned: { at, zone: 'Europe/Copenhagen' } });
}

const Q1 = { id: 'q1', name: 'Q1 quiet period', start: '2026-03-10', end: '2026-04-05', zone: 'Europe/Copenhagen', source: 'manual' as const };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the outbox checks the guardrails', () => {
  it('refuses to schedule a professional post inside a quiet period without a confirmation, naming the period, and queues nothing', async () => {
    const app = await open();
    app.guardrails.putPeriod(Q1);
    const before = await draft(app, 'Looking forward to the spring.', '2026-03-20T09:00:00Z');
    const error = await refusal(app.outbox.schedule(before.id));
    expect(error.code).toBe('guardrail_confirmation_needed');
    expect(error.details).toMatchObject({ postId: before.id, periods: [{ id: 'q1', name: 'Q1 quiet period' }], words: [] });
    expect(await app.posts.get(before.id)).toEqual(before);
    expect(await app.outbox.list()).toEqual([]);
  });

  it('refuses a watched word on Post now even in a private post, and posts once it is confirmed, keeping the record', async () => {
    const app = await open();
    app.guardrails.save({ watchedWords: ['Project Falcon'] });
    const before = await app.posts.saveDraft({ id: 'falcon-dinner', tone: 'private', text: 'Dinner after Project Falcon wrapped.', targets: [{ network: 'mastodon', accountId: account.id }] });
    const error = await refusal(app.outbox.postNow(before.id));
    expect(error.details).toMatchObject({ words: [{ word: 'Project Falcon', found: 'Project Falcon' }], periods: [] });
    expect(app.sent).toEqual([]);
    await app.outbox.postNow(before.id, { periods: [], words: ['Project Falcon'] });
    await app.outbox.settled();
    expect(app.sent).toEqual(['Dinner after Project Falcon wrapped.']);
    const record = readFileSync(path.join(app.dataDir, 'guardrails', 'overrides.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(record).toEqual([
      expect.objectContaining({ postId: 'falcon-dinner', action: 'post_now', rule: 'watched_word', ruleId: 'Project Falcon', detail: 'Project Falcon', tone: 'private', networks: ['mastodon'] }),
    ]);
  });

  it('stops a queued post at send time when a quiet period was added after it was queued, and sends it once the person confirms', async () => {
    const app = await open();
    const before = await draft(app, 'Spring is here.', '2026-03-20T09:00:00Z');
    await app.outbox.schedule(before.id);
    // Queued without any guardrail; the quiet period comes later.
    app.guardrails.putPeriod(Q1);
    app.advance('2026-03-20T09:00:30Z');
    app.outbox.wake();
    await app.outbox.settled();
    expect(app.sent).toEqual([]);
    const [entry] = await app.outbox.list();
    expect(entry).toMatchObject({ postId: before.id, targets: [{ state: 'failed_permanent', waiting: 'person', error: { code: 'guardrail_blocked' } }] });

    // Retry without the confirmation is refused; with it, the post goes and the override is kept.
    expect((await refusal(app.outbox.retry(before.id))).code).toBe('guardrail_confirmation_needed');
    await app.outbox.retry(before.id, { periods: ['q1'], words: [] });
    await app.outbox.settled();
    expect(app.sent).toEqual(['Spring is here.']);
    expect((await app.guardrails.csv()).overrides).toBe(1);
  });

  it('lets a post confirmed for a quiet period at scheduling go at its time', async () => {
    const app = await open();
    app.guardrails.putPeriod(Q1);
    const before = await draft(app, 'Spring is here.', '2026-03-20T09:00:00Z');
    await app.outbox.schedule(before.id, { periods: ['q1'], words: [] });
    app.advance('2026-03-20T09:00:30Z');
    app.outbox.wake();
    await app.outbox.settled();
    expect(app.sent).toEqual(['Spring is here.']);
  });

  it('holds a post the person posts by hand at its hand-over too, when a quiet period was added after it was queued', async () => {
    const app = await open();
    const before = await app.posts.saveDraft({ id: 'by-hand-teaser', tone: 'blend', text: 'Spring is here.', targets: [{ network: 'facebook', assisted: true }], planned: { at: '2026-03-20T09:00:00Z', zone: 'Europe/Copenhagen' } });
    await app.outbox.schedule(before.id);
    app.guardrails.putPeriod(Q1);
    app.advance('2026-03-20T09:00:30Z');
    app.outbox.wake();
    await app.outbox.settled();
    expect((await app.outbox.entry(before.id)).targets).toMatchObject([{ network: 'facebook', state: 'failed_permanent', error: { code: 'guardrail_blocked' } }]);

    await app.outbox.retry(before.id, { periods: ['q1'], words: [] });
    await app.outbox.settled();
    // Handed to the person: waiting for them to post it, no longer stopped.
    expect((await app.outbox.entry(before.id)).targets).toMatchObject([{ network: 'facebook', state: 'queued', error: null }]);
  });
});
