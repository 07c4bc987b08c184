import { Temporal } from 'temporal-polyfill';
import { monthAt, postTime, type Post, type PlannedTime, type PostStatus } from '../domain/post';
import { addDays, dayOfEpochDay, daysInMonth, epochDayOf, isoWeek, monthOfDay, startOfWeek, weekdayOf, type Day, type Weekday } from './days';
import { MixTally, type ToneMix } from './mix';
import { zoneDays } from './zone-days';

/** What the calendar needs of a post. */
export type CalendarPost = Pick<Post, 'id' | 'createdAt' | 'planned' | 'tone' | 'targets' | 'status'>;

/** How the calendar tells posts apart: not yet committed, on its way, out. */
export type CalendarStatus = 'draft' | 'planned' | 'published';
export const CALENDAR_STATUSES: readonly CalendarStatus[] = ['draft', 'planned', 'published'];

const CALENDAR_STATUS: Record<PostStatus, CalendarStatus> = {
  draft: 'draft',
  queued: 'planned',
  scheduled: 'planned',
  publishing: 'planned',
  // A failed post is still meant to go out; the outbox says what went wrong.
  failed: 'planned',
  needs_attention: 'planned',
  published: 'published',
};

export function calendarStatusOf(status: PostStatus): CalendarStatus {
  return CALENDAR_STATUS[status];
}

/** A post stands on the calendar at the instant it is filed by (postTime: planned, else created; epoch ms). */
export function calendarTimeOf(post: Pick<Post, 'planned' | 'createdAt'>): number {
  return postTime(post);
}

/** The day a post stands on in a zone. */
export function calendarDayOf(post: Pick<Post, 'planned' | 'createdAt'>, zone: string): Day {
  return zoneDays(zone).dayAt(calendarTimeOf(post));
}

/** Posts grouped by a key of their calendar day; keys ascending, each group in time order. */
function bucketBy<T extends Pick<Post, 'planned' | 'createdAt' | 'id'>>(posts: Iterable<T>, zone: string, keyOf: (day: Day) => string): Map<string, T[]> {
  const days = zoneDays(zone);
  const groups = new Map<string, { time: number; post: T }[]>();
  for (const post of posts) {
    const time = calendarTimeOf(post);
    const key = keyOf(days.dayAt(time));
    let group = groups.get(key);
    if (group === undefined) {
      group = [];
      groups.set(key, group);
    }
    group.push({ time, post });
  }
  const result = new Map<string, T[]>();
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key) ?? [];
    group.sort((a, b) => a.time - b.time || (a.post.id < b.post.id ? -1 : a.post.id > b.post.id ? 1 : 0));
    result.set(
      key,
      group.map((entry) => entry.post),
    );
  }
  return result;
}

/** Day ('YYYY-MM-DD' in the zone) -> its posts. */
export function bucketByDay<T extends Pick<Post, 'planned' | 'createdAt' | 'id'>>(posts: Iterable<T>, zone: string): Map<Day, T[]> {
  return bucketBy(posts, zone, (day) => day);
}

/** First day of the week ('YYYY-MM-DD'; weeks start on `weekStart`, Monday by default) -> its posts. */
export function bucketByWeek<T extends Pick<Post, 'planned' | 'createdAt' | 'id'>>(posts: Iterable<T>, zone: string, weekStart: Weekday = 1): Map<Day, T[]> {
  const starts = new Map<Day, Day>();
  return bucketBy(posts, zone, (day) => {
    let start = starts.get(day);
    if (start === undefined) {
      start = startOfWeek(day, weekStart);
      starts.set(day, start);
    }
    return start;
  });
}

/** Month ('YYYY-MM' in the zone) -> its posts. */
export function bucketByMonth<T extends Pick<Post, 'planned' | 'createdAt' | 'id'>>(posts: Iterable<T>, zone: string): Map<string, T[]> {
  return bucketBy(posts, zone, monthOfDay);
}

/** Year ('YYYY' in the zone) -> its posts. */
export function bucketByYear<T extends Pick<Post, 'planned' | 'createdAt' | 'id'>>(posts: Iterable<T>, zone: string): Map<string, T[]> {
  return bucketBy(posts, zone, (day) => day.slice(0, 4));
}

// ---- a month on screen -------------------------------------------------------------------------

export interface GridDay {
  readonly day: Day;
  readonly weekday: Weekday;
  /** False for the days of the months before and after that fill the first and last rows. */
  readonly inMonth: boolean;
}

export interface GridWeek {
  /** The ISO week holding most of the row (the ISO week of its Thursday). */
  readonly isoWeek: { readonly year: number; readonly week: number };
  readonly days: readonly GridDay[];
}

export interface MonthGrid {
  readonly year: number;
  readonly month: number;
  readonly weekStart: Weekday;
  /** The first and last day shown, both included. */
  readonly first: Day;
  readonly last: Day;
  readonly weeks: readonly GridWeek[];
}

