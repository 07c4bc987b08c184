import { Temporal } from 'temporal-polyfill';
import type { PlannedTime } from '../../../common/domain';

/**
 * What happened to a wall-clock time that a zone's clock change made special. The person is told,
 * so "02:30" on the night the clocks go forward is never moved silently.
 */
export type WallTimeAdjustment =
  /** The clocks jumped over it (spring forward): it goes out at the first moment after the gap. */
  | { kind: 'skipped'; asked: string; goesAt: string }
  /** The clocks showed it twice (fall back): it goes out the first time. */
  | { kind: 'repeated'; asked: string; goesAt: 'earlier' };

export type PlannedTimeProblem = 'unknown_zone' | 'invalid_date' | 'invalid_time';

export type PlannedTimeResult =
  | { ok: true; planned: PlannedTime; adjustment: WallTimeAdjustment | null }
  | { ok: false; code: PlannedTimeProblem; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/**
 * The instant a post planned for `date` at `time` on the clocks of `zone` goes out, stored as the
 * instant plus the zone it was chosen in (PlannedTimeSchema). Temporal's 'compatible' rule, the one
 * calendars use (RFC 5545 §3.3.5): a time the clocks skip moves forward by the gap, and a time the
 * clocks show twice takes the first. So 09:00 the day after a change is 09:00 local, not 08:00 or
 * 10:00: the offset comes from that day, never from the day the post was planned.
 */
export function plannedTimeFor(wall: Readonly<{ date: string; time: string }>, zone: string): PlannedTimeResult {
  let timeZoneId: string;
  try {
    timeZoneId = Temporal.PlainDate.from('2000-01-01').toZonedDateTime(zone).timeZoneId;
  } catch {
    return { ok: false, code: 'unknown_zone', message: `"${zone}" is not a time zone Spheres knows. Pick one from the list, such as Europe/Copenhagen.` };
  }
  let date: Temporal.PlainDate;
  try {
    if (!DATE.test(wall.date)) throw new RangeError('shape');
    date = Temporal.PlainDate.from(wall.date, { overflow: 'reject' });
  } catch {
    return { ok: false, code: 'invalid_date', message: `"${wall.date}" is not a date. Write it as year-month-day, for example 2026-03-30.` };
  }
  let time: Temporal.PlainTime;
  try {
    if (!TIME.test(wall.time)) throw new RangeError('shape');
    time = Temporal.PlainTime.from(wall.time, { overflow: 'reject' });
  } catch {
    return { ok: false, code: 'invalid_time', message: `"${wall.time}" is not a time of day. Write it as hours:minutes, for example 09:00.` };
  }

  const local = date.toPlainDateTime(time);
  const chosen = local.toZonedDateTime(timeZoneId, { disambiguation: 'compatible' });
  const earlier = local.toZonedDateTime(timeZoneId, { disambiguation: 'earlier' });
  const later = local.toZonedDateTime(timeZoneId, { disambiguation: 'later' });
  const planned: PlannedTime = { at: chosen.toInstant().toString({ smallestUnit: 'millisecond' }), zone: timeZoneId };
  const asked = wall.time;
  let adjustment: WallTimeAdjustment | null = null;
  if (earlier.epochMilliseconds !== later.epochMilliseconds) {
    // Both readings exist and differ: either the wall time happened twice, or never (then the
    // chosen instant shows another wall time on the clocks).
    adjustment = Temporal.PlainDateTime.compare(chosen.toPlainDateTime(), local) === 0
      ? { kind: 'repeated', asked, goesAt: 'earlier' }
      : { kind: 'skipped', asked, goesAt: chosen.toPlainTime().toString({ smallestUnit: 'minute' }) };
  }
  return { ok: true, planned, adjustment };
}

/** The wall-clock date and time a planned instant shows in its zone (for messages and tests). */
export function wallTimeOf(planned: PlannedTime): { date: string; time: string } {
  const zoned = Temporal.Instant.from(planned.at).toZonedDateTimeISO(planned.zone);
  return { date: zoned.toPlainDate().toString(), time: zoned.toPlainTime().toString({ smallestUnit: 'minute' }) };
}
