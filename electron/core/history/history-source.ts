import type { NetworkIdValue } from '../../../common/domain';
import { HistoryImportError, type HistoryFormat, type ImportedPost, type SkippedPost } from './history-format';
import { openArchive } from './open-archive';

/**
 * Where an import's posts come from: an export file read by one format, or a connected account
 * (Bluesky reads its own PDS). The import service treats both the same.
 */
export interface HistorySource {
  /** For messages and the report: the file the person picked, or the account. */
  readonly name: string;
  readonly network: NetworkIdValue;
  /** "X archive", "Bluesky account". */
  readonly label: string;
  posts(skip: (skipped: SkippedPost) => void, signal: AbortSignal): AsyncIterable<ImportedPost>;
  /** The bytes of one ImportedMedia.path, refused past `maxBytes`. */
  readMedia(path: string, maxBytes: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A connected account's posts (the metaimport engineer's Bluesky reader): given the account id, its source. */
export type AccountHistoryPort = (accountId: string) => Promise<HistorySource>;

/** Opens the file the person picked and finds which network's export it is; refused with a clear error if none. */
export async function openExportSource(file: string, name: string, formats: readonly HistoryFormat[], options: { tempDir?: string } = {}): Promise<HistorySource> {
  const archive = await openArchive(file, name, options);
  try {
    for (const format of formats) {
      if (await format.detect(archive)) {
        return {
          name,
          network: format.network,
          label: format.label,
          posts: (skip, signal) => format.posts(archive, skip, signal),
          readMedia: (path, maxBytes) => archive.read(path, maxBytes),
          close: () => archive.close(),
        };
      }
    }
  } catch (error) {
    await archive.close();
    throw error;
  }
  await archive.close();
  const known = [...new Set(formats.map((format) => format.label))].join(', ');
  throw new HistoryImportError('wrong_kind', `${name} is not a data export Spheres can read. It reads: ${known}. Choose the file the network sent you (the whole zip, or the posts file inside it).`);
}
