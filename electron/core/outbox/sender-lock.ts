import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { StorageFs } from '../storage';
import type { TimerPort } from './scheduler';

/** Who sends from a data folder: written by the holder, read by anyone who wants to. */
export const LockHolderSchema = z.object({
  schemaVersion: z.literal(1),
  /** Changes with every holder, so a takeover is told apart from a refresh. */
  token: z.string().min(1),
  pid: z.number().int().positive(),
  host: z.string().min(1),
  /** In the person's words: "the Spheres app", "the Spheres web host". */
  holder: z.string().min(1),
  since: z.iso.datetime(),
  heartbeatAt: z.iso.datetime(),
});
export type LockHolder = z.infer<typeof LockHolderSchema>;

export type SenderLockResult =
  | { ok: true }
  | { ok: false; code: 'sender_lock_held'; message: string; holder: LockHolder | null };

export interface SenderLockOptions {
  fs: StorageFs;
  dataDir: string;
  now(): Date;
  timers: TimerPort;
  pid: number;
  host: string;
  /** Whether a process of this host still runs (process.kill(pid, 0) in Node). */
  isProcessAlive(pid: number): boolean;
  holder: string;
  /** How often the holder writes its heartbeat. */
  heartbeatMs?: number;
  /** A holder silent this long is taken to be gone (a crash on another host, or a machine asleep). */
  staleAfterMs?: number;
  newToken?(): string;
  /** Another process took the lock (this one was asleep past the stale bound): stop sending. */
  onLost?(holder: LockHolder | null): void;
}

export const DEFAULT_HEARTBEAT_MS = 10_000;
export const DEFAULT_STALE_AFTER_MS = 60_000;

/**
 * One sender per data folder: the desktop app and a web host on the same folder never both send
 * (each has its own view of the outbox, so both would choose their own record keys and post twice).
 *
 * `outbox/sender.lock` names the holder. It is created whole or not at all: written to a temporary
 * file, then hard-linked to its name, which fails when the name exists (the same guarantee as
 * O_EXCL, without a moment where the file exists but is empty). A holder refreshes its heartbeat
 * by replacing the file (rename is atomic). A holder is stale when its heartbeat is older than
 * the bound, or when it ran on this host and its process is gone; a stale lock is moved aside and
 * taken, and whoever moved aside something other than what it judged stale puts it back.
 * The holder checks the file before each send (`confirm`), so one that slept past the bound and
 * was replaced finds out before it sends, not at its next heartbeat.
 */
export class SenderLock {
  readonly #options: SenderLockOptions;
  readonly #file: string;
  readonly #token: string;
  readonly #heartbeatMs: number;
  readonly #staleAfterMs: number;
  #held: LockHolder | null = null;
  #timer: unknown = null;

  constructor(options: SenderLockOptions) {
    this.#options = options;
    this.#file = path.join(options.dataDir, 'outbox', 'sender.lock');
    this.#token = (options.newToken ?? randomUUID)();
    this.#heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.#staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  get file(): string {
    return this.#file;
  }

  get held(): boolean {
    return this.#held !== null;
  }

