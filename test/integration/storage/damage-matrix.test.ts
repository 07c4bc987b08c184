import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, describe, expect, it } from 'vitest';
import { postMonth, type Account, type Post, type Settings } from '../../../common/domain';
import * as coreModule from '../../../electron/core';
import type { Core, CorePorts } from '../../../electron/core';
import { MemoryVault } from '../../../electron/core/vault';
import { portsOnDisk } from '../../support/ports-on-disk';
import { FakeClock, removeTempDirs, tempDir } from '../../support/storage-fixtures';

/*
 * Damage to any ONE file of the data folder loses no acknowledged edit, and the person is told.
 *
 * Each case builds a data folder the way a person fills it (saves that resolved, some folded into
 * their month files, some only in recent/, several edits after the last fold, a post in the
 * trash, a changed setting, a connected account), stops the app either after its last save
 * without the final fold (a kill or a power cut: the months and recent/ both hold edits no other
 * file has) or cleanly (everything folded into the months), damages one file, and opens the data
 * folder again exactly as the web
 * host does (config files checked, then conf, then the core). It then compares every post, the
 * trash, the settings and the account list, whole, with what was acknowledged, and looks for the
 * notice in what the app keeps for the banner (`store.recoveries`).
 */

afterAll(removeTempDirs);

type Damage = 'truncated' | 'random bytes' | 'emptied' | 'deleted' | 'wrong shape';
const DAMAGES: Damage[] = ['truncated', 'random bytes', 'emptied', 'deleted', 'wrong shape'];
type Stop = 'killed after the last save' | 'closed cleanly';
const STOPS: Stop[] = ['killed after the last save', 'closed cleanly'];

interface Built {
  dataDir: string;
  vault: MemoryVault;
  clock: FakeClock;
  /** Every post as its last acknowledged save returned it, trash included (with since when). */
  posts: Map<string, { post: Post; deletedAt: string | null }>;
  settings: Settings;
  accounts: Account[];
  /** The post edited twice after the last fold: its recent file has an older copy beside it. */
  recentId: string;
  /** Posts whose only up-to-date copy is in months/2026-11.json (folded, not edited since). */
  novemberIds: string[];
}

interface Notice {
  file: string;
  postIds?: string[];
}

const ACCOUNT: Account = {
  id: 'mastodon:mastodon.social:109',
  network: 'mastodon',
  handle: '@alice@mastodon.social',
  displayName: 'Alice',
  avatarUrl: null,
  avatarImage: null,
  serverUrl: 'https://mastodon.social',
  tokenExpiresAt: null,
  refreshable: false,
  scopes: ['write:statuses'],
  status: 'connected',
  statusReason: null,
  connectedAt: '2026-10-01T09:00:00.000Z',
  lastRefreshedAt: null,
  limits: null,
  facts: {},
};

/** Opens the data folder as electron/web/cli.ts does. */
async function openAsWebHost(dataDir: string, vault: MemoryVault, clock: FakeClock): Promise<{ core: Core; notices: Notice[] }> {
  // The config check exists only with the fix; without it the host goes straight to conf.
  const repair = (coreModule as Record<string, unknown>)['repairConfigFiles'] as
    | ((dataDir: string, options: { now: () => Date }) => Promise<unknown[]>)
    | undefined;
  const recovered = repair === undefined ? [] : await repair(dataDir, { now: clock.now });
  const core = await coreModule.openCore(portsOnDisk(dataDir, { vault, now: clock.now, recovered: recovered as NonNullable<CorePorts['recovered']> }));
  const notices: Notice[] = [];
  core.events.subscribe((event, payload) => {
    if (event === 'store.recovered') notices.push(payload as Notice);
  });
  return { core, notices };
}

/** What the app keeps for the banner; without the fix only what was emitted after a listener came. */
async function noticesOf(core: Core, heard: Notice[]): Promise<Notice[]> {
  const answer = await core.router.call('store.recoveries', undefined);
  return answer.ok ? (answer.value as Notice[]) : heard;
}

