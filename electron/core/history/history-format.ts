import type { NetworkIdValue } from '../../../common/domain';

/*
 * The seam between reading a network's data export and storing what it holds (issue 15). An
 * ArchiveReader opens the file the person picked (a zip, a tar.gz, or one JSON/CSV/JS file) and
 * streams its entries; a HistoryFormat recognises one network's export and yields its posts one by
 * one, so a 1 GB archive never sits in memory. The import service (history-import.ts) shows the
 * summary, stores the posts (deduplicated) and the images (through the media library).
 */

/** One file inside an export, as the reader lists it. `path` uses `/`, never climbs out (`..` refused by the reader). */
export interface ArchiveEntry {
  path: string;
  /** Uncompressed size when the archive says it. */
  size: number | null;
}

export interface ArchiveReader {
  /** What the person picked, for error messages ("twitter-2024.zip: data/tweets.js is not …"). */
  readonly name: string;
  entries(): Promise<readonly ArchiveEntry[]>;
  /** A whole entry; refused past `maxBytes` with a clear error (the formats read big files as streams). */
  read(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** An entry as a stream of chunks. */
  stream(path: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** An image (or other media) of an imported post: read from the archive only when it is stored. */
export interface ImportedMedia {
  /** The entry inside the archive (for media with `fetch`, a name for messages, like a blob's at:// address). */
  path: string;
  altText: string;
  /** The bytes, for media not in an archive (Bluesky's blobs on the PDS): when set, it is called instead of `archive.read(path)`. */
  fetch?: () => Promise<Uint8Array>;
}

/** A post as a network's export holds it, before it becomes a Spheres post. */
export interface ImportedPost {
  network: NetworkIdValue;
  /** The network's id of the post (a tweet id, an activity id, a share URN, a record URI…). */
  remoteId: string;
  /** The post's address on the network, when the export gives or implies it. */
  url: string | null;
  /** When it was published, as an ISO instant with offset. */
  publishedAt: string;
  /** Plain text (HTML turned into text, mojibake repaired, t.co links expanded where the export says). */
  text: string;
  /** Replies and reposts are marked so the person can leave them out. */
  kind: 'post' | 'reply' | 'repost';
  media: ImportedMedia[];
  /** The post's content warning (Mastodon's `summary`), when it had one. */
  contentWarning?: string;
}

/** A problem with one post of an export: skipped, and told in the import's report. */
export interface SkippedPost {
  /** Where in the export ("data/tweets.js, item 412"). */
  where: string;
  reason: string;
}

export interface HistoryFormat {
  /** Which export this reads: its network, and a short name for messages ("X archive"). */
  readonly network: NetworkIdValue;
  readonly label: string;
  /** Whether the archive is this network's export (looks at entry names and a first peek; cheap). */
  detect(archive: ArchiveReader): Promise<boolean>;
  /**
   * The export's posts in any order. A file that is not what the format expects throws a
   * HistoryImportError naming the file; one bad post is reported through `skip` and the rest go on.
   */
  posts(archive: ArchiveReader, skip: (skipped: SkippedPost) => void, signal: AbortSignal): AsyncIterable<ImportedPost>;
}

/** A refused export: the message names the person's file (and the entry inside it, and the line when known). */
export class HistoryImportError extends Error {
  readonly code: 'wrong_kind' | 'damaged' | 'unsafe' | 'too_large' | 'unreadable';
  constructor(code: HistoryImportError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HistoryImportError';
    this.code = code;
  }
}
