import { describe, expect, it } from 'vitest';
import {
  OutboxScheduler,
  plannedTimeFor,
  type OutboxSchedulerOptions,
  type PowerPort,
  type SchedulerOutboxPort,
  type TimerPort,
  type WaitingTarget,
} from '../../../electron/core/outbox';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Two clocks, as on a real machine: the wall clock (what `now()` says) and the time timers count
 * (which stands still while the machine sleeps). Nothing really waits.
 */
interface VirtualTimer {
  at: number;
  run: () => void;
  handle: number;
}

class VirtualMachine implements TimerPort, PowerPort {
  wall: number;
  #timers: VirtualTimer[] = [];
  #monotonic = 0;
  #handles = 0;
  readonly delays: number[] = [];
  readonly #resume = new Set<() => void>();
  readonly #clockChange = new Set<() => void>();

  constructor(wall: string) {
    this.wall = Date.parse(wall);
  }

  now = (): Date => new Date(this.wall);

  setTimeout(run: () => void, ms: number): unknown {
    this.delays.push(ms);
    const handle = ++this.#handles;
    this.#timers.push({ at: this.#monotonic + ms, run, handle });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((timer) => timer.handle !== handle);
  }

  onResume(listener: () => void): () => void {
    this.#resume.add(listener);
    return () => this.#resume.delete(listener);
  }

  onClockChange(listener: () => void): () => void {
    this.#clockChange.add(listener);
    return () => this.#clockChange.delete(listener);
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Time passes while awake: timers fire in order, each at its moment, and their sends finish. */
  async run(ms: number, settle: () => Promise<void>): Promise<void> {
    const end = this.#monotonic + ms;
    for (;;) {
      await settle();
      const next = this.#timers.reduce<VirtualTimer | null>((a, b) => (a === null || b.at < a.at ? b : a), null);
      if (next === null || next.at > end) break;
      this.wall += next.at - this.#monotonic;
      this.#monotonic = next.at;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      next.run();
    }
    this.wall += end - this.#monotonic;
    this.#monotonic = end;
  }

  /** The lid closes: the wall clock runs on, timers do not. */
  sleep(ms: number): void {
    this.wall += ms;
  }

  resume(): void {
    for (const listener of this.#resume) listener();
  }

  /** The clock is set (NTP, the person, a time zone database update), and the OS may say so. */
  setClock(by: number, announce: boolean): void {
    this.wall += by;
    if (announce) for (const listener of this.#clockChange) listener();
  }
}

/** An outbox in memory: a sent target is done; `hold(account)` makes that account's sends wait. */
class FakeOutbox implements SchedulerOutboxPort {
  readonly targets = new Map<string, WaitingTarget>();
  readonly sent: { id: string; at: number }[] = [];
  readonly inFlight = new Set<string>();
  maxInFlightPerAccount = 0;
  maxInFlight = 0;
  readonly #gates = new Map<string, { promise: Promise<void>; open: () => void }>();

  constructor(private readonly machine: VirtualMachine) {}

  add(id: string, accountId: string, dueAt: string | number, notStarted = true): void {
    this.targets.set(id, { id, accountId, dueAt: new Date(dueAt), notStarted });
  }

  waiting(): WaitingTarget[] {
    return [...this.targets.values()].filter((target) => !this.inFlight.has(target.id));
  }

  hold(accountId: string): () => void {
    let open = (): void => undefined;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.#gates.set(accountId, { promise, open });
    return () => {
      this.#gates.delete(accountId);
      open();
    };
  }

  async send(id: string): Promise<void> {
    const target = this.targets.get(id)!;
    this.inFlight.add(id);
    const accounts = [...this.inFlight].map((each) => this.targets.get(each)!.accountId);
    this.maxInFlightPerAccount = Math.max(this.maxInFlightPerAccount, accounts.filter((account) => account === target.accountId).length);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.size);
    await this.#gates.get(target.accountId)?.promise;
    this.sent.push({ id, at: this.machine.wall });
    this.inFlight.delete(id);
    this.targets.delete(id);
  }
}

function setup(start: string, options: Partial<OutboxSchedulerOptions> = {}) {
  const machine = new VirtualMachine(start);
  const outbox = new FakeOutbox(machine);
  let scheduler: OutboxScheduler | null = null;
  const make = (): OutboxScheduler => {
    scheduler = new OutboxScheduler({ now: machine.now, timers: machine, power: machine, outbox, ...options });
    return scheduler;
  };
  /** Time passes; each timer's sends finish before the next fires, unless a test holds them open. */
  const run = (ms: number, waitForSends = true) =>
    machine.run(ms, () => (waitForSends ? (scheduler?.settled() ?? Promise.resolve()) : new Promise((resolve) => setImmediate(resolve))));
  return { machine, outbox, make, run };
}

const sentIds = (outbox: FakeOutbox) => outbox.sent.map((each) => each.id);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the outbox scheduler', () => {
  it.each([
    ['Europe/Copenhagen', 'spring forward', '2026-03-27T12:00:00Z', '2026-03-30', '2026-03-30T07:00:00.000Z'],
    ['Europe/Copenhagen', 'fall back', '2026-10-23T12:00:00Z', '2026-10-26', '2026-10-26T08:00:00.000Z'],
    ['America/New_York', 'spring forward', '2026-03-06T12:00:00Z', '2026-03-09', '2026-03-09T13:00:00.000Z'],
    ['America/New_York', 'fall back', '2026-10-30T12:00:00Z', '2026-11-02', '2026-11-02T14:00:00.000Z'],
  ])('sends a post planned for 09:00 %s the day after %s at 09:00 local', async (zone, _change, start, date, instant) => {
    const { machine, outbox, make, run } = setup(start);
    const planned = plannedTimeFor({ date, time: '09:00' }, zone);
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.planned.at).toBe(instant);
    outbox.add('post-a', 'alice', planned.planned.at);
    make().start();
    await run(Date.parse(instant) - Date.parse(start) - 1);
    expect(outbox.sent).toEqual([]);
    await run(1);
    expect(outbox.sent).toEqual([{ id: 'post-a', at: Date.parse(instant) }]);
    expect(Math.max(...machine.delays)).toBeLessThanOrEqual(MINUTE);
  });

