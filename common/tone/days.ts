import { Temporal } from 'temporal-polyfill';

/**
 * Civil days ('YYYY-MM-DD', the ISO calendar, no zone). The calendar walks hundreds of them per
 * render, so the walk counts days from 1970-01-01 instead of building a Temporal object per day;
 * which instant a day starts at in a zone is always Temporal's answer (zone-days.ts).
 */
export type Day = string;
/** ISO weekday: 1 = Monday … 7 = Sunday (as Intl.Locale weekInfo and Temporal number them). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a civil day. */
export function epochDayOf(day: Day): number {
  const match = DAY_PATTERN.exec(day);
  if (match === null) throw new RangeError(`"${day}" is not a day written YYYY-MM-DD`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** The civil day that is `epochDay` days after 1970-01-01. */
export function dayOfEpochDay(epochDay: number): Day {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: Day, days: number): Day {
  return dayOfEpochDay(epochDayOf(day) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return epochDayOf(to) - epochDayOf(from);
}

export function weekdayOf(day: Day): Weekday {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((((epochDayOf(day) + 3) % 7) + 7) % 7) + 1 as Weekday;
}

/** The first day of the week holding `day`, for weeks that start on `weekStart`. */
export function startOfWeek(day: Day, weekStart: Weekday): Day {
  return addDays(day, -((weekdayOf(day) - weekStart + 7) % 7));
}

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: Day, to: Day): Day[] {
  const first = epochDayOf(from);
  const last = epochDayOf(to);
  const days: Day[] = [];
  for (let n = first; n <= last; n++) days.push(dayOfEpochDay(n));
  return days;
}

/** 'YYYY-MM' of a day. */
export function monthOfDay(day: Day): string {
  return day.slice(0, 7);
}

export function daysInMonth(year: number, month: number): number {
  return Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
}

/** The same day of another month, or that month's last day when it is shorter (31 Jan + 1 month = 28 Feb). */
export function addMonths(day: Day, months: number): Day {
  return Temporal.PlainDate.from(day).add({ months }, { overflow: 'constrain' }).toString();
}

export function addYears(day: Day, years: number): Day {
  return Temporal.PlainDate.from(day).add({ years }, { overflow: 'constrain' }).toString();
}

/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(day: Day): { year: number; week: number } {
  const date = Temporal.PlainDate.from(day);
  return { year: date.yearOfWeek ?? date.year, week: date.weekOfYear ?? 1 };
}
