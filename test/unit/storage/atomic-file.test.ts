import { describe, expect, it } from 'vitest';
import { readStoreFile, writeFileAtomic, type StoreRecovered } from '../../../electron/core/storage';
import { newerVersion } from '../../../electron/core/storage/storage-error';
import { FakeClock, FaultyFs, MemoryFs } from '../../support/storage-fixtures';

const FILE = '/data/store.json';

function decode(bytes: Buffer): { n: number } {
  const value = JSON.parse(bytes.toString('utf8')) as unknown;
  if (typeof value !== 'object' || value === null || typeof (value as { n?: unknown }).n !== 'number') throw new Error('wrong shape');
  if ((value as { v?: unknown }).v === 99) throw newerVersion(FILE);
  return value as { n: number };
}

async function setup() {
  const fs = new MemoryFs();
  await fs.mkdir('/data', { recursive: true });
  const notices: StoreRecovered[] = [];
  const clock = new FakeClock('2026-11-02T09:00:00.000Z');
  const options = { backups: 3, now: clock.now, onRecovered: (n: StoreRecovered) => notices.push(n), canWrite: true };
  return { fs, notices, options };
}

describe('atomic writes with rolling backups', () => {
  it('keeps the three previous good copies as .bak1 to .bak3', async () => {
    const { fs } = await setup();
    for (let n = 1; n <= 5; n++) await writeFileAtomic(fs, FILE, JSON.stringify({ n }), { backups: 3 });
    const read = async (file: string) => JSON.parse((await fs.readFile(file)).toString('utf8')) as unknown;
    expect(await read(FILE)).toEqual({ n: 5 });
    expect(await read(`${FILE}.bak1`)).toEqual({ n: 4 });
    expect(await read(`${FILE}.bak2`)).toEqual({ n: 3 });
    expect(await read(`${FILE}.bak3`)).toEqual({ n: 2 });
    expect([...fs.files.keys()].filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('leaves the file as it was, and no temp file, when the disk fills up mid-write', async () => {
    const { fs } = await setup();
    const faulty = new FaultyFs(fs);
    await writeFileAtomic(faulty, FILE, JSON.stringify({ n: 1 }), { backups: 3 });
    faulty.failWith = 'ENOSPC';
    await expect(writeFileAtomic(faulty, FILE, JSON.stringify({ n: 2 }), { backups: 3 })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect((await fs.readFile(FILE)).toString()).toBe('{"n":1}');
    expect([...fs.files.keys()].sort()).toEqual([FILE]);
  });
});

describe('reading a store file that went bad', () => {
  it('sets a truncated file aside, restores the newest good backup and says so', async () => {
    const { fs, notices, options } = await setup();
    for (let n = 1; n <= 3; n++) await writeFileAtomic(fs, FILE, JSON.stringify({ n }), { backups: 3 });
    await fs.writeFile(FILE, '{"n":3', { flush: true });
    expect(await readStoreFile(fs, FILE, decode, options)).toEqual({ n: 2 });
    expect(notices).toEqual([{ file: FILE, movedTo: `${FILE}.corrupt-20261102T090000000Z`, restoredFrom: `${FILE}.bak1` }]);
    expect((await fs.readFile(`${FILE}.corrupt-20261102T090000000Z`)).toString()).toBe('{"n":3');
    expect((await fs.readFile(FILE)).toString()).toBe('{"n":2}');
  });

  it('skips a backup that is damaged too and takes the next older one', async () => {
    const { fs, notices, options } = await setup();
    for (let n = 1; n <= 3; n++) await writeFileAtomic(fs, FILE, JSON.stringify({ n }), { backups: 3 });
    await fs.writeFile(FILE, '[]', { flush: true });
    await fs.writeFile(`${FILE}.bak1`, 'garbage', { flush: true });
    expect(await readStoreFile(fs, FILE, decode, options)).toEqual({ n: 1 });
    expect(notices[0]?.restoredFrom).toBe(`${FILE}.bak2`);
  });

  it('reports a damaged file with no good copy left, keeping the damaged one', async () => {
    const { fs, notices, options } = await setup();
    await fs.writeFile(FILE, '{"wrong":"shape"}', { flush: true });
    expect(await readStoreFile(fs, FILE, decode, options)).toBeNull();
    expect(notices).toEqual([{ file: FILE, movedTo: `${FILE}.corrupt-20261102T090000000Z`, restoredFrom: null }]);
    expect(fs.files.has(FILE)).toBe(false);
  });

  it('brings back a file that disappeared from its backup', async () => {
    const { fs, notices, options } = await setup();
    await writeFileAtomic(fs, FILE, JSON.stringify({ n: 1 }), { backups: 3 });
    await writeFileAtomic(fs, FILE, JSON.stringify({ n: 2 }), { backups: 3 });
    await fs.unlink(FILE);
    expect(await readStoreFile(fs, FILE, decode, options)).toEqual({ n: 1 });
    expect(notices).toEqual([{ file: FILE, movedTo: null, restoredFrom: `${FILE}.bak1` }]);
  });

  it('returns null, and says nothing, for a file that was never written', async () => {
    const { fs, notices, options } = await setup();
    expect(await readStoreFile(fs, FILE, decode, options)).toBeNull();
    expect(notices).toEqual([]);
  });

  it('never sets aside a file from a newer version: it is not damaged, only not ours', async () => {
    const { fs, notices, options } = await setup();
    await fs.writeFile(FILE, JSON.stringify({ v: 99, n: 1 }), { flush: true });
    await expect(readStoreFile(fs, FILE, decode, options)).rejects.toMatchObject({ code: 'newer_version' });
    expect(notices).toEqual([]);
    expect(fs.files.has(FILE)).toBe(true);
  });

  it('serves the backup but moves nothing when the store must not be written', async () => {
    const { fs, notices, options } = await setup();
    await writeFileAtomic(fs, FILE, JSON.stringify({ n: 1 }), { backups: 3 });
    await writeFileAtomic(fs, FILE, JSON.stringify({ n: 2 }), { backups: 3 });
    await fs.writeFile(FILE, '{', { flush: true });
    expect(await readStoreFile(fs, FILE, decode, { ...options, canWrite: false })).toEqual({ n: 1 });
    expect(notices).toEqual([{ file: FILE, movedTo: null, restoredFrom: `${FILE}.bak1` }]);
    expect((await fs.readFile(FILE)).toString()).toBe('{');
  });
});