  it('sends everything that fell due during an 8-hour sleep once, in order, when the machine wakes', async () => {
    const { machine, outbox, make, run } = setup('2026-05-04T22:00:00Z');
    outbox.add('third', 'alice', '2026-05-05T05:00:00Z');
    outbox.add('first', 'alice', '2026-05-04T23:00:00Z');
    outbox.add('second', 'alice', '2026-05-05T01:30:00Z');
    outbox.add('later', 'alice', '2026-05-05T09:00:00Z');
    const scheduler = make();
    scheduler.start();
    await run(10 * MINUTE);
    machine.sleep(8 * HOUR);
    expect(outbox.sent).toEqual([]);
    machine.resume();
    await scheduler.settled();
    expect(sentIds(outbox)).toEqual(['first', 'second', 'third']);
    // The old timer from before the sleep fires later and sends nothing twice; 'later' goes at its time.
    await run(3 * HOUR);
    expect(sentIds(outbox)).toEqual(['first', 'second', 'third', 'later']);
    expect(outbox.sent[3]!.at).toBe(Date.parse('2026-05-05T09:00:00Z'));
  });

  it('is at most one timer bound late after a sleep that no resume event reported', async () => {
    const { machine, outbox, make, run } = setup('2026-05-04T22:00:00Z');
    outbox.add('post-a', 'alice', '2026-05-05T02:00:00Z');
    make().start();
    machine.sleep(8 * HOUR);
    await run(MINUTE);
    // Woke at 06:00 by the wall clock; the next re-check, one bound later, finds it due.
    expect(outbox.sent).toEqual([{ id: 'post-a', at: Date.parse('2026-05-05T06:01:00Z') }]);
  });

  it('sends a post missed while the app was closed at start when it is inside the grace window', async () => {
    const { outbox, make } = setup('2026-05-05T09:14:00Z');
    outbox.add('post-a', 'alice', '2026-05-05T09:00:00Z');
    const scheduler = make();
    expect(scheduler.start()).toEqual([]);
    await scheduler.settled();
    expect(sentIds(outbox)).toEqual(['post-a']);
  });

  it('never sends a post silently late: one older than the grace window is returned as missed its time', async () => {
    const { outbox, make, run } = setup('2026-05-05T09:16:00Z');
    outbox.add('late', 'alice', '2026-05-05T09:00:00Z');
    outbox.add('in-time', 'alice', '2026-05-05T09:05:00Z');
    outbox.add('retry', 'bob', '2026-05-05T06:00:00Z', false);
    const scheduler = make();
    expect(scheduler.start()).toEqual([{ id: 'late', accountId: 'alice', dueAt: '2026-05-05T09:00:00.000Z', reason: 'missed_its_time' }]);
    await run(2 * HOUR);
    // A target already attempted is on its retry path, not a planned time: it goes.
    expect(sentIds(outbox).sort()).toEqual(['in-time', 'retry']);
    expect(outbox.targets.has('late')).toBe(true);
  });