/** The rows of whole weeks that show a month, starting on `weekStart` (4 to 6 rows). */
export function monthGrid(year: number, month: number, weekStart: Weekday): MonthGrid {
  const firstOfMonth = Temporal.PlainDate.from({ year, month, day: 1 }).toString();
  const lastOfMonth = addDays(firstOfMonth, daysInMonth(year, month) - 1);
  const first = startOfWeek(firstOfMonth, weekStart);
  const monthKey = monthOfDay(firstOfMonth);
  const weeks: GridWeek[] = [];
  for (let rowStart = epochDayOf(first); rowStart <= epochDayOf(lastOfMonth); rowStart += 7) {
    const days: GridDay[] = [];
    for (let i = 0; i < 7; i++) {
      const day = dayOfEpochDay(rowStart + i);
      days.push({ day, weekday: weekdayOf(day), inMonth: monthOfDay(day) === monthKey });
    }
    const thursday = days.find((cell) => cell.weekday === 4) ?? days[0];
    weeks.push({ isoWeek: isoWeek(thursday?.day ?? first), days });
  }
  const last = weeks.at(-1)?.days.at(-1)?.day ?? lastOfMonth;
  return { year, month, weekStart, first, last, weeks };
}

export interface WeekInfo {
  readonly firstDay: Weekday;
  readonly weekend: readonly Weekday[];
}

type LocaleWithWeekInfo = Intl.Locale & { getWeekInfo?: () => Partial<WeekInfo>; weekInfo?: Partial<WeekInfo> };

/**
 * Which day a week starts on where the user is. Danish weeks start on Monday (and are numbered
 * the ISO way); elsewhere Intl.Locale's week info decides where the engine has it (Chromium,
 * Node), and without it en-US (and bare "en", which Intl reads as en-US) starts on Sunday.
 */
export function weekInfoFor(locale: string): WeekInfo {
  const weekend: readonly Weekday[] = [6, 7];
  if (/^da\b/i.test(locale)) return { firstDay: 1, weekend };
  try {
    const parsed = new Intl.Locale(locale) as LocaleWithWeekInfo;
    const info = typeof parsed.getWeekInfo === 'function' ? parsed.getWeekInfo() : parsed.weekInfo;
    if (info?.firstDay !== undefined) return { firstDay: info.firstDay, weekend: info.weekend ?? weekend };
  } catch {
    // Not a locale Intl knows: fall through to the default.
  }
  return { firstDay: /^en(-US)?$/i.test(locale) ? 7 : 1, weekend };
}

/**
 * The months (YYYY-MM, UTC) whose store files hold the posts of days `from` to `to` in a zone:
 * the store files posts by the UTC month of their calendar time (postMonth in common/domain/post.ts),
 * so a day near a month's edge can live in the neighbouring file.
 */
export function storeMonthsFor(from: Day, to: Day, zone: string): string[] {
  const days = zoneDays(zone);
  const start = days.startOf(from);
  // The last millisecond of `to`.
  const end = days.startOf(addDays(to, 1)) - 1;
  const months: string[] = [];
  let cursor = monthAt(start);
  const last = monthAt(end);
  while (cursor <= last) {
    months.push(cursor);
    cursor = Temporal.PlainYearMonth.from(cursor).add({ months: 1 }).toString();
  }
  return months;
}

// ---- re-planning -------------------------------------------------------------------------------

/** The day a planned time falls on in its own zone. */
export function plannedDayOf(planned: PlannedTime): Day {
  return zoneDays(planned.zone).dayAt(Date.parse(planned.at));
}

/**
 * Moves a planned time to another day in its own zone, keeping its wall-clock time and zone.
 * The rule across daylight-saving changes is Temporal's 'compatible' disambiguation (RFC 5545's):
 * a time that does not exist that day (02:30 on 29 March 2026 in Copenhagen, when clocks jump
 * from 02:00 to 03:00) moves forward by the gap, to 03:30; a time that happens twice (02:30 on
 * 25 October 2026) is the earlier of the two, still on summer time (+02:00).
 */
export function replanToDay(planned: PlannedTime, day: Day): PlannedTime {
  const wallClock = Temporal.Instant.from(planned.at).toZonedDateTimeISO(planned.zone).toPlainTime();
  const moved = Temporal.PlainDate.from(day).toPlainDateTime(wallClock).toZonedDateTime(planned.zone, { disambiguation: 'compatible' });
  return { at: moved.toInstant().toString({ fractionalSecondDigits: 3 }), zone: planned.zone };
}

/** Moves a planned time by whole days in its own zone (see replanToDay for the DST rule). */
export function replanByDays(planned: PlannedTime, days: number): PlannedTime {
  return replanToDay(planned, addDays(plannedDayOf(planned), days));
}

/** The planned time a post stands at: its own, or its creation time in `zone` for a post not planned yet. */
export function plannedOrCreated(post: Pick<Post, 'planned' | 'createdAt'>, zone: string): PlannedTime {
  return post.planned ?? { at: post.createdAt, zone };
}