async function build(stop: Stop): Promise<Built> {
  const dataDir = tempDir('spheres-damage-');
  const vault = new MemoryVault();
  const clock = new FakeClock('2026-11-02T09:00:00.000Z');
  const posts = new Map<string, { post: Post; deletedAt: string | null }>();
  const saved = (post: Post) => posts.set(post.id, { post, deletedAt: null });
  const at = (day: string) => ({ at: `${day}T10:00:00.000Z`, zone: 'Europe/Copenhagen' });

  // Session 1: posts in three months, a fold, more edits, a second fold; a setting and an account.
  let { core } = await openAsWebHost(dataDir, vault, clock);
  const ids: string[] = [];
  for (const [i, day] of ['2026-09-14', '2026-10-03', '2026-10-20', '2026-11-05', '2026-11-12', '2026-11-20', '2026-11-28'].entries()) {
    clock.advance(60_000);
    const post = await core.posts.create({ text: `post ${i}`, planned: at(day), tone: 'blend' });
    saved(post);
    ids.push(post.id);
  }
  await core.posts.compact();
  for (const id of ids) {
    clock.advance(60_000);
    saved(await core.posts.saveDraft({ id, text: `post ${id.slice(0, 4)}, second version` }));
  }
  await core.posts.compact();
  clock.advance(60_000);
  const trashed = await core.posts.delete(ids[2]!);
  posts.set(trashed.post.id, { post: trashed.post, deletedAt: trashed.deletedAt });
  clock.advance(60_000);
  const settings = core.settings.update({ language: 'da', theme: 'dark' });
  await vault.set(ACCOUNT.id, { accessToken: 'token-from-the-network' });
  new Conf<Record<string, unknown>>({ projectName: 'spheres', cwd: dataDir, configName: 'accounts' }).set('accounts', [ACCOUNT]);
  await core.close();

  // Session 2: the November posts get a third version and are folded; then edits after the last fold.
  ({ core } = await openAsWebHost(dataDir, vault, clock));
  for (const id of ids.slice(3)) {
    clock.advance(60_000);
    saved(await core.posts.saveDraft({ id, text: `post ${id.slice(0, 4)}, folded in November`, tone: 'professional' }));
  }
  await core.posts.compact();
  const recentId = ids[6]!;
  for (const text of ['edited after the fold', 'edited again after the fold']) {
    clock.advance(60_000);
    saved(await core.posts.saveDraft({ id: recentId, text }));
  }
  clock.advance(60_000);
  saved(await core.posts.saveDraft({ id: ids[0]!, text: 'September, edited after the fold' }));
  clock.advance(60_000);
  saved(await core.posts.create({ text: 'a new post, never folded', planned: at('2026-11-30') }));
  // Stopped after its last save, before the final fold (a kill or a power cut), or closed with it.
  if (stop === 'closed cleanly') await core.close();
  else core.accounts.stop();

  return { dataDir, vault, clock, posts, settings, accounts: [ACCOUNT], recentId, novemberIds: ids.slice(3, 6) };
}

/** An import a crash interrupted: written before it was applied, never acknowledged. */
function plantPendingImport(dataDir: string): string {
  const file = path.join(dataDir, 'posts', 'import-pending.json');
  const post: Post = {
    id: 'imported-never-acknowledged',
    createdAt: '2026-08-01T10:00:00.000Z',
    updatedAt: '2026-08-01T10:00:00.000Z',
    tone: null,
    text: 'from an archive',
    status: 'draft',
  } as Post;
  writeFileSync(file, JSON.stringify({ schemaVersion: 1, posts: [{ post, deletedAt: null }] }));
  return file;
}

const WRONG_SHAPE: Record<string, string> = {
  'accounts.json': JSON.stringify({ accounts: [{ id: ACCOUNT.id, network: 'mastodon' }] }),
  'settings.json': JSON.stringify({ settings: { language: 42, theme: 'plaid' } }),
};

function damage(file: string, kind: Damage): void {
  const bytes = readFileSync(file);
  if (kind === 'truncated') writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  else if (kind === 'random bytes') writeFileSync(file, randomBytes(Math.max(bytes.length, 16)));
  else if (kind === 'emptied') writeFileSync(file, '');
  else if (kind === 'deleted') rmSync(file);
  else writeFileSync(file, WRONG_SHAPE[path.basename(file)] ?? JSON.stringify({ schemaVersion: 1, unexpected: [1, 2, 3] }));
}

interface FileKind {
  name: string;
  /** The file to damage in a built folder (made first where a clean stop leaves none). */
  file(built: Built): string;
  /** Why this file needs no notice for this damage: it holds nothing that was acknowledged. */
  nothingAcknowledged?(damage: Damage): string | null;
  /** Posts the notice must name. */
  affected?(built: Built): string[];
  /** Only where the file exists after this kind of stop (a clean stop folds recent/ away). */
  stops?: Stop[];
}

const monthFile = (built: Built) => path.join(built.dataDir, 'posts', 'months', '2026-11.json');
const monthPosts = (built: Built) =>
  [...built.posts.values()].filter(({ post }) => postMonth(post) === '2026-11' && post.id !== built.recentId && !post.text.includes('never folded')).map(({ post }) => post.id);

