import { appendFileSync, mkdirSync, readdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/api';
import { OutboxEngine, PublishFailure, type PartRequest, type Publisher, type RemoteRef, type SendIntent } from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';
import { changedFiles, snapshotFolder } from '../../support/folder-snapshot';
import { dyingFs, intentOnDisk } from '../../support/outbox-disk';

const ACCOUNT = 'bluesky:did:plc:alice';
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A network in memory: records by key, and a script of what the next calls do. */
class ScriptedNetwork implements Publisher {
  readonly network = 'bluesky' as const;
  readonly records = new Map<string, { text: string; replyTo: string | null }>();
  readonly calls: string[] = [];
  /** Per sendPart call, in order: 'ok', or a failure thrown before or after the record is stored. */
  readonly script: ('ok' | { when: 'before' | 'after'; failure: PublishFailure })[] = [];
  onSend: (request: PartRequest) => void | Promise<void> = () => undefined;
  #keys = 0;

  newKey(): string {
    return `key${++this.#keys}`;
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    this.calls.push(`send ${request.index} ${request.key}`);
    await this.onSend(request);
    const step = this.script.shift() ?? 'ok';
    if (step !== 'ok' && step.when === 'before') throw step.failure;
    if (this.records.has(request.key)) throw new PublishFailure('retryable', 'server_error', 'duplicate key (HTTP 500)', { status: 500 });
    this.records.set(request.key, { text: request.text, replyTo: request.done.at(-1)?.id ?? null });
    if (step !== 'ok' && step.when === 'after') throw step.failure;
    return { id: `at://alice/${request.key}` };
  }

  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    this.calls.push(`find ${request.index} ${request.key}`);
    return this.records.has(request.key) ? { id: `at://alice/${request.key}` } : null;
  }
}

function setup(options: { credentials?: () => Promise<never> } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-outbox-'));
  folders.push(dataDir);
  // Something else lives in the data folder: a publish must leave it alone.
  mkdirSync(path.join(dataDir, 'posts'));
  writeFileSync(path.join(dataDir, 'posts', 'index.json'), '{"schemaVersion":1,"entries":[]}');
  const network = new ScriptedNetwork();
  let clock = Date.parse('2026-03-01T09:00:00.000Z');
  const engine = (): OutboxEngine =>
    new OutboxEngine({
      fs: nodeStorageFs,
      dataDir,
      now: () => new Date(clock),
      random: () => 0.5,
      publishers: { bluesky: network },
      credentials: { credentialsFor: options.credentials ?? (async () => ({ accessToken: 'token' })) },
      newIdempotencyKey: () => 'idem-0001',
    });
  const onDisk = async (intent: SendIntent): Promise<SendIntent | undefined> => intentOnDisk(dataDir, intent.id);
  return { dataDir, network, engine, onDisk, advance: (ms: number) => (clock += ms) };
}

const thread = (count: number) => Array.from({ length: count }, (_, index) => `part ${index + 1}`);
const target = { network: 'bluesky' as const, accountId: ACCOUNT };