  async acquire(): Promise<SenderLockResult> {
    if (this.#held !== null) return { ok: true };
    const { fs } = this.#options;
    await fs.mkdir(path.dirname(this.#file), { recursive: true });
    // A few rounds: each ends in "created", "refused", or someone else moving faster.
    for (let round = 0; round < 5; round++) {
      const record = this.#record(this.#options.now());
      if (await this.#createExclusive(record)) {
        this.#held = record;
        this.#scheduleHeartbeat();
        return { ok: true };
      }
      const seen = await this.#read();
      if (seen === null) continue;
      const verdict = this.#judge(seen);
      if (verdict.live) return refused(verdict.holder);
      await this.#moveAsideIfStill(seen.raw);
    }
    const now = await this.#read();
    return refused(now === null ? null : this.#judge(now).holder);
  }

  /** Before a send: still ours? Refreshes a heartbeat gone old (after a sleep) on the way. */
  async confirm(): Promise<boolean> {
    if (this.#held === null) return false;
    const seen = await this.#read();
    if (seen === null || seen.holder?.token !== this.#token) {
      this.#lose(seen?.holder ?? null);
      return false;
    }
    const age = this.#options.now().getTime() - Date.parse(seen.holder.heartbeatAt);
    if (age > this.#heartbeatMs) await this.#refresh();
    return this.#held !== null;
  }

  /** Gives the folder up (on quit); a lock that another process took meanwhile is left alone. */
  async release(): Promise<void> {
    this.#stopHeartbeat();
    if (this.#held === null) return;
    this.#held = null;
    const seen = await this.#read();
    if (seen?.holder?.token !== this.#token) return;
    await this.#options.fs.unlink(this.#file).catch(ignoreMissing);
    await this.#options.fs.syncDir(path.dirname(this.#file)).catch(() => undefined);
  }

  #record(at: Date): LockHolder {
    const iso = at.toISOString();
    return {
      schemaVersion: 1,
      token: this.#token,
      pid: this.#options.pid,
      host: this.#options.host,
      holder: this.#options.holder,
      since: this.#held?.since ?? iso,
      heartbeatAt: iso,
    };
  }

  async #writeTemp(record: LockHolder): Promise<string> {
    const temp = `${this.#file}.${this.#token}.tmp`;
    await this.#options.fs.writeFile(temp, `${JSON.stringify(record)}\n`, { flush: true });
    return temp;
  }

  async #createExclusive(record: LockHolder): Promise<boolean> {
    const { fs } = this.#options;
    const temp = await this.#writeTemp(record);
    try {
      await fs.link(temp, this.#file);
      await fs.syncDir(path.dirname(this.#file));
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    } finally {
      await fs.unlink(temp).catch(ignoreMissing);
    }
  }

  async #read(): Promise<{ raw: string; holder: LockHolder | null; modifiedMs: number } | null> {
    const { fs } = this.#options;
    try {
      const [raw, stat] = await Promise.all([fs.readFile(this.#file), fs.stat(this.#file)]);
      const text = raw.toString('utf8');
      let holder: LockHolder | null = null;
      try {
        const parsed = LockHolderSchema.safeParse(JSON.parse(text));
        holder = parsed.success ? parsed.data : null;
      } catch {
        holder = null;
      }
      return { raw: text, holder, modifiedMs: stat.mtimeMs };
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  #judge(seen: { holder: LockHolder | null; modifiedMs: number }): { live: boolean; holder: LockHolder | null } {
    const now = this.#options.now().getTime();
    const { holder } = seen;
    // A damaged lock file says nothing about its writer: only its age can free the folder.
    if (holder === null) return { live: now - seen.modifiedMs <= this.#staleAfterMs, holder };
    if (holder.host === this.#options.host && holder.pid !== this.#options.pid && !this.#options.isProcessAlive(holder.pid)) {
      return { live: false, holder };
    }
    return { live: now - Date.parse(holder.heartbeatAt) <= this.#staleAfterMs, holder };
  }

  /**
   * Moves the stale lock aside under a name of our own, then checks that what moved is what was
   * judged stale: if its holder refreshed (or another process took it) in between, it goes back.
   */
  async #moveAsideIfStill(judgedRaw: string): Promise<void> {
    const { fs } = this.#options;
    const aside = `${this.#file}.${this.#token}.stale`;
    try {
      await fs.rename(this.#file, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    try {
      const moved = (await fs.readFile(aside)).toString('utf8');
      if (moved !== judgedRaw) await fs.link(aside, this.#file).catch(() => undefined);
    } finally {
      await fs.unlink(aside).catch(ignoreMissing);
    }
  }

  async #refresh(): Promise<void> {
    if (this.#held === null) return;
    const seen = await this.#read();
    if (seen?.holder?.token !== this.#token) {
      this.#lose(seen?.holder ?? null);
      return;
    }
    const record = this.#record(this.#options.now());
    const temp = await this.#writeTemp(record);
    await this.#options.fs.rename(temp, this.#file);
    this.#held = record;
  }

  #scheduleHeartbeat(): void {
    this.#timer = this.#options.timers.setTimeout(() => {
      this.#timer = null;
      void this.#refresh()
        .catch(() => undefined)
        .finally(() => {
          if (this.#held !== null) this.#scheduleHeartbeat();
        });
    }, this.#heartbeatMs);
  }

  #stopHeartbeat(): void {
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #lose(holder: LockHolder | null): void {
    if (this.#held === null) return;
    this.#held = null;
    this.#stopHeartbeat();
    this.#options.onLost?.(holder);
  }
}

function refused(holder: LockHolder | null): SenderLockResult {
  const who = holder === null ? 'Another Spheres' : `${capitalized(holder.holder)} (process ${holder.pid} on ${holder.host})`;
  return {
    ok: false,
    code: 'sender_lock_held',
    message: `${who} is sending posts from this data folder, so this one does not. Close it to send from here.`,
    holder,
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function ignoreMissing(error: unknown): void {
  if (errorCode(error) !== 'ENOENT') throw error;
}

/** Whether a process of this host runs: signal 0 checks without sending; EPERM means it runs as someone else. */
export function isProcessAliveOnThisHost(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}