const FILE_KINDS: FileKind[] = [
  { name: 'a month file', file: monthFile, affected: monthPosts },
  {
    name: "a month file's backup (.bak1)",
    file: (built) => `${monthFile(built)}.bak1`,
    nothingAcknowledged: () => 'the month file itself holds every edit; its backup is a second copy',
  },
  {
    name: 'a recent save',
    file: (built) => {
      const dir = path.join(built.dataDir, 'posts', 'recent');
      const name = readdirSync(dir).find((entry) => entry === `${built.recentId}.json`);
      if (name === undefined) throw new Error('the post edited after the fold has no recent file');
      return path.join(dir, name);
    },
    affected: (built) => [built.recentId],
    stops: ['killed after the last save'],
  },
  { name: 'index.json', file: (built) => path.join(built.dataDir, 'posts', 'index.json') },
  { name: 'store.json', file: (built) => path.join(built.dataDir, 'posts', 'store.json') },
  {
    name: 'import-pending.json',
    file: (built) => plantPendingImport(built.dataDir),
    nothingAcknowledged: (kind) =>
      kind === 'deleted' ? 'an import a crash interrupted was never acknowledged, and a deleted one leaves nothing to set aside' : null,
  },
  { name: 'accounts.json', file: (built) => path.join(built.dataDir, 'accounts.json') },
  { name: 'settings.json', file: (built) => path.join(built.dataDir, 'settings.json') },
];

const results: { kind: string; damage: Damage; stop: Stop; passed: boolean }[] = [];

async function runCase(kind: FileKind, damageKind: Damage, stop: Stop): Promise<void> {
  const built = await build(stop);
  const file = kind.file(built);
  expect(existsSync(file), `${file} exists before it is damaged`).toBe(true);
  damage(file, damageKind);

  let opened: Awaited<ReturnType<typeof openAsWebHost>>;
  try {
    opened = await openAsWebHost(built.dataDir, built.vault, built.clock);
  } catch (error) {
    throw new Error(`the app did not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const { core, notices: heard } = opened;
  try {
    // Zero lost acknowledged edits: every post (trash included), whole, and nothing else.
    const stored = await core.posts.exportPosts();
    const byId = Object.fromEntries(stored.map((s) => [s.post.id, { post: s.post, deletedAt: s.deletedAt }]));
    expect(byId).toEqual(Object.fromEntries(built.posts));
    for (const [id, { post, deletedAt }] of built.posts) {
      if (deletedAt === null) expect(await core.posts.get(id)).toEqual(post);
    }
    expect((await core.posts.listTrash()).map((t) => ({ post: t.post, deletedAt: t.deletedAt }))).toEqual(
      [...built.posts.values()].filter((p) => p.deletedAt !== null),
    );
    expect(core.settings.get()).toEqual(built.settings);
    expect(core.accounts.list()).toEqual(built.accounts);

    // A visible notice naming the file and the posts it held.
    const notices = await noticesOf(core, heard);
    const why = kind.nothingAcknowledged?.(damageKind) ?? null;
    if (why === null) {
      const notice = notices.find((n) => path.basename(n.file) === path.basename(file));
      expect(notice, `a notice about ${path.basename(file)} (notices: ${JSON.stringify(notices.map((n) => n.file))})`).toBeDefined();
      for (const id of kind.affected?.(built) ?? []) expect(notice?.postIds ?? []).toContain(id);
    }
  } finally {
    await core.close();
  }
}

describe('damage to any one file of the data folder', () => {
  for (const stop of STOPS) {
    for (const kind of FILE_KINDS.filter((candidate) => candidate.stops?.includes(stop) ?? true)) {
      for (const damageKind of DAMAGES) {
        it(`loses no acknowledged edit and tells the person: ${kind.name}, ${damageKind}, ${stop}`, async () => {
          let passed = false;
          try {
            await runCase(kind, damageKind, stop);
            passed = true;
          } finally {
            results.push({ kind: kind.name, damage: damageKind, stop, passed });
          }
        });
      }
    }
  }

  it('prints the matrix', () => {
    const failed = results.filter((r) => !r.passed);
    console.log(
      `damage matrix: ${results.length} cases, ${results.length - failed.length} passed, ${failed.length} failed` +
        (failed.length > 0 ? `\n  failed: ${failed.map((r) => `${r.kind} × ${r.damage} (${r.stop})`).join('\n          ')}` : '') +
        '\n  not after a clean stop: a recent save (the final fold leaves none)' +
        '\n  not in the matrix: media files (content-addressed images with one copy each; a damaged one is set aside and reported by MediaLibrary.read, but its bytes cannot be rebuilt)',
    );
    const kindsPerStop = STOPS.map((stop) => FILE_KINDS.filter((kind) => kind.stops?.includes(stop) ?? true).length);
    expect(results.length).toBe(kindsPerStop.reduce((a, b) => a + b, 0) * DAMAGES.length);
  });
});
