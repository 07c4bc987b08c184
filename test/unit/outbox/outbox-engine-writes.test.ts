import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEngine, type PartRequest, type Publisher, type RemoteRef, type SendIntent } from '../../../electron/core/outbox';
import { nodeStorageFs, type StorageFs } from '../../../electron/core/storage';
import { dyingFs, intentOnDisk } from '../../support/outbox-disk';

/** When the outbox's writes happen relative to the network (intent-file.ts, writes 2 and 3), through its journal. */

const ACCOUNT = 'bluesky:did:plc:alice';
const target = { network: 'bluesky' as const, accountId: ACCOUNT };
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A network in memory that stores every part it is sent and lets a test look at the disk at that moment. */
class MemoryNetwork implements Publisher {
  readonly network = 'bluesky' as const;
  readonly records = new Map<string, string>();
  readonly sent: string[] = [];
  onSend: (request: PartRequest) => void | Promise<void> = () => undefined;
  #keys = 0;

  newKey(): string {
    return `key${++this.#keys}`;
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    this.sent.push(request.text);
    await this.onSend(request);
    this.records.set(request.key, request.text);
    return { id: `at://alice/${request.key}` };
  }

  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    return this.records.has(request.key) ? { id: `at://alice/${request.key}` } : null;
  }
}

function setup(fs: StorageFs = nodeStorageFs) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-outbox-writes-'));
  folders.push(dataDir);
  const network = new MemoryNetwork();
  const engine = new OutboxEngine({
    fs,
    dataDir,
    now: () => new Date('2026-03-01T09:00:00.000Z'),
    random: () => 0.5,
    publishers: { bluesky: network },
    credentials: { credentialsFor: async () => ({ accessToken: 'token' }) },
  });
  const onDisk = async (intent: SendIntent): Promise<SendIntent | undefined> => intentOnDisk(dataDir, intent.id);
  return { dataDir, network, engine, onDisk };
}

describe('the outbox engine\'s writes', () => {
  it('writes a thread part\'s remote id with the next part\'s key (5 writes for 3 parts), each request leaving with every part before it on disk', async () => {
    const intentWrites: string[] = [];
    const counting: StorageFs = {
      ...nodeStorageFs,
      openAppend: async (file) => {
        const handle = await nodeStorageFs.openAppend(file);
        return { ...handle, append: async (data) => {
          intentWrites.push(data);
          return handle.append(data);
        } };
      },
    };
    const { engine, network, onDisk } = setup(counting);
    await engine.open();
    const queued = await engine.enqueue({ postId: 'post-0001', target, parts: ['one', 'two', 'three'] });
    const seen: SendIntent['parts'][] = [];
    network.onSend = async () => {
      seen.push((await onDisk(queued))!.parts);
    };

    const sent = await engine.send(queued.id);

    expect(sent.state).toBe('published');
    expect(intentWrites).toHaveLength(5);
    expect(seen).toStrictEqual([
      [{ text: 'one', key: 'key1', remote: null }, { text: 'two', key: null, remote: null }, { text: 'three', key: null, remote: null }],
      [{ text: 'one', key: 'key1', remote: { id: 'at://alice/key1' } }, { text: 'two', key: 'key2', remote: null }, { text: 'three', key: null, remote: null }],
      [{ text: 'one', key: 'key1', remote: { id: 'at://alice/key1' } }, { text: 'two', key: 'key2', remote: { id: 'at://alice/key2' } }, { text: 'three', key: 'key3', remote: null }],
    ]);
    expect(await onDisk(queued)).toStrictEqual(sent);
  });

  it('makes the enqueue and each key durable (appended and fsynced) before anything is sent; the outcome is appended without fsync', async () => {
    const log: string[] = [];
    const recording: StorageFs = {
      ...nodeStorageFs,
      writeFile: async (file, data, options) => {
        if (file.includes(`${path.sep}intents${path.sep}`)) log.push(`write intent file`);
        return nodeStorageFs.writeFile(file, data, options);
      },
      openAppend: async (file) => {
        const handle = await nodeStorageFs.openAppend(file);
        return {
          append: async (data) => {
            const written = JSON.parse(data.slice(data.indexOf('{'))) as SendIntent;
            log.push(`append ${written.state}${written.parts.some((part) => part.remote !== null) ? ' with remote' : ''}`);
            return handle.append(data);
          },
          sync: async () => {
            log.push('fsync');
            return handle.sync();
          },
          close: () => handle.close(),
        };
      },
    };
    const { engine, network } = setup(recording);
    network.onSend = () => {
      log.push('request');
    };
    await engine.open();
    const queued = await engine.enqueue({ postId: 'post-0001', target, parts: ['one'] });
    await engine.send(queued.id);
    expect(log).toStrictEqual(['append queued', 'fsync', 'append sending', 'fsync', 'request', 'append published with remote']);
    // At close the journal is fsynced, then folded into the intent's own file.
    log.length = 0;
    await engine.close();
    expect(log).toStrictEqual(['fsync', 'write intent file']);
  });

  it('resumes a thread whose process died after a part went out and before its remote id was written, posting each part once', async () => {
    let failWrites = false;
    const { engine, network, dataDir } = setup(dyingFs(() => failWrites));
    await engine.open();
    const queued = await engine.enqueue({ postId: 'post-0001', target, parts: ['one', 'two', 'three'] });
    network.onSend = (request) => {
      // Part 1 reaches the network, then nothing more reaches the disk.
      if (request.index === 0) failWrites = true;
    };
    await expect(engine.send(queued.id)).rejects.toThrow('the process is gone');

    failWrites = false;
    network.onSend = () => undefined;
    const restarted = new OutboxEngine({
      fs: nodeStorageFs,
      dataDir,
      now: () => new Date('2026-03-01T09:00:01.000Z'),
      random: () => 0.5,
      publishers: { bluesky: network },
      credentials: { credentialsFor: async () => ({ accessToken: 'token' }) },
    });
    await restarted.open();
    expect(restarted.get(queued.id)?.state).toBe('unknown');
    const sent = await restarted.send(queued.id);

    expect(sent.state).toBe('published');
    expect(network.sent).toStrictEqual(['one', 'two', 'three']);
    expect([...network.records.values()]).toStrictEqual(['one', 'two', 'three']);
  });
});
