import { Temporal } from 'temporal-polyfill';

/**
 * Dates and times as the app's language writes them (Danish 03.11.2026 and 09.30, English
 * 11/03/2026 and 09:30 AM), not as the browser's locale would: `<input type=datetime-local>`
 * follows the browser, so a Danish user of an English browser got the American order.
 * The order of day, month and year comes from Intl, so each language has one source of truth.
 */

export type DateProblem = 'date_missing' | 'date_invalid' | 'year_short';
export type TimeProblem = 'time_missing' | 'time_invalid';

export type Parsed<T, P> = { ok: true; value: T } | { ok: false; problem: P };

/** A fixed day with every field distinct (3 November 2026, 21:45), used to learn a language's layout. */
const SAMPLE_DATE = Temporal.PlainDate.from('2026-11-03');
const SAMPLE_TIME = Temporal.PlainTime.from('21:45');

const DATE_OPTIONS: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' };
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };

function utcDate(date: Temporal.PlainDate, time: Temporal.PlainTime = Temporal.PlainTime.from('12:00')): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute));
}

/** "03.11.2026" in Danish, "11/03/2026" in English. */
export function formatDate(date: Temporal.PlainDate, language: string): string {
  return new Intl.DateTimeFormat(language, DATE_OPTIONS).format(utcDate(date));
}

/** "09.30" in Danish, "09:30 AM" in English. */
export function formatTime(time: Temporal.PlainTime, language: string): string {
  return new Intl.DateTimeFormat(language, TIME_OPTIONS).format(utcDate(SAMPLE_DATE, time));
}

/** The order the language writes day, month and year in. */
function dateOrder(language: string): Array<'day' | 'month' | 'year'> {
  return new Intl.DateTimeFormat(language, DATE_OPTIONS)
    .formatToParts(utcDate(SAMPLE_DATE))
    .flatMap((part) => (part.type === 'day' || part.type === 'month' || part.type === 'year' ? [part.type] : []));
}

/** Whether the language writes the time with AM/PM. */
function usesDayPeriod(language: string): boolean {
  return new Intl.DateTimeFormat(language, TIME_OPTIONS).formatToParts(utcDate(SAMPLE_DATE, SAMPLE_TIME)).some((part) => part.type === 'dayPeriod');
}

/** An example of each, shown as a placeholder and in error messages. */
export function dateExample(language: string): string {
  return formatDate(SAMPLE_DATE, language);
}
export function timeExample(language: string): string {
  return formatTime(Temporal.PlainTime.from('09:30'), language);
}

/**
 * A date typed in the language's order, with any separators ("3.11.2026", "03-11-2026",
 * "3/11 2026" in Danish). The year must be written in full: "26" could be 1926 or 2026.
 */
export function parseDate(text: string, language: string): Parsed<Temporal.PlainDate, DateProblem> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'date_missing' };
  const numbers = trimmed.match(/\d+/g) ?? [];
  if (numbers.length !== 3 || /[^\d\s./-]/.test(trimmed)) return { ok: false, problem: 'date_invalid' };
  const fields: Partial<Record<'day' | 'month' | 'year', string>> = {};
  dateOrder(language).forEach((field, index) => {
    fields[field] = numbers[index];
  });
  if ((fields.year ?? '').length !== 4) return { ok: false, problem: 'year_short' };
  try {
    const value = Temporal.PlainDate.from({ year: Number(fields.year), month: Number(fields.month), day: Number(fields.day) }, { overflow: 'reject' });
    return { ok: true, value };
  } catch {
    return { ok: false, problem: 'date_invalid' };
  }
}

/**
 * A time of day: "9.30", "09:30", "0930", "21" (on the hour); in a language that writes AM/PM,
 * "9:30 pm" too. A 24-hour time is understood in every language.
 */
export function parseTime(text: string, language: string): Parsed<Temporal.PlainTime, TimeProblem> {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return { ok: false, problem: 'time_missing' };
  const period = /\b([ap])\.?\s?m\.?$/.exec(trimmed);
  if (period !== null && !usesDayPeriod(language)) return { ok: false, problem: 'time_invalid' };
  const digits = (period === null ? trimmed : trimmed.slice(0, period.index)).trim();
  if (!/^\d{1,2}([.:]\d{2})?$|^\d{3,4}$/.test(digits)) return { ok: false, problem: 'time_invalid' };
  const [hourText, minuteText] = /^\d{3,4}$/.test(digits) ? [digits.slice(0, -2), digits.slice(-2)] : digits.split(/[.:]/);
  let hour = Number(hourText);
  const minute = Number(minuteText ?? '0');
  if (period !== null) {
    if (hour < 1 || hour > 12) return { ok: false, problem: 'time_invalid' };
    hour = (hour % 12) + (period[1] === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return { ok: false, problem: 'time_invalid' };
  return { ok: true, value: Temporal.PlainTime.from({ hour, minute }) };
}
