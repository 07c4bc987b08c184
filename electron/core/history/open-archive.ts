import fsp from 'node:fs/promises';
import { HistoryImportError, type ArchiveReader } from './history-format';
import { SingleFileReader } from './single-file-reader';
import { TarGzArchiveReader } from './tar-reader';
import { ZipArchiveReader } from './zip-reader';

/**
 * Opens what the person picked by what its first bytes are, not by its name (a download renamed
 * `.zip.part`, a tar.gz saved as `.gz`): a zip, a gzip (a tar.gz export), else one data file.
 */
export async function openArchive(source: string, name: string, options: { tempDir?: string } = {}): Promise<ArchiveReader> {
  let head: Buffer;
  try {
    const handle = await fsp.open(source, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new HistoryImportError('unreadable', `${name} is not a file. Choose the export file the network sent you.`);
      head = Buffer.alloc(4);
      const { bytesRead } = await handle.read(head, 0, 4, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof HistoryImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it is not there any more' : code === 'EACCES' || code === 'EPERM' ? 'Spheres is not allowed to read it' : `the disk reported ${code ?? String(error)}`;
    throw new HistoryImportError('unreadable', `${name} cannot be opened: ${why}.`, { cause: error });
  }
  if (head.length === 0) throw new HistoryImportError('wrong_kind', `${name} is empty.`);
  // PK\3\4 starts a zip with entries; PK\5\6 an empty one (no export is empty, but it is a zip).
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return ZipArchiveReader.open(source, name);
  if (head[0] === 0x1f && head[1] === 0x8b) return TarGzArchiveReader.open(source, name, options.tempDir);
  return SingleFileReader.open(source, name);
}
