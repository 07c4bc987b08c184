import { createHash } from 'node:crypto';
import { AppError } from '../../../common/api';
import type { MediaRef, NetworkIdValue, Post } from '../../../common/domain';
import type { MediaLibrary } from '../media/media-library';
import type { PostsService } from '../posts/posts-service';
import { HistoryImportError, type HistoryFormat, type ImportedPost, type SkippedPost } from './history-format';
import { openExportSource, type AccountHistoryPort, type HistorySource } from './history-source';
import { sweepSpools } from './tar-reader';

/*
 * Importing a network's history (issue 15). Decisions, written down:
 * - Nothing is stored before the person has seen the summary (inspect reads the export, stores nothing).
 * - All or nothing for posts: the export is read whole first (posts are small; a 50,000-post X
 *   archive is ~30 MB of text), images go into the media library, then every new post is written in
 *   one bulk write (PostsService.addImported, replayed after a crash). Cancel or a refused export
 *   before that write leaves the library as it was; images already copied stay in the media library
 *   (content-addressed, so the next import reuses them) but no post points at them.
 * - One post of the network, one post here: a post's id comes from its network and remote id, so
 *   the same export twice adds nothing; a post Spheres itself published (its publish results name
 *   the remote id or the address) is that post, and its copy in the export is skipped as a duplicate.
 * - One bad post is skipped and named in the report; one bad file refuses the export with its name.
 */

export interface HistoryImportOptions {
  includeReplies: boolean;
  includeReposts: boolean;
}

export interface HistorySummary {
  file: string;
  network: NetworkIdValue;
  format: string;
  posts: number;
  replies: number;
  reposts: number;
  /** First and last post, ISO instants; null for an export with no posts. */
  from: string | null;
  to: string | null;
  images: number;
  /** Posts of the export Spheres already holds (imported before, or published by Spheres). */
  alreadyInSpheres: number;
  /** Of those, how many are replies and reposts: what the Import button counts depends on the toggles. */
  alreadyReplies: number;
  alreadyReposts: number;
  /** Posts that cannot be imported (named in the import's report). */
  unreadable: number;
}

export interface HistoryReport {
  file: string;
  network: NetworkIdValue;
  format: string;
  imported: number;
  duplicates: number;
  /** Replies and reposts left out at the person's choice. */
  leftOut: number;
  imagesAdded: number;
  skipped: SkippedPost[];
  /** More skipped than the report lists. */
  skippedMore: number;
  cancelled: boolean;
}

export interface HistoryProgress {
  phase: 'reading' | 'images' | 'saving';
  done: number;
  /** 0 while the total is not known yet (reading). */
  total: number;
}

export interface HistoryImportServiceOptions {
  posts: PostsService;
  media: MediaLibrary;
  /** Every export this app reads (formats/index.ts). */
  formats: readonly HistoryFormat[];
  /** Connected accounts whose posts can be read without a file (Bluesky); absent: none. */
  accounts?: AccountHistoryPort;
  now?: () => Date;
  onProgress?: (progress: HistoryProgress) => void;
  /** Where a tar.gz is unpacked while it is read (the data folder's, so it is on the same disk). */
  tempDir?: string;
}

const MAX_REPORTED_SKIPS = 200;
const PROGRESS_EVERY = 500;
const IMPORTED_ID_PREFIX = 'h_';

/** The id a network's post gets here, the same in every import: `h_` and 40 characters of a hash. */
export function importedPostId(network: NetworkIdValue, remoteId: string): string {
  return IMPORTED_ID_PREFIX + createHash('sha256').update(`${network}\n${remoteId}`).digest('base64url').slice(0, 40);
}

