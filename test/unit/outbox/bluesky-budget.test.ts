import { describe, expect, it } from 'vitest';
import { BLUESKY_CREATE_POINTS, WriteBudget } from '../../../electron/core/outbox/publishers/bluesky-budget';

const HOUR = 3_600_000;

describe("Bluesky's write budget, kept by Spheres itself", () => {
  it('allows 1,666 posts an hour (3 points each of 5,000) and says when the 1,667th fits', () => {
    const budget = new WriteBudget();
    const start = 1_000_000;
    for (let post = 0; post < 1_666; post++) expect(budget.reserve('alice', BLUESKY_CREATE_POINTS, start + post)).toStrictEqual({ ok: true });
    const refused = budget.reserve('alice', BLUESKY_CREATE_POINTS, start + 2_000);
    // The first post leaves the hour's window at start + HOUR.
    expect(refused).toStrictEqual({ ok: false, retryAfterMs: start + HOUR - (start + 2_000), limit: 'hourly' });
    expect(budget.reserve('alice', BLUESKY_CREATE_POINTS, start + HOUR)).toStrictEqual({ ok: true });
  });

  it('keeps each account to its own budget', () => {
    const budget = new WriteBudget([{ points: 6, windowMs: HOUR, name: 'hourly' }]);
    expect(budget.reserve('alice', 3, 0).ok).toBe(true);
    expect(budget.reserve('alice', 3, 1).ok).toBe(true);
    expect(budget.reserve('alice', 3, 2).ok).toBe(false);
    expect(budget.reserve('bob', 3, 2).ok).toBe(true);
  });

  it('answers with the longest wait when the daily limit is the one reached', () => {
    const budget = new WriteBudget([
      { points: 9, windowMs: HOUR, name: 'hourly' },
      { points: 9, windowMs: 24 * HOUR, name: 'daily' },
    ]);
    for (const at of [0, HOUR, 2 * HOUR]) expect(budget.reserve('alice', 3, at).ok).toBe(true);
    expect(budget.reserve('alice', 3, 3 * HOUR)).toStrictEqual({ ok: false, retryAfterMs: 21 * HOUR, limit: 'daily' });
  });

  it('gives points back for a write that never happened, and takes none for a refused one', () => {
    const budget = new WriteBudget([{ points: 3, windowMs: HOUR, name: 'hourly' }]);
    expect(budget.reserve('alice', 3, 0).ok).toBe(true);
    expect(budget.reserve('alice', 3, 1).ok).toBe(false);
    budget.refund('alice', 3);
    expect(budget.reserve('alice', 3, 2).ok).toBe(true);
  });
});
