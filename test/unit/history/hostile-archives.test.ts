import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryImportError, openArchive } from '../../../electron/core/history';
import { safeEntryPath } from '../../../electron/core/history/archive-limits';
import { sweepSpools } from '../../../electron/core/history/tar-reader';
import { fixtureFiles, rawZip, writeTarGz, writeZip } from '../../support/history-archives';

const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-history-hostile-'));

async function refusal(run: () => Promise<unknown>): Promise<HistoryImportError> {
  const error = await run().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HistoryImportError);
  return error as HistoryImportError;
}

describe('hostile and damaged exports', () => {
  it('keeps an entry path inside the archive, whatever system it came from', () => {
    expect(safeEntryPath('data/./tweets.js')).toBe('data/tweets.js');
    expect(safeEntryPath('twitter-2024/data//tweets.js')).toBe('twitter-2024/data/tweets.js');
    for (const name of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'c:x', 'a\\..\\x', 'a\0b', '']) expect(safeEntryPath(name)).toBeNull();
  });

  for (const name of ['../../.bashrc', '/etc/passwd', 'data\\..\\..\\evil.js', 'C:/Windows/evil.js', 'data/../../evil.js']) {
    it(`refuses a zip with a path that climbs out (${name}), naming the file and the entry`, async () => {
      const file = path.join(dir, 'climbing.zip');
      writeFileSync(file, rawZip([{ name: 'data/tweets.js', bytes: Buffer.from('window.YTD.tweets.part0 = []') }, { name, bytes: Buffer.from('x') }]));
      const error = await refusal(() => openArchive(file, 'climbing.zip'));
      expect(error.code).toBe('unsafe');
      expect(error.message).toContain('climbing.zip was not read: it contains a file whose path points outside the archive');
    });
  }

  it('refuses a tar.gz with a path that climbs out', async () => {
    const file = await writeTarGz(path.join(dir, 'climbing.tar.gz'), new Map([['outbox.json', '{}'], ['../../evil.txt', 'x']]));
    const error = await refusal(() => openArchive(file, 'climbing.tar.gz'));
    expect(error.code).toBe('unsafe');
    expect(error.message).toContain('"../../evil.txt"');
  });

  it('refuses a zip cut short while downloading', async () => {
    const whole = readFileSync(await writeZip(path.join(dir, 'whole.zip'), fixtureFiles('x-archive')));
    const file = path.join(dir, 'twitter-cut.zip');
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const error = await refusal(() => openArchive(file, 'twitter-cut.zip'));
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^twitter-cut\.zip is not a complete zip file \(it may have been cut short while downloading\)/);
  });

  it('refuses a tar.gz cut short while downloading', async () => {
    const whole = readFileSync(await writeTarGz(path.join(dir, 'whole.tar.gz'), fixtureFiles('mastodon')));
    const file = path.join(dir, 'archive-cut.tar.gz');
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const error = await refusal(() => openArchive(file, 'archive-cut.tar.gz'));
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^archive-cut\.tar\.gz is not a complete \.tar\.gz file/);
  });

  it('refuses a zip bomb (one entry that unpacks a thousand times its size) before unpacking it', async () => {
    const file = await writeZip(path.join(dir, 'bomb.zip'), new Map([['data/tweets.js', Buffer.alloc(64 * 1024 ** 2)]]));
    const error = await refusal(() => openArchive(file, 'bomb.zip'));
    expect(error.code).toBe('unsafe');
    expect(error.message).toMatch(/^bomb\.zip was not read: data\/tweets\.js would unpack to 64 MB from \d+ KB, which is how a "zip bomb" looks/);
  });

  it('refuses a gzip bomb while unpacking, and leaves no spool behind', async () => {
    const temp = mkdtempSync(path.join(os.tmpdir(), 'spheres-history-spool-'));
    const file = await writeTarGz(path.join(dir, 'bomb.tar.gz'), new Map([['outbox.json', Buffer.alloc(64 * 1024 ** 2)]]));
    const error = await refusal(() => openArchive(file, 'bomb.tar.gz', { tempDir: temp }));
    expect(error.code).toBe('unsafe');
    expect(readdirSync(temp)).toEqual([]);
  });

  it('refuses an entry whose bytes are more than the zip says', async () => {
    const file = path.join(dir, 'lying.zip');
    writeFileSync(file, rawZip([{ name: 'data/tweets.js', bytes: Buffer.from('window.YTD.tweets.part0 = [ ]'), declaredSize: 5 }]));
    const error = await refusal(() => openArchive(file, 'lying.zip'));
    expect(error.code).toBe('damaged');
    expect(error.message).toBe('lying.zip: its list of files is damaged (compressed/uncompressed size mismatch for stored file: 29 != 5). Download the export again.');
  });

  it('refuses to read one entry past the size asked for', async () => {
    const file = await writeZip(path.join(dir, 'big.zip'), new Map([['data/tweets_media/1-a.png', Buffer.from('x'.repeat(5000))]]));
    const archive = await openArchive(file, 'big.zip');
    const error = await refusal(() => archive.read('data/tweets_media/1-a.png', 1000));
    expect(error.code).toBe('too_large');
    await archive.close();
  });

  it('says so when the file is empty or gone', async () => {
    const empty = path.join(dir, 'empty.zip');
    writeFileSync(empty, '');
    expect((await refusal(() => openArchive(empty, 'empty.zip'))).message).toBe('empty.zip is empty.');
    expect((await refusal(() => openArchive(path.join(dir, 'gone.zip'), 'gone.zip'))).message).toBe('gone.zip cannot be opened: it is not there any more.');
  });

  it('clears spools a crash left behind a day ago, and keeps a running import\'s', async () => {
    const temp = mkdtempSync(path.join(os.tmpdir(), 'spheres-history-sweep-'));
    mkdirSync(path.join(temp, 'spheres-history-old'));
    mkdirSync(path.join(temp, 'spheres-history-running'));
    mkdirSync(path.join(temp, 'posts'));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(path.join(temp, 'spheres-history-old'), twoDaysAgo, twoDaysAgo);
    utimesSync(path.join(temp, 'posts'), twoDaysAgo, twoDaysAgo);
    await sweepSpools(temp, new Date());
    expect(readdirSync(temp).sort()).toEqual(['posts', 'spheres-history-running']);
  });
});
