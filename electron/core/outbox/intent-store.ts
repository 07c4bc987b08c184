import { createHash } from 'node:crypto';
import path from 'node:path';
import { readStoreFile, writeFileAtomic, type AppendFile, type OnRecovered, type StorageFs } from '../storage';
import { removeWithBackups, sweepTempFiles, TEMP_MARKER } from '../storage/atomic-file';
import { errnoOf, isStorageError } from '../storage/storage-error';
import { SerialQueue } from '../storage/serial-queue';
import { decodeIntent, OutboxLayout, type SendIntent } from './intent-file';

/**
 * Every write is atomic; the copies only cover a disk that damaged a file. Two, because
 * writeFileAtomic refreshes .bak1 only by shifting it to .bak2 first: with one, .bak1 would stay the
 * intent's first version forever.
 */
const BACKUPS = 2;

/** The journal is folded into the intent files once it passes either bound (and at every open and close). */
const JOURNAL_MAX_BYTES = 1_000_000;
const JOURNAL_MAX_RECORDS = 2_000;

export interface IntentStoreOptions {
  fs: StorageFs;
  dataDir: string;
  now(): Date;
  onRecovered?: OnRecovered;
}

/** The latest version of an intent since the last compaction, and its sequence; null: removed (cancelled). */
interface Change {
  intent: SendIntent | null;
  seq: number;
}

/**
 * The send intents on disk (layout and reasons in intent-file.ts): a write-ahead journal in front
 * of one file per intent.
 *
 * journal.log, opened once for appending, gets one line per write: `<seq> <sum> <json>\n`, where
 * seq counts the store's writes (never reused, across compactions too), json is the whole intent or
 * `{"removed":"<id>"}` (a cancel), and sum is the first 16 hex of sha256("<seq> <json>"). A durable
 * write appends and fsyncs before it resolves; an outcome appends only (the next fsync covers it).
 *
 * Compaction writes each intent changed since the last one to its own file (atomic, durable, with
 * backups, carrying `journalSeq`: the sequence of the record it holds), removes cancelled ones, and
 * only then replaces the journal with an empty one (new file, rename, fsync of the folder). On
 * reading, a journal record wins over the file only if its seq is newer than the file's journalSeq,
 * so a crash anywhere in compaction loses nothing (the old journal is still there) and regresses
 * nothing (an older record never beats a newer file). The journal is fsynced before any file is
 * written, so a file is never ahead of a journal that a power cut could shorten.
 */
export class IntentStore {
  readonly layout: OutboxLayout;
  readonly journalFile: string;
  readonly #options: IntentStoreOptions;
  readonly #queue = new SerialQueue();
  #loaded = false;
  #seq = 0;
  #journal: AppendFile | null = null;
  #journalBytes = 0;
  #journalRecords = 0;
  /** The journal had a damaged line before its last: kept aside as .corrupt-<time> at the next compaction. */
  #damaged = false;
  readonly #changes = new Map<string, Change>();

  constructor(options: IntentStoreOptions) {
    this.#options = options;
    this.layout = new OutboxLayout(options.dataDir);
    this.journalFile = path.join(this.layout.root, 'journal.log');
  }

  /**
   * Every intent (files, then the journal replayed over them), and the ids of those restored: from a
   * backup (the damaged file set aside), or every intent not yet published when the journal has a
   * damaged line before its last (which write it held cannot be known, so none is trusted to send).
   * A torn last line is a write cut off by a crash, never acknowledged: ignored. Reads only: the
   * files change at the next write or compaction.
   */
  async readAll(): Promise<{ intents: SendIntent[]; restored: Set<string> }> {
    return this.#queue.run(() => this.#load());
  }

  async #load(): Promise<{ intents: SendIntent[]; restored: Set<string> }> {
    const { fs } = this.#options;
    await sweepTempFiles(fs, this.layout.intentsDir);
    const restored = new Set<string>();
    const current = new Map<string, { intent: SendIntent | null; seq: number }>();
    let maxSeq = 0;
    for (const name of (await readdirOrEmpty(fs, this.layout.intentsDir)).sort()) {
      const id = this.layout.idOfFile(name);
      if (id === null) continue;
      const file = this.layout.intent(id);
      let seq = 0;
      const intent = await readStoreFile(
        fs,
        file,
        (bytes) => {
          const intent = decodeIntent(bytes, file);
          seq = seqOfFile(bytes);
          return intent;
        },
        {
          backups: BACKUPS,
          now: this.#options.now,
          onRecovered: (notice) => {
            restored.add(id);
            this.#options.onRecovered?.(notice);
          },
          canWrite: true,
        },
      );
      if (intent !== null) current.set(id, { intent, seq });
      maxSeq = Math.max(maxSeq, seq);
    }

