import { describe, expect, it } from 'vitest';
import { fileKeyOf } from '../../../electron/core/posts/post-files';
import { StorageError } from '../../../electron/core/storage';
import { toStorageError } from '../../../electron/core/storage/storage-error';
import { postMonth } from '../../../common/domain';
import { testPost } from '../../support/posts';

const DATA = '/home/ada/.config/Spheres';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), { code });
}

const there = async () => true;
const gone = async () => false;

describe('disk errors as sentences a person can act on', () => {
  it('names the full disk and says the draft is kept', async () => {
    const error = await toStorageError(errno('ENOSPC'), DATA, there);
    expect(error.code).toBe('disk_full');
    expect(error.message).toBe(
      'The disk that holds your Spheres data (/home/ada/.config/Spheres) is full, so your latest changes are not saved yet. Free some space on that disk; Spheres keeps your draft open and saves it as soon as there is room.',
    );
    expect(error.toJSON()).toEqual({ code: 'disk_full', message: error.message, details: { path: DATA, reason: 'ENOSPC' } });
  });

  it('reads EACCES, EPERM and EROFS as a folder Spheres may not write to', async () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS']) {
      const error = await toStorageError(errno(code), DATA, there);
      expect(error.code).toBe('read_only');
      expect(error.details.reason).toBe(code);
      expect(error.message).toContain('Spheres is not allowed to write to its data folder (/home/ada/.config/Spheres).');
    }
  });

  it('tells a missing data folder (an unplugged drive) from a missing file', async () => {
    const missingFolder = await toStorageError(errno('ENOENT'), DATA, gone);
    expect(missingFolder.code).toBe('data_folder_missing');
    expect(missingFolder.message).toContain('The Spheres data folder (/home/ada/.config/Spheres) is missing. If it is on a drive that was disconnected, reconnect the drive');
    expect((await toStorageError(errno('ENOENT'), DATA, there)).code).toBe('io_error');
  });

  it('reports any other disk failure with its errno', async () => {
    const error = await toStorageError(errno('EIO'), DATA, there);
    expect(error.code).toBe('io_error');
    expect(error.message).toContain('the disk reported EIO');
  });

  it('passes a StorageError through unchanged', async () => {
    const original = new StorageError('newer_version', 'newer');
    expect(await toStorageError(original, DATA, there)).toBe(original);
  });
});

const post = testPost;

describe('where a post is filed', () => {
  it('files a post under the month it is planned for', () => {
    expect(postMonth(post({ planned: { at: '2026-12-24T18:00:00.000Z', zone: 'Europe/Copenhagen' } }))).toBe('2026-12');
  });

  it('files an unplanned post under the month it was created', () => {
    expect(postMonth(post({}))).toBe('2026-10');
  });

  it('uses the UTC month of an instant written with an offset', () => {
    expect(postMonth(post({ planned: { at: '2026-12-01T00:30:00+01:00', zone: 'Europe/Copenhagen' } }))).toBe('2026-11');
  });

  it('gives ids that differ only in case different file names (macOS and Windows ignore case)', () => {
    expect(fileKeyOf('AbCdEfGh')).toBe('_ab_cd_ef_gh');
    expect(fileKeyOf('abcdefgh')).toBe('abcdefgh');
    expect(fileKeyOf('a_B')).toBe('a___b');
    expect(fileKeyOf('a__b')).not.toBe(fileKeyOf('a_B'));
  });
});
