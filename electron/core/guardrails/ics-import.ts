import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { AppError } from '../../../common/api';
import { QuietPeriodSchema, type QuietPeriod } from '../../../common/domain';

/** A calendar file bigger than this is not a list of quiet periods. */
export const MAX_ICS_CHARS = 5_000_000;
/** Repeating events are expanded this far around today: the quiet periods that still matter. */
const WINDOW_BACK_DAYS = 366;
const WINDOW_AHEAD_DAYS = 3 * 366;
/** A rule that repeats daily for years is not a quiet period; stop counting there. */
const MAX_OCCURRENCES = 500;

export interface CalendarImportOptions {
  /** The file's name as the person knows it, for messages. */
  name: string;
  /** The person's zone: floating times and all-day events are read in it. */
  zone: string;
  now: Date;
}

interface LogicalLine {
  text: string;
  /** The physical line (1-based) the content line starts on. */
  line: number;
}

function refuse(name: string, line: number, text: string, why: string): never {
  const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  throw new AppError('invalid_input', `${name} is not a calendar Spheres can read: line ${line} (${shown}) ${why}. Nothing was imported.`, {
    reason: 'invalid_calendar',
    line,
    text: shown,
  });
}

/** RFC 5545 §3.1: a line starting with a space or tab continues the one before. */
function unfold(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  text.split(/\r\n|\n|\r/).forEach((physical, index) => {
    const last = lines.at(-1);
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && last !== undefined) last.text += physical.slice(1);
    else if (physical.trim() !== '') lines.push({ text: physical, line: index + 1 });
  });
  return lines;
}

/** RFC 5545 §3.1 contentline: name *(";" param) ":" value, a parameter value quoted or plain. */
const CONTENT_LINE = /^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*:.*$/;
const DATE_VALUE = /^\d{8}$/;
const DATE_TIME_VALUE = /^\d{8}T\d{6}Z?$/;

/**
 * Each content line on its own, so a refusal can name the line: its shape (ical.js's own property
 * parser), BEGIN/END nesting, and the values Spheres reads (dates, times, repeat rules).
 */
function checkLines(name: string, lines: readonly LogicalLine[]): void {
  const open: { component: string; line: number }[] = [];
  for (const { text, line } of lines) {
    if (!CONTENT_LINE.test(text)) refuse(name, line, text, 'is not a calendar line (NAME;PARAM=value:value)');
    const key = text.slice(0, text.search(/[;:]/)).toLowerCase();
    const value = text.slice(valueStart(text)).trim();
    if (key === 'begin') open.push({ component: value.toUpperCase(), line });
    else if (key === 'end') {
      const top = open.pop();
      if (top?.component !== value.toUpperCase()) refuse(name, line, text, top === undefined ? 'ends something that never began' : `ends ${value} while ${top.component} (line ${top.line}) is open`);
    } else if (open.length === 0) refuse(name, line, text, 'stands outside BEGIN:VCALENDAR … END:VCALENDAR');
    else if (key === 'dtstart' || key === 'dtend' || key === 'recurrence-id' || key === 'exdate') {
      const values = value.split(',');
      if (!values.every((one) => DATE_VALUE.test(one) || DATE_TIME_VALUE.test(one)) || !values.every(validDate)) refuse(name, line, text, 'has a date or time Spheres cannot read');
    } else if (key === 'rrule') {
      try {
        ICAL.Recur.fromString(value);
      } catch {
        refuse(name, line, text, 'has a repeat rule Spheres cannot read');
      }
    }
  }
  if (open.length > 0) {
    const top = open.at(-1)!;
    refuse(name, top.line, `BEGIN:${top.component}`, 'begins something the file never ends');
  }
}

/** Where the value starts: after the first colon that is not inside a quoted parameter. */
function valueStart(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) return i + 1;
  }
  return text.length;
}

function validDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (value.length > 8 && (Number(value.slice(9, 11)) > 23 || Number(value.slice(11, 13)) > 59 || Number(value.slice(13, 15)) > 60)) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

