import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { MediaRefSchema, PostIdSchema, PublishStateSchema, TargetSchema } from '../../../common/domain';
import { fileKeyOf } from '../posts/post-files';
import { newerVersion } from '../storage/storage-error';
import { FAILURE_KINDS, PUBLISH_FAILURE_CODES } from './publish-failure';

/*
 * The outbox on disk, under <data>/outbox/:
 *   journal.log                    every write of an intent since the last compaction, one line each,
 *                                  appended to a file kept open (format and replay in intent-store.ts).
 *   intents/<post file key>.<network>-<16 hex of sha256(network, account)>.json
 *                                  one send intent per (post, target): what is being sent, where it
 *                                  has got to, and the last outcome, as of the last compaction
 *                                  (`journalSeq`: the journal record it holds). Nothing else is written by a publish.
 *   (each keeps .bak1 and .bak2, its last good copies; a damaged file is set aside and a copy restored)
 *
 * Why each write is where it is (OutboxEngine):
 *   1. enqueue        the intent with its parts' texts, state `queued`: the post is promised to the
 *                     network before anything else happens, so a crash later cannot forget it.
 *   2. before a send  state `sending`, attempts + 1, and the record key chosen for the part about to
 *                     go out. Written (fsync + rename + fsync of the folder) BEFORE the request leaves:
 *                     if the process dies while the request is in flight, the next start finds
 *                     `sending` with a key, knows the post may be on the network, and asks the network
 *                     about exactly that key instead of sending blindly (a second key would be a duplicate).
 *   2b. a step        (Threads, Instagram) what the publisher's first request of a part made (the
 *                     container id), written durably like 2 before its second request (publish) leaves:
 *                     after a lost answer the network is asked about that container, never a second made.
 *   3. after a part   the part's remote id (uri/cid) right after the network answers: a thread that
 *                     fails later resumes at the first part without one, and a done part is never sent again.
 *                     In a thread it goes to disk with the next part's write 2 (one write, not two:
 *                     3 writes for a single post, 2 + parts for a thread). Safe because until that
 *                     write the disk says `sending` with the answered part's key, which start-up
 *                     reconciles (asks the network, never resends blindly): a crash in between costs
 *                     a question, not a duplicate. After the last part it is written before send()
 *                     resolves and before `onChange`: an outcome is reported only once it is written.
 *   4. after a failure the state the failure means (failed_retryable / failed_permanent / unknown), the
 *                     reason and when to try next, so the outbox shows why and the retry survives a restart.
 * A crash between 2 and 3 is the one a network sees twice only if we resend: start-up turns every
 * `sending` into `unknown`, and a part with a key but no remote id is reconciled before it is sent.
 *
 * Writes 1 and 2 are durable before they count: appended to the journal and fsynced (one fsync of a
 * file already open, no rename) before enqueue resolves or the request leaves. Writes 3 and 4, the
 * outcomes, are appended without fsync: a process that dies keeps them (they are in the system's
 * cache), and the next durable write or compaction fsyncs them. A power cut that loses one leaves
 * write 2 in the journal, `sending` with the key, which start-up reconciles as above; a power cut
 * that tears the last line (never acknowledged) drops only that line. Either way no post goes out
 * twice, and a send costs one fsync. A cancel is a durable tombstone record, so no older record
 * brings the intent back. Compaction (at open, at close, and past 1 MB or 2,000 records) fsyncs the
 * journal, writes each changed intent to its file (fsync, rename, fsync of the folder), and only then
 * starts an empty journal: a crash at any step replays a journal whose records are never older than
 * the files they would replace (a record wins only with a newer `journalSeq`).
 */

const IsoInstant = z.iso.datetime({ offset: true });
const Version = z.number().int().positive();

export const OUTBOX_SCHEMA_VERSION = 1;

/** What a network gave back for one posted part; `id` is what a reply or a link needs. */
export const RemoteRefSchema = z.object({
  id: z.string().min(1).max(2000),
  cid: z.string().min(1).max(200).optional(),
  url: z.string().max(2000).optional(),
});
export type RemoteRef = z.infer<typeof RemoteRefSchema>;

