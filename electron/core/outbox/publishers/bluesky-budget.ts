/**
 * Bluesky's write budget per account, as the PDS counts it (docs.bsky.app, "Rate Limits"): 5,000
 * points an hour and 35,000 a day, a created record costing 3. Spheres stays inside it by itself
 * rather than learning of it from a 429: a person scheduling a busy week should see "waiting for
 * Bluesky's hourly limit", not a row of failures. In memory: after a restart the PDS's own 429
 * (with its reset time) still holds the line.
 */
export const BLUESKY_WRITE_LIMITS: readonly WriteLimit[] = Object.freeze([
  { points: 5_000, windowMs: 3_600_000, name: 'hourly' },
  { points: 35_000, windowMs: 86_400_000, name: 'daily' },
]);
export const BLUESKY_CREATE_POINTS = 3;

export interface WriteLimit {
  points: number;
  windowMs: number;
  name: string;
}

export type BudgetAnswer = { ok: true } | { ok: false; retryAfterMs: number; limit: string };

export class WriteBudget {
  readonly #limits: readonly WriteLimit[];
  /** Per account: when each write was spent (epoch ms) and its points, oldest first. */
  readonly #spent = new Map<string, { at: number; points: number }[]>();

  constructor(limits: readonly WriteLimit[] = BLUESKY_WRITE_LIMITS) {
    this.#limits = limits;
  }

  /** Takes `points` from the account's budget now, or says how long until they fit (nothing is taken then). */
  reserve(accountId: string, points: number, now: number): BudgetAnswer {
    const longest = Math.max(...this.#limits.map((limit) => limit.windowMs));
    const spent = (this.#spent.get(accountId) ?? []).filter((write) => now - write.at < longest);
    let wait: { retryAfterMs: number; limit: string } | null = null;
    for (const limit of this.#limits) {
      const inWindow = spent.filter((write) => now - write.at < limit.windowMs);
      let used = inWindow.reduce((sum, write) => sum + write.points, 0);
      if (used + points <= limit.points) continue;
      // The oldest writes leave the window first: wait until enough of them have.
      let freeAt = now;
      for (const write of inWindow) {
        used -= write.points;
        freeAt = write.at + limit.windowMs;
        if (used + points <= limit.points) break;
      }
      const retryAfterMs = Math.max(1, freeAt - now);
      if (wait === null || retryAfterMs > wait.retryAfterMs) wait = { retryAfterMs, limit: limit.name };
    }
    if (wait !== null) {
      this.#spent.set(accountId, spent);
      return { ok: false, ...wait };
    }
    spent.push({ at: now, points });
    this.#spent.set(accountId, spent);
    return { ok: true };
  }

  /** A write that did not happen after all (refused before the PDS took it) gives its points back. */
  refund(accountId: string, points: number): void {
    const spent = this.#spent.get(accountId);
    const index = spent?.findLastIndex((write) => write.points === points) ?? -1;
    if (spent !== undefined && index >= 0) spent.splice(index, 1);
  }
}