    const changes = new Map<string, Change>();
    const journal = await readJournal(fs, this.journalFile);
    for (const record of journal.records) {
      maxSeq = Math.max(maxSeq, record.seq);
      const id = record.intent?.id ?? record.removed!;
      if (record.seq <= (current.get(id)?.seq ?? 0)) continue; // the file already holds this or newer
      current.set(id, { intent: record.intent, seq: record.seq });
      changes.set(id, { intent: record.intent, seq: record.seq });
    }
    const intents = [...current.values()].flatMap((entry) => (entry.intent === null ? [] : [entry.intent]));
    if (journal.damaged) {
      const waiting = intents.filter((intent) => intent.state !== 'published');
      for (const intent of waiting) restored.add(intent.id);
      // A damaged record whose intent has no other copy cannot be rebuilt: its post is named when the line still shows it.
      const known = new Set(intents.map((intent) => intent.postId));
      const lostPostIds = [...new Set(journal.damagedPostIds)].filter((postId) => !known.has(postId));
      this.#options.onRecovered?.({
        file: this.journalFile,
        movedTo: null,
        restoredFrom: null,
        postIds: [...new Set(waiting.map((intent) => intent.postId))],
        ...(lostPostIds.length > 0 ? { lostPostIds } : {}),
      });
    }
    if (!this.#loaded) {
      this.#loaded = true;
      this.#seq = maxSeq;
      this.#damaged = journal.damaged;
      this.#journalBytes = journal.bytes;
      this.#journalRecords = journal.records.length;
      for (const [id, change] of changes) this.#changes.set(id, change);
    }
    return { intents, restored };
  }

  /**
   * Folds the journal into the intent files and starts an empty one (the engine calls it after
   * reading at open, and at close). Safe to interrupt at any step; see the class comment.
   */
  async compact(): Promise<void> {
    await this.#queue.run(() => this.#compact());
  }

  /** Compacts and closes the journal; a later write opens it again. */
  async close(): Promise<void> {
    await this.#queue.run(async () => {
      await this.#compact();
      await this.#closeJournal();
    });
  }

  /** Cancels an intent: a durable tombstone in the journal, so no older record brings it back; its files go at compaction. */
  async remove(id: string): Promise<void> {
    await this.#append(id, null, true);
  }

  /**
   * Resolves once the intent is in the journal: fsynced (the intent is on disk for good), or for an
   * `outcome` (a write 3 or 4 of intent-file.ts) appended only, for the reasons given there.
   */
  async write(intent: SendIntent, options: { outcome?: boolean } = {}): Promise<void> {
    await this.#append(intent.id, intent, options.outcome !== true);
  }

  async #append(id: string, intent: SendIntent | null, durable: boolean): Promise<void> {
    await this.#queue.run(async () => {
      if (!this.#loaded) await this.#load();
      const journal = await this.#openJournal();
      const seq = this.#seq + 1;
      const line = encodeRecord(seq, intent === null ? { removed: id } : intent);
      await journal.append(line);
      if (durable) await journal.sync();
      this.#seq = seq;
      this.#changes.set(id, { intent, seq });
      this.#journalBytes += Buffer.byteLength(line);
      this.#journalRecords++;
    });
    if (this.#journalBytes > JOURNAL_MAX_BYTES || this.#journalRecords > JOURNAL_MAX_RECORDS) {
      // Not awaited by the writer: its record is already safe in the journal; a failed compaction keeps it there.
      void this.compact().catch(() => undefined);
    }
  }

  async #openJournal(): Promise<AppendFile> {
    if (this.#journal === null) {
      await this.#options.fs.mkdir(this.layout.root, { recursive: true });
      this.#journal = await this.#options.fs.openAppend(this.journalFile);
    }
    return this.#journal;
  }

  async #closeJournal(): Promise<void> {
    const journal = this.#journal;
    this.#journal = null;
    await journal?.close();
  }

  async #compact(): Promise<void> {
    const { fs } = this.#options;
    if (!this.#loaded) await this.#load();
    if (this.#changes.size === 0 && this.#journalRecords === 0 && !this.#damaged) return;
    // 1. Every record durable first: a file must never be ahead of a journal a power cut could shorten.
    await this.#journal?.sync();
    // 2. Each changed intent to its own file (durable), each cancelled one's files removed.
    await fs.mkdir(this.layout.intentsDir, { recursive: true });
    let removed = false;
    for (const [id, change] of this.#changes) {
      const file = this.layout.intent(id);
      if (change.intent === null) {
        await removeWithBackups(fs, file, BACKUPS);
        removed = true;
      } else {
        await writeFileAtomic(fs, file, `${JSON.stringify({ ...change.intent, journalSeq: change.seq })}\n`, { backups: BACKUPS });
      }
    }
    if (removed) await fs.syncDir(this.layout.intentsDir);
    // 3. A damaged journal is kept for a closer look, then a new empty one takes its place atomically.
    if (this.#damaged) {
      await fs.copyFile(this.journalFile, `${this.journalFile}.corrupt-${this.#options.now().toISOString().replace(/[-:.]/g, '')}`).catch((error: unknown) => {
        if (errnoOf(error) !== 'ENOENT') throw error;
      });
    }
    await fs.mkdir(this.layout.root, { recursive: true });
    await sweepTempFiles(fs, this.layout.root); // a journal a crashed compaction left half made
    const tmp = `${this.journalFile}${TEMP_MARKER}${process.pid}-${Date.now()}`;
    await fs.writeFile(tmp, '', { flush: true });
    await this.#closeJournal();
    try {
      await fs.rename(tmp, this.journalFile);
    } catch (error) {
      await fs.unlink(tmp).catch(() => undefined);
      throw error;
    }
    await fs.syncDir(this.layout.root);
    this.#changes.clear();
    this.#journalBytes = 0;
    this.#journalRecords = 0;
    this.#damaged = false;
  }
}