describe('the outbox engine', () => {
  it('writes the send intent with the chosen key to disk before the request leaves', async () => {
    const { engine, network, onDisk } = setup();
    const outbox = engine();
    await outbox.open();
    const queued = await outbox.enqueue({ postId: 'post-0001', target, parts: ['hello'] });
    const seenOnDisk: SendIntent[] = [];
    network.onSend = async () => {
      seenOnDisk.push((await onDisk(queued))!);
    };
    const sent = await outbox.send(queued.id);
    expect(seenOnDisk).toHaveLength(1);
    expect(seenOnDisk[0]).toMatchObject({ state: 'sending', attempts: 1, idempotencyKey: 'idem-0001', parts: [{ text: 'hello', key: 'key1', remote: null }] });
    expect(sent).toMatchObject({ state: 'published', parts: [{ key: 'key1', remote: { id: 'at://alice/key1' } }] });
    expect(await onDisk(queued)).toStrictEqual(sent);
  });

  it('writes nothing but the journal when it publishes, and at close nothing but the post\'s own intent file and the emptied journal', async () => {
    const { engine, dataDir } = setup();
    const first = engine();
    await first.open();
    const other = await first.enqueue({ postId: 'post-0002', target, parts: ['other'] });
    const queued = await first.enqueue({ postId: 'post-0001', target, parts: ['hello'] });
    await first.close();
    const outbox = engine();
    await outbox.open();
    const before = snapshotFolder(dataDir);
    await outbox.send(queued.id);
    expect(changedFiles(before, snapshotFolder(dataDir))).toStrictEqual(['outbox/journal.log']);
    await outbox.close();
    const own = `outbox/intents/${queued.id}.json`;
    // The journal is empty again, as it was: only the intent that changed was written.
    expect(changedFiles(before, snapshotFolder(dataDir))).toStrictEqual([own, `${own}.bak1`]);
    expect(outbox.get(other.id)?.state).toBe('queued');
    expect(await intentOnDisk(dataDir, other.id)).toStrictEqual(outbox.get(other.id));
  });

  it('posts a thread in order, each part a reply to the one before', async () => {
    const { engine, network } = setup();
    const outbox = engine();
    await outbox.open();
    const queued = await outbox.enqueue({ postId: 'post-0001', target, parts: thread(3) });
    expect((await outbox.send(queued.id)).state).toBe('published');
    expect([...network.records.values()]).toStrictEqual([
      { text: 'part 1', replyTo: null },
      { text: 'part 2', replyTo: 'at://alice/key1' },
      { text: 'part 3', replyTo: 'at://alice/key2' },
    ]);
  });

  it('resumes a thread that failed at part 3 from part 3, never posting a done part again', async () => {
    const { engine, network, advance } = setup();
    const outbox = engine();
    await outbox.open();
    const queued = await outbox.enqueue({ postId: 'post-0001', target, parts: thread(5) });
    network.script.push('ok', 'ok', { when: 'before', failure: new PublishFailure('retryable', 'server_error', 'HTTP 503') });
    const failed = await outbox.send(queued.id);
    expect(failed).toMatchObject({ state: 'failed_retryable', attempts: 1, error: { code: 'server_error' } });
    expect(failed.parts.map((part) => part.remote !== null)).toStrictEqual([true, true, false, false, false]);
    expect(outbox.due()).toStrictEqual([]);
    advance(60_000);
    expect(outbox.due().map((intent) => intent.id)).toStrictEqual([queued.id]);
    const published = await outbox.send(queued.id);
    expect(published).toMatchObject({ state: 'published', attempts: 2 });
    expect(network.calls).toStrictEqual(['send 0 key1', 'send 1 key2', 'send 2 key3', 'find 2 key3', 'send 2 key3', 'send 3 key4', 'send 4 key5']);
    expect([...network.records.values()].map((record) => record.text)).toStrictEqual(thread(5));
  });

  it('after a lost answer asks the network about the saved key instead of sending again', async () => {
    const { engine, network, advance } = setup();
    const outbox = engine();
    await outbox.open();
    const queued = await outbox.enqueue({ postId: 'post-0001', target, parts: ['hello'] });
    network.script.push({ when: 'after', failure: new PublishFailure('unknown', 'timed_out', 'no answer') });
    expect((await outbox.send(queued.id)).state).toBe('unknown');
    advance(60_000);
    expect(await outbox.sendDue()).toMatchObject([{ state: 'published', parts: [{ remote: { id: 'at://alice/key1' } }] }]);
    expect(network.calls).toStrictEqual(['send 0 key1', 'find 0 key1']);
    expect(network.records.size).toBe(1);
  });

  it('after a crash mid-send, a new engine over the same folder reconciles instead of resending', async () => {
    const { engine, network, dataDir } = setup();
    const first = engine();
    await first.open();
    const queued = await first.enqueue({ postId: 'post-0001', target, parts: ['hello'] });
    // The process dies the moment its request is out: the network stores the post, nothing more reaches the disk.
    let dead = false;
    network.onSend = () => {
      dead = true;
    };
    network.script.push({ when: 'after', failure: new PublishFailure('unknown', 'connection_lost', 'process ended') });
    const dying = new OutboxEngine({ fs: dyingFs(() => dead), dataDir, now: () => new Date(), random: () => 0.5, publishers: { bluesky: network }, credentials: { credentialsFor: async () => ({ accessToken: 't' }) } });
    await dying.open();
    await expect(dying.send(queued.id)).rejects.toThrow('the process is gone');
    network.onSend = () => undefined;

    const restarted = engine();
    await restarted.open();
    expect(restarted.get(queued.id)).toMatchObject({ state: 'unknown', parts: [{ key: 'key1', remote: null }] });
    expect((await restarted.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(network.calls).toStrictEqual(['send 0 key1', 'find 0 key1']);
    expect(network.records.size).toBe(1);
  });

  it('lets a target wait for a reconnect when the account needs one, and sends it after Retry', async () => {
    let reconnected = false;
    const { engine, network } = setup({
      credentials: async () => {
        if (!reconnected) throw new AppError('reconnect_needed', 'Bluesky account @alice.test needs to be connected again.');
        return { accessToken: 'token' } as never;
      },
    });
    const outbox = engine();
    await outbox.open();
    const queued = await outbox.enqueue({ postId: 'post-0001', target, parts: ['hello'] });
    expect(await outbox.send(queued.id)).toMatchObject({ state: 'failed_retryable', nextAttemptAt: null, error: { kind: 'reconnect', code: 'reconnect_needed' } });
    expect(outbox.nextDueAt()).toBeNull();
    reconnected = true;
    await outbox.retry(queued.id);
    expect((await outbox.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(network.records.size).toBe(1);
  });

  it('refuses a second intent for the same post and account, and empty parts, changing nothing', async () => {
    const { engine, dataDir } = setup();
    const outbox = engine();
    await outbox.open();
    await outbox.enqueue({ postId: 'post-0001', target, parts: ['hello'] });
    const before = snapshotFolder(dataDir);
    await expect(outbox.enqueue({ postId: 'post-0001', target, parts: ['again'] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(outbox.enqueue({ postId: 'post-0003', target, parts: ['one', ' '] })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(changedFiles(before, snapshotFolder(dataDir))).toStrictEqual([]);
  });
});

describe('a damaged outbox record', () => {
  const reopen = (dataDir: string, network: Publisher, notices: unknown[]) =>
    new OutboxEngine({
      fs: nodeStorageFs,
      dataDir,
      now: () => new Date('2026-03-02T09:00:00.000Z'),
      random: () => 0.5,
      publishers: { bluesky: network },
      credentials: { credentialsFor: async () => ({ accessToken: 't' }) },
      onRecovered: (notice) => notices.push(notice),
    });

  it('restores the last good copy, tells the person, and sends nothing until they have looked', async () => {
    const { engine, network, onDisk, dataDir } = setup();
    const outbox = engine();
    await outbox.open();
    const queued = await outbox.enqueue({ postId: 'post-0001', target, parts: ['one', 'two'] });
    await outbox.close();
    const again = engine();
    await again.open();
    network.script.push('ok', { when: 'before', failure: new PublishFailure('retryable', 'server_error', 'HTTP 503') });
    await again.send(queued.id);
    await again.close();
    const file = path.join(dataDir, 'outbox', 'intents', `${queued.id}.json`);
    writeFileSync(file, '{"schemaVersion":1,"id":');

    const notices: unknown[] = [];
    const reopened = reopen(dataDir, network, notices);
    await reopened.open();
    expect(notices).toMatchObject([{ file, restoredFrom: `${file}.bak1`, movedTo: expect.stringContaining('.corrupt-') }]);
    expect(reopened.get(queued.id)).toMatchObject({ state: 'unknown', nextAttemptAt: null, error: { code: 'restored_from_backup' } });
    expect((await onDisk(queued))?.state).toBe('unknown');
    expect(reopened.due()).toStrictEqual([]);
    const calls = network.calls.length;
    await reopened.sendDue();
    expect(network.calls.length).toBe(calls);
  });

  it('keeps every acknowledged write after the process is killed without closing, and ignores a last line torn mid-append', async () => {
    const { engine, network, dataDir } = setup();
    const outbox = engine();
    await outbox.open();
    const sent = await outbox.enqueue({ postId: 'post-0001', target, parts: ['one'] });
    const waiting = await outbox.enqueue({ postId: 'post-0002', target, parts: ['two'] });
    const published = await outbox.send(sent.id);
    // Killed: no close. Then a write that was cut off halfway (never acknowledged) ends the journal.
    const journal = path.join(dataDir, 'outbox', 'journal.log');
    appendFileSync(journal, '9 0123456789abcdef {"schemaVersion":1,"id":"post-0002');

    const notices: unknown[] = [];
    const reopened = reopen(dataDir, network, notices);
    await reopened.open();
    expect(notices).toStrictEqual([]);
    expect(reopened.get(sent.id)).toStrictEqual(published);
    expect(reopened.get(waiting.id)).toStrictEqual(waiting);
    expect(reopened.due().map((intent) => intent.id)).toStrictEqual([waiting.id]);
    expect(readFileSync(journal, 'utf8')).toBe('');
  });

  it('treats a damaged line before the last as damage: tells the person, and every intent not published waits for them', async () => {
    const { engine, network, dataDir } = setup();
    const outbox = engine();
    await outbox.open();
    const sent = await outbox.enqueue({ postId: 'post-0001', target, parts: ['one'] });
    const waiting = await outbox.enqueue({ postId: 'post-0002', target, parts: ['two'] });
    const published = await outbox.send(sent.id);
    const journal = path.join(dataDir, 'outbox', 'journal.log');
    const lines = readFileSync(journal, 'utf8').split('\n');
    // One flipped character in post-0001's key write (the third record); the records around it stay good.
    expect(lines[2]).toContain('"sending"');
    lines[2] = lines[2]!.replace('"sending"', '"sendinh"');
    writeFileSync(journal, lines.join('\n'));

    const notices: unknown[] = [];
    const reopened = reopen(dataDir, network, notices);
    await reopened.open();
    expect(notices).toMatchObject([{ file: journal, movedTo: null, restoredFrom: null, postIds: ['post-0002'] }]);
    // Published (a later good record) stays published; what is not published waits for the person, never sent on a guess.
    expect(reopened.get(sent.id)).toStrictEqual(published);
    expect(reopened.get(waiting.id)).toMatchObject({ state: 'unknown', nextAttemptAt: null, error: { code: 'restored_from_backup' } });
    expect(reopened.due()).toStrictEqual([]);
    await reopened.sendDue();
    expect(network.calls).toStrictEqual(['send 0 key1']);
    // The damaged journal is kept beside the new empty one.
    expect(readdirSync(path.join(dataDir, 'outbox')).filter((name) => name.startsWith('journal.log.corrupt-'))).toHaveLength(1);
  });
});
