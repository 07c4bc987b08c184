/** The host's timers (Node's or Electron's main process); a fake in tests, so nothing really waits. */
export interface TimerPort {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Moments when timers may have been wrong: the machine woke from sleep (timers stood still while
 * the wall clock ran on), or the wall clock was set. Each returns a function that unsubscribes.
 * The desktop main wires `onResume` to powerMonitor's 'resume'; Electron has no clock-change
 * event, so `onClockChange` is optional and the timer bound below covers a clock that was set.
 */
export interface PowerPort {
  onResume(listener: () => void): () => void;
  onClockChange?(listener: () => void): () => void;
}

/** A target that waits for a time: its planned time, or the time of its next attempt. */
export interface WaitingTarget {
  id: string;
  accountId: string;
  dueAt: Date;
  /** Never attempted: `dueAt` is the time the person chose, so the grace window applies to it. */
  notStarted: boolean;
}

/** What the scheduler needs of the outbox (outboxSchedulerPort adapts the engine). */
export interface SchedulerOutboxPort {
  /** Every target that waits for a time, due or not. */
  waiting(): readonly WaitingTarget[];
  /** One attempt at one target; the outbox writes its outcome. */
  send(id: string): Promise<unknown>;
}

/** A post whose time passed while the app was closed, by more than the grace window. */
export interface MissedTarget {
  id: string;
  accountId: string;
  dueAt: string;
  reason: 'missed_its_time';
}

export interface OutboxSchedulerOptions {
  now(): Date;
  timers: TimerPort;
  power: PowerPort;
  outbox: SchedulerOutboxPort;
  /** A post found late at start goes out only this late at most (a setting; default 15 minutes). */
  graceMs?: number;
  /** No timer waits longer than this; each wake-up looks at the clock again. */
  maxTimerMs?: number;
  /** How many accounts send side by side. */
  maxParallelAccounts?: number;
  /** Asked before each send: false when another process took over the data folder's sender lock. */
  maySend?(): Promise<boolean>;
  /** A send that threw (the disk's trouble, not the network's, which the outbox records itself). */
  onSendError?(error: unknown, targetId: string): void;
}

export const DEFAULT_GRACE_MS = 15 * 60_000;
/**
 * A minute: after a sleep or a clock that was set, a post is at most this late even when no
 * resume or clock event arrives. Node's setTimeout also turns any delay above 2^31-1 ms (24.8
 * days) into 1 ms, so a post planned a month ahead would fire at once without a bound.
 */
export const DEFAULT_MAX_TIMER_MS = 60_000;
export const DEFAULT_MAX_PARALLEL_ACCOUNTS = 4;

/** A target set aside while its due time stays what it was (a Retry gives it a new one). */
interface Hold {
  dueAtMs: number;
  /** null: until the person acts (missed its time); otherwise until this wall-clock time. */
  untilMs: number | null;
}

/**
 * Sends each target when its time comes. Times are instants (the zone only chose them, see
 * scheduler-time.ts), so a clock change in the zone changes nothing here.
 *
 * Why not the engine's sendDue on each tick: it finishes only when every account's queue is done,
 * so a slow account would hold the next tick's post for another account; and two overlapping
 * calls could send one account's targets side by side. Here each account has one lane (one send
 * at a time), lanes run side by side up to a bound, and a lane that finishes makes room at once.
 */
export class OutboxScheduler {
  readonly #options: OutboxSchedulerOptions;
  readonly #graceMs: number;
  readonly #maxTimerMs: number;
  readonly #maxParallel: number;
  readonly #lanes = new Map<string, Promise<void>>();
  readonly #holds = new Map<string, Hold>();
  readonly #unsubscribe: (() => void)[] = [];
  #timer: { handle: unknown } | null = null;
  /** The lock said another process sends: nothing starts before this wall-clock time. */
  #pausedUntil: number | null = null;
  #state: 'new' | 'running' | 'stopped' = 'new';

  constructor(options: OutboxSchedulerOptions) {
    this.#options = options;
    this.#graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.#maxTimerMs = Math.min(options.maxTimerMs ?? DEFAULT_MAX_TIMER_MS, 2 ** 31 - 1);
    this.#maxParallel = Math.max(1, options.maxParallelAccounts ?? DEFAULT_MAX_PARALLEL_ACCOUNTS);
  }