type RecordBody = SendIntent | { removed: string };

function checksum(seq: number, json: string): string {
  return createHash('sha256').update(`${seq} ${json}`).digest('hex').slice(0, 16);
}

export function encodeRecord(seq: number, body: RecordBody): string {
  const json = JSON.stringify(body);
  return `${seq} ${checksum(seq, json)} ${json}\n`;
}

interface JournalRecord {
  seq: number;
  intent: SendIntent | null;
  removed?: string;
}

/** A record line, or null when it is torn, fails its checksum, or does not hold an intent or a removal. */
function decodeRecord(line: string, file: string): JournalRecord | null {
  const match = /^(\d+) ([0-9a-f]{16}) (.*)$/s.exec(line);
  if (match === null) return null;
  const seq = Number(match[1]);
  const json = match[3]!;
  if (!Number.isSafeInteger(seq) || checksum(seq, json) !== match[2]) return null;
  try {
    const parsed = JSON.parse(json) as { removed?: unknown };
    if (typeof parsed.removed === 'string' && parsed.removed.length > 0) return { seq, intent: null, removed: parsed.removed };
    return { seq, intent: decodeIntent(Buffer.from(json), file) };
  } catch (error) {
    if (isStorageError(error, 'newer_version')) throw error;
    return null;
  }
}

async function readJournal(fs: StorageFs, file: string): Promise<{ records: JournalRecord[]; damaged: boolean; damagedPostIds: string[]; bytes: number }> {
  let text: string;
  try {
    text = (await fs.readFile(file)).toString('utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return { records: [], damaged: false, damagedPostIds: [], bytes: 0 };
    throw error;
  }
  const lines = text.split('\n');
  // A journal ending in '\n' leaves an empty last piece; one that does not ends in a torn append.
  if (lines[lines.length - 1] === '') lines.pop();
  const records: JournalRecord[] = [];
  let damaged = false;
  const damagedPostIds: string[] = [];
  lines.forEach((line, index) => {
    const record = decodeRecord(line, file);
    if (record !== null) records.push(record);
    // The last line is the one a crash mid-append cuts off; it was never acknowledged.
    else if (index < lines.length - 1) {
      damaged = true;
      const postId = /"postId":"([^"\\]{1,200})"/.exec(line)?.[1];
      if (postId !== undefined) damagedPostIds.push(postId);
    }
  });
  return { records, damaged, damagedPostIds, bytes: Buffer.byteLength(text) };
}

function seqOfFile(bytes: Buffer): number {
  const seq = (JSON.parse(bytes.toString('utf8')) as { journalSeq?: unknown }).journalSeq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}

async function readdirOrEmpty(fs: StorageFs, dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return [];
    throw error;
  }
}
