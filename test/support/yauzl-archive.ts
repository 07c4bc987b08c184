import yauzl from 'yauzl';
import yazl from 'yazl';
import { HistoryImportError, type ArchiveReader } from '../../electron/core/history/history-format';

/** A zip of the files (path → bytes), built with yazl as a real export would be packed. */
export function zipOf(files: Readonly<Record<string, Uint8Array>>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, bytes] of Object.entries(files)) zip.addBuffer(Buffer.from(bytes), path);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * A minimal ArchiveReader over a zip in memory (yauzl), only so the formats' tests read a real zip:
 * the app's own readers (zip, tar.gz, one file; streaming, path checks) live in the import service.
 */
export async function openZipArchive(name: string, zipBytes: Buffer): Promise<ArchiveReader> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zipBytes, { lazyEntries: true, validateEntrySizes: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries = await new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
    const found = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) found.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', reject);
    zip.readEntry();
  });
  const streamOf = (path: string): Promise<NodeJS.ReadableStream> => {
    const entry = entries.get(path);
    if (entry === undefined) return Promise.reject(new HistoryImportError('damaged', `${name}: ${path} is not in the archive.`));
    return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
  };
  return {
    name,
    entries: async () => [...entries.values()].map((entry) => ({ path: entry.fileName, size: entry.uncompressedSize })),
    read: async (path, maxBytes) => {
      const size = entries.get(path)?.uncompressedSize ?? 0;
      if (maxBytes !== undefined && size > maxBytes) throw new HistoryImportError('too_large', `${name}: ${path} is larger than ${maxBytes} bytes.`);
      const chunks: Buffer[] = [];
      for await (const chunk of await streamOf(path)) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    stream: async function* (path) {
      for await (const chunk of await streamOf(path)) yield new Uint8Array(chunk as Buffer);
    },
    close: async () => {
      zip.close();
    },
  };
}