function isIanaZone(zone: string | undefined | null): zone is string {
  if (zone === undefined || zone === null || zone === '') return false;
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone a time was written in: its TZID when that is an IANA name, else the person's. */
function zoneOf(property: ICAL.Property | null, fallback: string): string {
  const tzid = property?.getParameter('tzid');
  return typeof tzid === 'string' && isIanaZone(tzid) ? Temporal.Now.zonedDateTimeISO(tzid).timeZoneId : fallback;
}

/**
 * The instant of a time as the file means it: UTC, a VTIMEZONE of the file (ical.js converts),
 * an IANA TZID the file did not define, or a floating time in the person's zone.
 */
function instantOf(time: ICAL.Time, zone: string): number {
  const tz = time.zone;
  if (tz !== null && tz !== undefined && tz !== ICAL.Timezone.localTimezone && tz.tzid !== 'floating') return time.toUnixTime() * 1000;
  return Temporal.ZonedDateTime.from({ timeZone: zone, year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }).epochMilliseconds;
}

function dayOf(time: ICAL.Time): string {
  return Temporal.PlainDate.from({ year: time.year, month: time.month, day: time.day }).toString();
}

function periodOf(id: string, name: string, start: ICAL.Time, end: ICAL.Time | null, zone: string): QuietPeriod {
  if (start.isDate) {
    // DTEND of an all-day event is the day after the last (RFC 5545 §3.6.1); without one it is one day.
    const last = end === null ? dayOf(start) : Temporal.PlainDate.from(dayOf(end)).subtract({ days: 1 }).toString();
    const first = dayOf(start);
    return { id, name, start: first, end: last < first ? first : last, zone, source: 'ics' };
  }
  const startMs = instantOf(start, zone);
  // An event with no end is a moment; it keeps the posts of that minute quiet.
  const endMs = end === null ? startMs + 60_000 : Math.max(instantOf(end, zone), startMs + 60_000);
  return { id, name, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), zone, source: 'ics' };
}

/**
 * The quiet periods in an iCalendar file: each event (all-day or timed, in its time zone), a
 * repeating one expanded within a bounded window around today, moved or cancelled occurrences
 * (RECURRENCE-ID, EXDATE) honoured. A file that is not iCalendar is refused with the line.
 */
export function periodsFromCalendar(text: string, options: CalendarImportOptions): QuietPeriod[] {
  if (text.length > MAX_ICS_CHARS) throw new AppError('invalid_input', `${options.name} is larger than 5 MB, too large for a calendar of quiet periods. Export only the calendar with them.`, { reason: 'too_large' });
  const lines = unfold(text.replace(/^\uFEFF/, ''));
  if (lines.length === 0 || !/^BEGIN:VCALENDAR$/i.test(lines[0]!.text.trim())) {
    refuse(options.name, lines[0]?.line ?? 1, lines[0]?.text ?? '', 'should be BEGIN:VCALENDAR: an .ics calendar file begins so');
  }
  checkLines(options.name, lines);
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text.replace(/^\uFEFF/, '')) as unknown[]);
  } catch (error) {
    refuse(options.name, 1, lines[0]!.text, `could not be read (${error instanceof Error ? error.message : String(error)})`);
  }

  const events = root.getAllSubcomponents('vevent');
  const exceptions = new Map<string, ICAL.Component[]>();
  for (const component of events) {
    if (!component.hasProperty('recurrence-id')) continue;
    const uid = String(component.getFirstPropertyValue('uid') ?? '');
    exceptions.set(uid, [...(exceptions.get(uid) ?? []), component]);
  }

  const from = ICAL.Time.fromJSDate(new Date(options.now.getTime() - WINDOW_BACK_DAYS * 86_400_000), true);
  const until = options.now.getTime() + WINDOW_AHEAD_DAYS * 86_400_000;
  const periods: QuietPeriod[] = [];
  for (const [index, component] of events.entries()) {
    if (component.hasProperty('recurrence-id')) continue;
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const event = new ICAL.Event(component);
    const uid = event.uid || `event-${index + 1}`;
    const name = (event.summary || '').trim() || options.name.replace(/\.ics$/i, '');
    const zone = zoneOf(component.getFirstProperty('dtstart'), options.zone);
    if (event.startDate === null) continue;
    if (!event.isRecurring()) {
      periods.push(periodOf(`ics:${uid}`, name, event.startDate, event.endDate ?? null, zone));
      continue;
    }
    for (const exception of exceptions.get(event.uid) ?? []) event.relateException(exception);
    const iterator = event.iterator();
    let count = 0;
    for (let next = iterator.next(); next !== undefined && next !== null && count < MAX_OCCURRENCES; next = iterator.next()) {
      if (instantOf(next, zone) > until) break;
      const details = event.getOccurrenceDetails(next);
      if (details.endDate.compare(from) < 0) continue;
      if (String(details.item.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
      count++;
      const occurrenceName = (details.item.summary || '').trim() || name;
      periods.push(periodOf(`ics:${uid}:${next.toString()}`, occurrenceName, details.startDate, details.endDate, zone));
    }
  }
  // What the file said, checked as any quiet period is before it is kept.
  return periods.map((period) => {
    const parsed = QuietPeriodSchema.safeParse(period);
    if (!parsed.success) throw new AppError('invalid_input', `${options.name} has an event Spheres cannot use as a quiet period (${period.name}): ${parsed.error.issues[0]?.message ?? 'invalid'}.`, { reason: 'invalid_calendar' });
    return parsed.data;
  });
}
