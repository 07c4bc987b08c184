import { Temporal } from 'temporal-polyfill';
import { dayOfEpochDay, epochDayOf, type Day } from './days';

const DAY_MS = 86_400_000;

/**
 * The days of one IANA zone: when each starts (Temporal's answer, remembered) and which day an
 * instant falls on. A Temporal conversion costs microseconds in the polyfill, so one per post
 * would put a year of posts past 20 ms; one per day is a few hundred calls a year, once.
 */
export class ZoneDays {
  readonly zone: string;
  readonly #starts = new Map<number, number>();
  readonly #days = new Map<number, Day>();

  constructor(zone: string) {
    // Throws a RangeError for a zone Temporal does not know, here rather than mid-aggregation.
    this.zone = Temporal.PlainDate.from('2000-01-01').toZonedDateTime(zone).timeZoneId;
  }

  /** The instant (epoch ms) a day, counted from 1970-01-01, starts at in this zone. */
  startOfEpochDay(epochDay: number): number {
    let start = this.#starts.get(epochDay);
    if (start === undefined) {
      // startOfDay is midnight, or the first instant after it where a DST change skips midnight.
      start = Temporal.PlainDate.from(dayOfEpochDay(epochDay)).toZonedDateTime(this.zone).epochMilliseconds;
      this.#starts.set(epochDay, start);
    }
    return start;
  }

  startOf(day: Day): number {
    return this.startOfEpochDay(epochDayOf(day));
  }

  /**
   * The day (counted from 1970-01-01) an instant falls on here. Offsets are under a day, so it is
   * the instant's UTC day or a neighbour; the zone's own day starts decide which.
   */
  epochDayAt(epochMs: number): number {
    const utcDay = Math.floor(epochMs / DAY_MS);
    if (epochMs < this.startOfEpochDay(utcDay)) return utcDay - 1;
    if (epochMs >= this.startOfEpochDay(utcDay + 1)) return utcDay + 1;
    return utcDay;
  }

  dayAt(epochMs: number): Day {
    const epochDay = this.epochDayAt(epochMs);
    let day = this.#days.get(epochDay);
    if (day === undefined) {
      day = dayOfEpochDay(epochDay);
      this.#days.set(epochDay, day);
    }
    return day;
  }
}

const zones = new Map<string, ZoneDays>();

/** One ZoneDays per zone, kept: a zone's day starts do not change while the app runs. */
export function zoneDays(zone: string): ZoneDays {
  let days = zones.get(zone);
  if (days === undefined) {
    days = new ZoneDays(zone);
    zones.set(zone, days);
  }
  return days;
}

/** The day an instant (epoch ms or ISO string) falls on in a zone. */
export function dayInZone(instant: number | string, zone: string): Day {
  return zoneDays(zone).dayAt(typeof instant === 'number' ? instant : Date.parse(instant));
}