  it('sends a missed post once the person gives it a new time (Post now or Retry)', async () => {
    const { machine, outbox, make } = setup('2026-05-05T12:00:00Z');
    outbox.add('late', 'alice', '2026-05-05T09:00:00Z');
    const scheduler = make();
    expect(scheduler.start().map((missed) => missed.id)).toEqual(['late']);
    outbox.add('late', 'alice', machine.wall);
    scheduler.wake();
    await scheduler.settled();
    expect(sentIds(outbox)).toEqual(['late']);
  });

  it('takes the grace window from its setting', async () => {
    const { outbox, make } = setup('2026-05-05T09:16:00Z', { graceMs: 30 * MINUTE });
    outbox.add('post-a', 'alice', '2026-05-05T09:00:00Z');
    const scheduler = make();
    expect(scheduler.start()).toEqual([]);
    await scheduler.settled();
    expect(sentIds(outbox)).toEqual(['post-a']);
  });

  it('does not send early when the clock is set back, and sends at the time when it catches up', async () => {
    const { machine, outbox, make, run } = setup('2026-05-05T08:00:00Z');
    outbox.add('post-a', 'alice', '2026-05-05T09:00:00Z');
    make().start();
    await run(30 * MINUTE);
    machine.setClock(-2 * HOUR, true);
    await run(2 * HOUR);
    expect(outbox.sent).toEqual([]);
    await run(30 * MINUTE);
    expect(outbox.sent).toEqual([{ id: 'post-a', at: Date.parse('2026-05-05T09:00:00Z') }]);
  });

  it('sends at once when the clock is set forward past a planned time and says so', async () => {
    const { machine, outbox, make, run } = setup('2026-05-05T08:00:00Z');
    outbox.add('post-a', 'alice', '2026-05-05T09:00:00Z');
    const scheduler = make();
    scheduler.start();
    machine.setClock(2 * HOUR, true);
    await scheduler.settled();
    expect(sentIds(outbox)).toEqual(['post-a']);
    await run(MINUTE);
    expect(outbox.sent).toHaveLength(1);
  });

  it('sends within one timer bound when the clock is set forward without notice', async () => {
    const { machine, outbox, make, run } = setup('2026-05-05T08:00:00Z');
    outbox.add('post-a', 'alice', '2026-05-05T09:00:00Z');
    make().start();
    machine.setClock(2 * HOUR, false);
    await run(MINUTE);
    expect(sentIds(outbox)).toEqual(['post-a']);
  });

  it('never arms a timer longer than the bound, even for a post planned months ahead', async () => {
    const { machine, outbox, make, run } = setup('2026-01-01T00:00:00Z');
    outbox.add('post-a', 'alice', '2026-03-15T12:00:00Z');
    make().start();
    await run(Date.parse('2026-03-15T12:00:00Z') - Date.parse('2026-01-01T00:00:00Z'));
    expect(outbox.sent).toEqual([{ id: 'post-a', at: Date.parse('2026-03-15T12:00:00Z') }]);
    expect(machine.delays.length).toBeGreaterThan(1000);
    expect(machine.delays.every((delay) => delay >= 0 && delay <= MINUTE)).toBe(true);
  });

  it('keeps a custom timer bound inside what Node setTimeout can hold', async () => {
    const { machine, outbox, make } = setup('2026-01-01T00:00:00Z', { maxTimerMs: 90 * 24 * HOUR });
    outbox.add('post-a', 'alice', '2026-03-15T12:00:00Z');
    make().start();
    expect(machine.delays).toEqual([2 ** 31 - 1]);
  });

  it('arms no timer when nothing waits, and one when the outbox changes', () => {
    const { machine, outbox, make } = setup('2026-05-05T08:00:00Z');
    const scheduler = make();
    scheduler.start();
    expect(machine.pendingTimers).toBe(0);
    outbox.add('post-a', 'alice', '2026-05-05T08:00:30Z');
    scheduler.wake();
    expect(machine.delays).toEqual([30_000]);
    expect(machine.pendingTimers).toBe(1);
  });