// ---- everything a view shows -------------------------------------------------------------------

export interface CalendarDay<T> {
  readonly day: Day;
  /** In time order. */
  readonly posts: readonly T[];
  readonly mix: ToneMix;
}

/** A set of posts laid out in a zone: each day with its posts and mix, and the mix of each week, month, year and of all. */
export interface ToneCalendar<T> {
  readonly zone: string;
  readonly weekStart: Weekday;
  readonly days: ReadonlyMap<Day, CalendarDay<T>>;
  /** Keyed by the week's first day. */
  readonly weeks: ReadonlyMap<Day, ToneMix>;
  /** Keyed by YYYY-MM. */
  readonly months: ReadonlyMap<string, ToneMix>;
  /** Keyed by YYYY. */
  readonly years: ReadonlyMap<string, ToneMix>;
  readonly total: ToneMix;
}

function tallyOf(tallies: Map<string, MixTally>, key: string): MixTally {
  let tally = tallies.get(key);
  if (tally === undefined) {
    tally = new MixTally();
    tallies.set(key, tally);
  }
  return tally;
}

function mixes(tallies: Map<string, MixTally>): Map<string, ToneMix> {
  const result = new Map<string, ToneMix>();
  for (const key of [...tallies.keys()].sort()) result.set(key, (tallies.get(key) as MixTally).mix());
  return result;
}

/**
 * One pass over the posts: which day each stands on in `zone` (only those from `from` to `to`
 * when given), with the mix of every day, week, month and year. What every view of the tone
 * calendar, and any report, is drawn from.
 */
export function summarizeCalendar<T extends CalendarPost>(
  posts: Iterable<T>,
  zone: string,
  options: { weekStart?: Weekday; from?: Day; to?: Day } = {},
): ToneCalendar<T> {
  const weekStart = options.weekStart ?? 1;
  const zoned = zoneDays(zone);
  const fromMs = options.from === undefined ? -Infinity : zoned.startOf(options.from);
  const toMs = options.to === undefined ? Infinity : zoned.startOf(addDays(options.to, 1));
  const byDay = new Map<number, { time: number; post: T }[]>();
  for (const post of posts) {
    const time = calendarTimeOf(post);
    if (time < fromMs || time >= toMs) continue;
    const epochDay = zoned.epochDayAt(time);
    let group = byDay.get(epochDay);
    if (group === undefined) {
      group = [];
      byDay.set(epochDay, group);
    }
    group.push({ time, post });
  }

  const weekTallies = new Map<string, MixTally>();
  const monthTallies = new Map<string, MixTally>();
  const yearTallies = new Map<string, MixTally>();
  const total = new MixTally();
  const days = new Map<Day, CalendarDay<T>>();
  for (const epochDay of [...byDay.keys()].sort((a, b) => a - b)) {
    const group = byDay.get(epochDay) ?? [];
    group.sort((a, b) => a.time - b.time || (a.post.id < b.post.id ? -1 : a.post.id > b.post.id ? 1 : 0));
    const day = dayOfEpochDay(epochDay);
    // (epochDay + 3) % 7 + 1 is the ISO weekday; the week starts that many days back.
    const weekday = ((((epochDay + 3) % 7) + 7) % 7) + 1;
    const week = tallyOf(weekTallies, dayOfEpochDay(epochDay - ((weekday - weekStart + 7) % 7)));
    const month = tallyOf(monthTallies, day.slice(0, 7));
    const year = tallyOf(yearTallies, day.slice(0, 4));
    const dayTally = new MixTally();
    const dayPosts: T[] = [];
    for (const { post } of group) {
      dayPosts.push(post);
      dayTally.add(post.tone);
      week.add(post.tone);
      month.add(post.tone);
      year.add(post.tone);
      total.add(post.tone);
    }
    days.set(day, { day, posts: dayPosts, mix: dayTally.mix() });
  }
  return { zone, weekStart, days, weeks: mixes(weekTallies), months: mixes(monthTallies), years: mixes(yearTallies), total: total.mix() };
}

/**
 * The days that belong to a run of at least `minLength` days in a row without posts: the quiet
 * stretches the calendar shades so gaps show at a glance. Only days up to `today` can be quiet: a
 * day still ahead has not been quiet, it is only not planned yet, so it ends a run like a day with
 * posts does. `days` must be consecutive and in order.
 */
export function quietStretches(days: readonly Day[], hasPosts: (day: Day) => boolean, options: { readonly today: Day; readonly minLength?: number }): Set<Day> {
  const minLength = options.minLength ?? 3;
  const quiet = new Set<Day>();
  let run: Day[] = [];
  const close = (): void => {
    if (run.length >= minLength) for (const day of run) quiet.add(day);
    run = [];
  };
  for (const day of days) {
    if (day > options.today) break;
    if (hasPosts(day)) close();
    else run.push(day);
  }
  close();
  return quiet;
}