export const IntentPartSchema = z.object({
  text: z.string().max(1_100_000),
  /** The record key chosen for this part before it was first sent; null until then. */
  key: z.string().min(1).max(100).nullable(),
  /** Set once the network has the part: it is never sent again. */
  remote: RemoteRefSchema.nullable(),
  /**
   * What the publisher saved of the part's progress between two requests of one send (a Meta
   * container id, made by one request and published by the next): durable before the next request
   * leaves, so an unknown outcome asks about that container instead of making a second. Absent: none.
   */
  step: z.string().min(1).max(2000).nullable().optional(),
});
export type IntentPart = z.infer<typeof IntentPartSchema>;

export const IntentErrorSchema = z.object({
  kind: z.enum(FAILURE_KINDS),
  code: z.enum(PUBLISH_FAILURE_CODES),
  message: z.string().max(2000),
});
export type IntentError = z.infer<typeof IntentErrorSchema>;

/**
 * What goes with the text: the content warning (on every part, where the network has one) and the
 * images with their alt text (on the first part). Taken from the post when it was queued.
 */
export const IntentExtrasSchema = z.object({
  contentWarning: z.string().max(1000),
  media: z.array(MediaRefSchema).max(20),
});
export type IntentExtras = z.infer<typeof IntentExtrasSchema>;
export const NO_EXTRAS: IntentExtras = Object.freeze({ contentWarning: '', media: [] }) as IntentExtras;

export const SendIntentSchema = z.object({
  schemaVersion: Version,
  id: z.string().min(1).max(200),
  postId: PostIdSchema,
  target: TargetSchema.required({ accountId: true }),
  /** One per target, kept across retries: a network with idempotency keys (Mastodon) gets this one. */
  idempotencyKey: z.string().min(8).max(100),
  state: PublishStateSchema,
  parts: z.array(IntentPartSchema).min(1).max(100),
  /** Absent in intents written before images and content warnings went out: none. */
  extras: IntentExtrasSchema.optional(),
  /** The time the person chose (a scheduled post); null for Post now. The grace window counts from it. */
  plannedAt: IsoInstant.nullable().optional(),
  attempts: z.number().int().nonnegative(),
  /** When the engine may try again; null when it waits for the person or the account (or is done). */
  nextAttemptAt: IsoInstant.nullable(),
  error: IntentErrorSchema.nullable(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type SendIntent = z.infer<typeof SendIntentSchema>;

/** A newer outbox file is not ours to judge: it is reported, never rewritten. */
export function decodeIntent(bytes: Buffer, file: string): SendIntent {
  const parsed: unknown = JSON.parse(bytes.toString('utf8'));
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > OUTBOX_SCHEMA_VERSION) throw newerVersion(file);
  return SendIntentSchema.parse(parsed);
}

export function encodeIntent(intent: SendIntent): string {
  return `${JSON.stringify(intent)}\n`;
}

/**
 * The file key of a (post, target): the post's own file key and a short hash of network and
 * account, since account ids carry ':' that Windows file names refuse. Deterministic, so the same
 * target of the same post can never get two intents.
 */
export function intentIdOf(postId: string, target: { network: string; accountId: string }): string {
  const hash = createHash('sha256').update(`${target.network}\n${target.accountId}`).digest('hex').slice(0, 16);
  return `${fileKeyOf(postId)}.${target.network}-${hash}`;
}

export class OutboxLayout {
  readonly root: string;
  readonly intentsDir: string;

  constructor(readonly dataDir: string) {
    this.root = path.join(dataDir, 'outbox');
    this.intentsDir = path.join(this.root, 'intents');
  }

  intent(id: string): string {
    return path.join(this.intentsDir, `${id}.json`);
  }

  /** The intent id of a file in intentsDir, or null for anything else (backups, temp files). */
  idOfFile(name: string): string | null {
    return /^[^.]+\.[a-z]+-[0-9a-f]{16}\.json$/.test(name) ? name.slice(0, -'.json'.length) : null;
  }
}