  it("does not let one account's slow send hold another account's post", async () => {
    const { outbox, make, run } = setup('2026-05-05T08:00:00Z');
    const openAlice = outbox.hold('alice');
    outbox.add('alice-1', 'alice', '2026-05-05T08:00:00Z');
    outbox.add('alice-2', 'alice', '2026-05-05T08:01:00Z');
    outbox.add('bob-1', 'bob', '2026-05-05T08:05:00Z');
    const scheduler = make();
    scheduler.start();
    // Alice's first send hangs; Bob's post falls due later and goes out at its time anyway.
    await run(10 * MINUTE, false);
    expect(outbox.sent).toEqual([{ id: 'bob-1', at: Date.parse('2026-05-05T08:05:00Z') }]);
    expect([...outbox.inFlight]).toEqual(['alice-1']);
    openAlice();
    await scheduler.settled();
    expect(sentIds(outbox)).toEqual(['bob-1', 'alice-1', 'alice-2']);
    expect(outbox.maxInFlightPerAccount).toBe(1);
  });

  it('sends one target at a time per account and several accounts side by side, up to the bound', async () => {
    const { outbox, make } = setup('2026-05-05T08:00:00Z', { maxParallelAccounts: 2 });
    const opens = ['a', 'b', 'c'].map((account) => outbox.hold(account));
    for (const account of ['a', 'b', 'c']) for (const n of [1, 2]) outbox.add(`${account}-${n}`, account, `2026-05-05T07:5${n}:00Z`);
    const scheduler = make();
    scheduler.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect([...outbox.inFlight].sort()).toEqual(['a-1', 'b-1']);
    for (const open of opens) open();
    await scheduler.settled();
    expect(outbox.sent).toHaveLength(6);
    expect(outbox.maxInFlight).toBe(2);
    expect(outbox.maxInFlightPerAccount).toBe(1);
    for (const account of ['a', 'b', 'c']) expect(sentIds(outbox).filter((id) => id.startsWith(account))).toEqual([`${account}-1`, `${account}-2`]);
  });

  it('does not send while the data-folder lock says another process sends, and asks again a bound later', async () => {
    let otherSends = true;
    let asked = 0;
    const maySend = async () => {
      asked++;
      return !otherSends;
    };
    const { outbox, make, run, machine } = setup('2026-05-05T08:00:00Z', { maySend });
    outbox.add('post-a', 'alice', '2026-05-05T08:00:00Z');
    outbox.add('post-b', 'bob', '2026-05-05T08:00:00Z');
    make().start();
    await run(MINUTE - 1);
    expect(outbox.sent).toEqual([]);
    expect(asked).toBeLessThanOrEqual(2);
    otherSends = false;
    await run(1);
    expect(sentIds(outbox).sort()).toEqual(['post-a', 'post-b']);
    expect(outbox.sent.every((each) => each.at === machine.wall)).toBe(true);
  });

  it('reports a send that throws and tries it again after a timer bound, not in a tight loop', async () => {
    const errors: string[] = [];
    const { outbox, make, run, machine } = setup('2026-05-05T08:00:00Z', { onSendError: (_error, id) => errors.push(id) });
    outbox.add('post-a', 'alice', '2026-05-05T08:00:00Z');
    let failures = 2;
    const send = outbox.send.bind(outbox);
    outbox.send = async (id) => {
      if (failures-- > 0) throw new Error('disk full');
      return send(id);
    };
    make().start();
    await run(0);
    expect(errors).toEqual(['post-a']);
    await run(MINUTE);
    expect(errors).toEqual(['post-a', 'post-a']);
    await run(MINUTE);
    expect(outbox.sent).toEqual([{ id: 'post-a', at: machine.wall }]);
  });

  it('sends nothing after stop, and lets the send in flight finish', async () => {
    const { outbox, make, machine, run } = setup('2026-05-05T08:00:00Z');
    const open = outbox.hold('alice');
    outbox.add('post-a', 'alice', '2026-05-05T08:00:00Z');
    outbox.add('post-b', 'alice', '2026-05-05T08:00:00Z');
    outbox.add('post-c', 'alice', '2026-05-05T09:00:00Z');
    const scheduler = make();
    scheduler.start();
    await new Promise((resolve) => setImmediate(resolve));
    const stopped = scheduler.stop();
    open();
    await stopped;
    expect(sentIds(outbox)).toEqual(['post-a']);
    expect(machine.pendingTimers).toBe(0);
    machine.resume();
    await run(2 * HOUR);
    expect(sentIds(outbox)).toEqual(['post-a']);
    expect(iso(machine.wall)).toBe('2026-05-05T10:00:00.000Z');
  });
});