  /**
   * Starts watching the clock. A post that never started and whose time passed more than the
   * grace window ago is not sent: it is returned, for the outbox to mark "needs attention: missed
   * its time", and held back until its time changes (the person's Post now or Retry).
   */
  start(): MissedTarget[] {
    if (this.#state !== 'new') throw new Error('OutboxScheduler.start() runs once');
    this.#state = 'running';
    const now = this.#options.now().getTime();
    const missed: MissedTarget[] = [];
    for (const target of this.#options.outbox.waiting()) {
      const dueAtMs = target.dueAt.getTime();
      if (!target.notStarted || now - dueAtMs <= this.#graceMs) continue;
      this.#holds.set(target.id, { dueAtMs, untilMs: null });
      missed.push({ id: target.id, accountId: target.accountId, dueAt: target.dueAt.toISOString(), reason: 'missed_its_time' });
    }
    missed.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    const recheck = (): void => this.#afterClockTrouble();
    this.#unsubscribe.push(this.#options.power.onResume(recheck));
    if (this.#options.power.onClockChange !== undefined) this.#unsubscribe.push(this.#options.power.onClockChange(recheck));
    this.#check();
    return missed;
  }

  /** The outbox changed (a post queued, retried, edited): look again. */
  wake(): void {
    if (this.#state === 'running') this.#check();
  }

  /** Resolves when no send is in flight (after start, tests and shutdown wait for it). */
  async settled(): Promise<void> {
    while (this.#lanes.size > 0) await Promise.all(this.#lanes.values());
  }

  /** Stops the timer and the power listeners; a send in flight finishes, no new one starts. */
  async stop(): Promise<void> {
    this.#state = 'stopped';
    this.#clearTimer();
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.settled();
  }

  #afterClockTrouble(): void {
    // A hold measured in wall time is meaningless after the clock moved: try those again now.
    for (const [id, hold] of this.#holds) if (hold.untilMs !== null) this.#holds.delete(id);
    this.#pausedUntil = null;
    this.wake();
  }

  #check(): void {
    this.#dispatch();
    this.#arm();
  }

  /** Targets due now that may be sent, oldest first. */
  #dueNow(now: number): WaitingTarget[] {
    return this.#options.outbox
      .waiting()
      .filter((target) => target.dueAt.getTime() <= now && !this.#isHeld(target, now))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  #isHeld(target: WaitingTarget, now: number): boolean {
    const hold = this.#holds.get(target.id);
    if (hold === undefined) return false;
    if (hold.dueAtMs === target.dueAt.getTime() && (hold.untilMs === null || now < hold.untilMs)) return true;
    this.#holds.delete(target.id);
    return false;
  }

  /** Opens a lane for each account with something due, oldest first, while there is room. */
  #dispatch(): void {
    if (this.#state !== 'running') return;
    const now = this.#options.now().getTime();
    if (this.#pausedUntil !== null && now < this.#pausedUntil) return;
    this.#pausedUntil = null;
    for (const target of this.#dueNow(now)) {
      if (this.#lanes.size >= this.#maxParallel) return;
      if (this.#lanes.has(target.accountId)) continue;
      const lane = this.#runLane(target.accountId).finally(() => {
        this.#lanes.delete(target.accountId);
        this.#check();
      });
      this.#lanes.set(target.accountId, lane);
    }
  }

  /** One account's sends, one at a time, until it has nothing due. */
  async #runLane(accountId: string): Promise<void> {
    // Yield first, so a lane opened inside start() or wake() never sends inside the caller's call.
    await Promise.resolve();
    const tried = new Set<string>();
    while (this.#state === 'running') {
      const now = this.#options.now().getTime();
      const next = this.#dueNow(now).find((target) => target.accountId === accountId && !tried.has(target.id));
      if (next === undefined) return;
      tried.add(next.id);
      if (this.#options.maySend !== undefined && !(await this.#options.maySend())) {
        // Asked again one timer bound later: the other process may have closed by then.
        this.#pausedUntil = this.#options.now().getTime() + this.#maxTimerMs;
        return;
      }
      try {
        await this.#options.outbox.send(next.id);
      } catch (error) {
        this.#options.onSendError?.(error, next.id);
      }
      // Still due, unchanged, after its attempt (its write failed, or someone else is sending it):
      // wait a timer bound rather than trying again in a tight loop.
      const after = this.#options.outbox.waiting().find((target) => target.id === next.id);
      const at = this.#options.now().getTime();
      if (after !== undefined && after.dueAt.getTime() === next.dueAt.getTime()) {
        this.#holds.set(next.id, { dueAtMs: next.dueAt.getTime(), untilMs: at + this.#maxTimerMs });
      }
    }
  }

  /** One timer, for the earliest time something waits for, never longer than the bound. */
  #arm(): void {
    this.#clearTimer();
    if (this.#state !== 'running') return;
    const now = this.#options.now().getTime();
    let next: number | null = this.#pausedUntil;
    const waiting = this.#options.outbox.waiting();
    // A held target that no longer waits (sent by the person's Post now, or cancelled) is forgotten.
    const ids = new Set(waiting.map((target) => target.id));
    for (const id of this.#holds.keys()) if (!ids.has(id)) this.#holds.delete(id);
    for (const target of waiting) {
      const hold = this.#holds.get(target.id);
      const dueAtMs = target.dueAt.getTime();
      // Due ones are in a lane or wait for one; a lane that ends looks again.
      let wakeAt = dueAtMs > now ? dueAtMs : null;
      if (hold !== undefined && hold.dueAtMs === dueAtMs) wakeAt = hold.untilMs;
      if (wakeAt !== null && (next === null || wakeAt < next)) next = wakeAt;
    }
    if (next === null) return;
    const delay = Math.min(Math.max(next - now, 0), this.#maxTimerMs);
    const timer = { handle: null as unknown };
    timer.handle = this.#options.timers.setTimeout(() => {
      if (this.#timer !== timer) return;
      this.#timer = null;
      this.#check();
    }, delay);
    this.#timer = timer;
  }

  #clearTimer(): void {
    if (this.#timer === null) return;
    this.#options.timers.clearTimeout(this.#timer.handle);
    this.#timer = null;
  }
}