/** Every name a post goes by on its network: its id, the id's last segment (a Mastodon status URI), its address. */
function keysOf(network: NetworkIdValue, remoteId: string, url: string | null | undefined): string[] {
  const keys = [`${network}:${remoteId}`];
  const last = /^https?:\/\/.*\/([^/?#]+)\/?$/.exec(remoteId)?.[1];
  if (last !== undefined) keys.push(`${network}:${last}`);
  if (url !== null && url !== undefined && url.length > 0) keys.push(`url:${normalUrl(url)}`);
  return keys;
}

function normalUrl(url: string): string {
  return url
    .trim()
    .replace(/^http:/, 'https:')
    .replace(/^https:\/\/(www\.|mobile\.)?(twitter|x)\.com\//, 'https://x.com/')
    .replace(/\/+$/, '')
    .toLowerCase();
}

function cancelled(): AppError {
  return new AppError('invalid_input', 'The import was cancelled.');
}

export class HistoryImportService {
  readonly #options: HistoryImportServiceOptions;
  readonly #now: () => Date;
  #running: AbortController | null = null;

  constructor(options: HistoryImportServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    // Best effort, off the start-up path: a leftover spool is only disk space.
    if (options.tempDir !== undefined) void sweepSpools(options.tempDir, this.#now());
  }

  /** Reads the export and says what it holds; stores nothing. */
  async inspect(file: string, name = file): Promise<HistorySummary> {
    const source = await this.#open(file, name);
    try {
      const known = await this.#knownKeys();
      const summary: HistorySummary = { file: name, network: source.network, format: source.label, posts: 0, replies: 0, reposts: 0, from: null, to: null, images: 0, alreadyInSpheres: 0, alreadyReplies: 0, alreadyReposts: 0, unreadable: 0 };
      const signal = new AbortController().signal;
      for await (const post of source.posts(() => summary.unreadable++, signal)) {
        summary.posts++;
        if (post.kind === 'reply') summary.replies++;
        if (post.kind === 'repost') summary.reposts++;
        summary.images += post.media.length;
        if (summary.from === null || post.publishedAt < summary.from) summary.from = post.publishedAt;
        if (summary.to === null || post.publishedAt > summary.to) summary.to = post.publishedAt;
        if (this.#isKnown(post, known)) {
          summary.alreadyInSpheres++;
          if (post.kind === 'reply') summary.alreadyReplies++;
          if (post.kind === 'repost') summary.alreadyReposts++;
        }
      }
      return summary;
    } catch (error) {
      throw asAppError(error);
    } finally {
      await source.close();
    }
  }

  /** Imports the export the person picked (after they saw its summary). */
  async importFile(file: string, options: HistoryImportOptions, name = file): Promise<HistoryReport> {
    return this.#exclusive(async (signal) => this.#import(await this.#open(file, name), options, signal));
  }

  /** Imports a connected account's posts (Bluesky: from its own server), as an export file is. */
  async importAccount(accountId: string, options: HistoryImportOptions): Promise<HistoryReport> {
    const accounts = this.#options.accounts;
    if (accounts === undefined) throw new AppError('invalid_input', 'Spheres cannot read the history of a connected account in this version.');
    return this.#exclusive(async (signal) => {
      let source: HistorySource;
      try {
        source = await accounts(accountId);
      } catch (error) {
        throw asAppError(error);
      }
      return this.#import(source, options, signal);
    });
  }

  /** Stops the running import; false when none is running. Nothing of it is stored. */
  cancel(): boolean {
    if (this.#running === null) return false;
    this.#running.abort();
    return true;
  }

  async #exclusive(run: (signal: AbortSignal) => Promise<HistoryReport>): Promise<HistoryReport> {
    if (this.#running !== null) throw new AppError('invalid_input', 'An import is already running. Wait for it to finish, or cancel it.');
    const controller = new AbortController();
    this.#running = controller;
    try {
      return await run(controller.signal);
    } finally {
      this.#running = null;
    }
  }

  async #open(file: string, name: string): Promise<HistorySource> {
    try {
      return await openExportSource(file, name, this.#options.formats, this.#options.tempDir === undefined ? {} : { tempDir: this.#options.tempDir });
    } catch (error) {
      throw asAppError(error);
    }
  }

  async #knownKeys(): Promise<Set<string>> {
    // Posts an import made are found by their id; only the ones Spheres published are read.
    const published = await this.#options.posts.publishedPosts((id) => !id.startsWith(IMPORTED_ID_PREFIX));
    const keys = new Set<string>();
    for (const post of published) {
      for (const result of post.results) {
        if (result.state !== 'published') continue;
        for (const remoteId of result.remoteIds) for (const key of keysOf(result.target.network, remoteId, null)) keys.add(key);
        if (result.url !== undefined) keys.add(`url:${normalUrl(result.url)}`);
      }
    }
    return keys;
  }

  #isKnown(post: ImportedPost, known: Set<string>): boolean {
    return this.#options.posts.has(importedPostId(post.network, post.remoteId)) || keysOf(post.network, post.remoteId, post.url).some((key) => known.has(key));
  }

  async #import(source: HistorySource, options: HistoryImportOptions, signal: AbortSignal): Promise<HistoryReport> {
    const report: HistoryReport = { file: source.name, network: source.network, format: source.label, imported: 0, duplicates: 0, leftOut: 0, imagesAdded: 0, skipped: [], skippedMore: 0, cancelled: false };
    const skip = (skipped: SkippedPost): void => {
      if (report.skipped.length < MAX_REPORTED_SKIPS) report.skipped.push(skipped);
      else report.skippedMore++;
    };
    const progress = this.#options.onProgress ?? (() => undefined);
    try {
      const known = await this.#knownKeys();
      const chosen: ImportedPost[] = [];
      const ids = new Set<string>();
      progress({ phase: 'reading', done: 0, total: 0 });
      let read = 0;
      for await (const post of source.posts(skip, signal)) {
        if (++read % PROGRESS_EVERY === 0) progress({ phase: 'reading', done: read, total: 0 });
        if ((post.kind === 'reply' && !options.includeReplies) || (post.kind === 'repost' && !options.includeReposts)) {
          report.leftOut++;
          continue;
        }
        const id = importedPostId(post.network, post.remoteId);
        if (ids.has(id) || this.#isKnown(post, known)) {
          report.duplicates++;
          continue;
        }
        ids.add(id);
        chosen.push(post);
      }
      if (signal.aborted) throw cancelled();

      const withImages = chosen.filter((post) => post.media.length > 0);
      const mediaOf = new Map<ImportedPost, MediaRef[]>();
      for (let index = 0; index < withImages.length; index++) {
        if (signal.aborted) throw cancelled();
        const post = withImages[index]!;
        mediaOf.set(post, await this.#storeMedia(source, post, skip, report));
        if (index % 50 === 0) progress({ phase: 'images', done: index, total: withImages.length });
      }
      if (signal.aborted) throw cancelled();

      progress({ phase: 'saving', done: 0, total: chosen.length });
      const at = this.#now().toISOString();
      const posts = chosen.map((post) => toSpheresPost(post, mediaOf.get(post) ?? [], at));
      // The last point a cancel is heard: from here the write is one step, all or nothing.
      if (signal.aborted) throw cancelled();
      const written = await this.#options.posts.addImported(posts);
      report.imported = written.added.length;
      report.duplicates += written.present.length;
      progress({ phase: 'saving', done: chosen.length, total: chosen.length });
      return report;
    } catch (error) {
      if (signal.aborted) return { ...report, imported: 0, cancelled: true };
      throw asAppError(error);
    } finally {
      await source.close();
    }
  }

  async #storeMedia(source: HistorySource, post: ImportedPost, skip: (skipped: SkippedPost) => void, report: HistoryReport): Promise<MediaRef[]> {
    const refs: MediaRef[] = [];
    const media = this.#options.media;
    for (const item of post.media.slice(0, 20)) {
      let bytes: Uint8Array;
      try {
        bytes = await source.readMedia(item.path, media.maxBytes);
      } catch (error) {
        if (!(error instanceof HistoryImportError) || error.code === 'damaged') throw error;
        skip({ where: item.path, reason: `the image was not imported: ${error.message}` });
        continue;
      }
      const before = refs.length;
      try {
        const sha = createHash('sha256').update(bytes).digest('hex');
        const existed = await media.has(sha);
        const record = await media.importBytes(bytes, item.path);
        if (!existed) report.imagesAdded++;
        refs.push({ mediaId: record.mediaId, mime: record.mime, bytes: record.bytes, ...(record.width === undefined ? {} : { width: record.width }), ...(record.height === undefined ? {} : { height: record.height }), altText: item.altText.slice(0, 5000) });
      } catch (error) {
        // A video or a file that is not an image: the post comes without it, and the report says so.
        const code = (error as { code?: unknown }).code;
        if (code !== 'unsupported_media' && code !== 'media_too_large') throw error;
        if (refs.length === before) skip({ where: item.path, reason: `the file was not imported: ${(error as Error).message}` });
      }
    }
    return refs;
  }
}

/** An imported post as a Spheres post: published, untagged (tone null), on its network, with its result. */
export function toSpheresPost(post: ImportedPost, media: MediaRef[], now: string): Post {
  const target = { network: post.network };
  return {
    id: importedPostId(post.network, post.remoteId),
    createdAt: post.publishedAt,
    updatedAt: now,
    tone: null,
    text: post.text.slice(0, 1_100_000),
    overrides: {},
    targets: [target],
    media,
    contentWarning: (post.contentWarning ?? '').slice(0, 1000),
    threadNumbering: false,
    status: 'published',
    planned: null,
    results: [
      {
        target,
        state: 'published',
        remoteIds: [post.remoteId],
        ...(post.url === null ? {} : { url: post.url }),
        attempts: 0,
        updatedAt: post.publishedAt,
      },
    ],
  };
}

/** A refused export crosses to the renderer as `invalid_archive` with its sentence. */
function asAppError(error: unknown): unknown {
  if (error instanceof HistoryImportError) return new AppError('invalid_archive', error.message, { reason: error.code });
  return error;
}
