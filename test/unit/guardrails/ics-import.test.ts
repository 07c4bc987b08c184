import { describe, expect, it } from 'vitest';
import { periodsFromCalendar } from '../../../electron/core/guardrails';

const options = { name: 'quiet.ics', zone: 'Europe/Copenhagen', now: new Date('2026-03-01T12:00:00Z') };
const calendar = (...lines: string[]): string => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');

const NEW_YORK = [
  'BEGIN:VTIMEZONE',
  'TZID:Eastern Custom',
  'BEGIN:STANDARD',
  'DTSTART:19701101T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:19700308T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

describe('importing quiet periods from an .ics file', () => {
  it('reads an all-day event as whole days, its DTEND the day after the last', () => {
    const periods = periodsFromCalendar(calendar('BEGIN:VEVENT', 'UID:q1@corp', 'SUMMARY:Q1 quiet period', 'DTSTART;VALUE=DATE:20260401', 'DTEND;VALUE=DATE:20260430', 'END:VEVENT'), options);
    expect(periods).toEqual([{ id: 'ics:q1@corp', name: 'Q1 quiet period', start: '2026-04-01', end: '2026-04-29', zone: 'Europe/Copenhagen', source: 'ics' }]);
  });

  it('honours a VTIMEZONE defined in the file', () => {
    const periods = periodsFromCalendar(
      calendar(...NEW_YORK, 'BEGIN:VEVENT', 'UID:call@corp', 'SUMMARY:Analyst call', 'DTSTART;TZID=Eastern Custom:20260715T090000', 'DTEND;TZID=Eastern Custom:20260715T110000', 'END:VEVENT'),
      options,
    );
    // 09:00 in summer at UTC−4.
    expect(periods.map((period) => [period.start, period.end])).toEqual([['2026-07-15T13:00:00.000Z', '2026-07-15T15:00:00.000Z']]);
  });

  it('honours an IANA TZID the file does not define, and keeps that zone', () => {
    const periods = periodsFromCalendar(calendar('BEGIN:VEVENT', 'UID:tokyo@corp', 'SUMMARY:Tokyo results', 'DTSTART;TZID=Asia/Tokyo:20260110T090000', 'DTEND;TZID=Asia/Tokyo:20260110T170000', 'END:VEVENT'), options);
    expect(periods[0]).toMatchObject({ start: '2026-01-10T00:00:00.000Z', end: '2026-01-10T08:00:00.000Z', zone: 'Asia/Tokyo' });
  });

  it('expands a repeating event within a bounded window, leaving out an excluded date', () => {
    const periods = periodsFromCalendar(
      calendar('BEGIN:VEVENT', 'UID:quarterly@corp', 'SUMMARY:Quarter close', 'DTSTART;VALUE=DATE:20260301', 'DTEND;VALUE=DATE:20260315', 'RRULE:FREQ=MONTHLY;INTERVAL=3;COUNT=4', 'EXDATE;VALUE=DATE:20260901', 'END:VEVENT'),
      options,
    );
    expect(periods.map((period) => [period.start, period.end])).toEqual([
      ['2026-03-01', '2026-03-14'],
      ['2026-06-01', '2026-06-14'],
      ['2026-12-01', '2026-12-14'],
    ]);
  });

  it('stops an endless repeat at the end of its window', () => {
    const periods = periodsFromCalendar(calendar('BEGIN:VEVENT', 'UID:weekly@corp', 'SUMMARY:Board', 'DTSTART;VALUE=DATE:20260302', 'RRULE:FREQ=WEEKLY', 'END:VEVENT'), options);
    expect(periods.length).toBeGreaterThan(100);
    expect(periods.length).toBeLessThanOrEqual(500);
    expect(periods.at(-1)!.start < '2029-03-05').toBe(true);
  });

  it('refuses a malformed file with the line that is wrong, and imports nothing', () => {
    const text = calendar('BEGIN:VEVENT', 'UID:bad@corp', 'SUMMARY:Broken', 'DTSTART;VALUE=DATE:20261345', 'END:VEVENT');
    expect(() => periodsFromCalendar(text, options)).toThrowError(expect.objectContaining({ code: 'invalid_input', details: expect.objectContaining({ line: 7, text: 'DTSTART;VALUE=DATE:20261345' }) }));
  });

  it('names a line that is not a calendar line at all', () => {
    const text = calendar('BEGIN:VEVENT', 'UID:bad@corp', 'this is not ical', 'END:VEVENT');
    expect(() => periodsFromCalendar(text, options)).toThrowError(/line 6 \(this is not ical\)/);
  });

  it('names a component that is never ended', () => {
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'DTSTART;VALUE=DATE:20260101', 'END:VCALENDAR'].join('\n');
    expect(() => periodsFromCalendar(text, options)).toThrowError(/line 6 .*ends VCALENDAR while VEVENT \(line 3\) is open/);
  });

  it('refuses a file that is not iCalendar from its first line', () => {
    expect(() => periodsFromCalendar('Subject,Start\nQ4,2026-01-01', options)).toThrowError(/line 1 \(Subject,Start\)/);
  });
});

describe('guardrails.importCalendar at the router', () => {
  it('refuses a zone this machine does not know, importing nothing', async () => {
    const { inProcessApp } = await import('../../support/in-process-app');
    const { core } = await inProcessApp();
    const answer = await core.router.call('guardrails.importCalendar', { name: 'q.ics', text: 'BEGIN:VCALENDAR', zone: 'Mars/Olympus' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.settings.get().guardrails.periods).toEqual([]);
    await core.close();
  });

  it('keeps what it imported once, and updates rather than doubles on a second import', async () => {
    const { inProcessApp } = await import('../../support/in-process-app');
    const { core } = await inProcessApp();
    const text = calendar('BEGIN:VEVENT', 'UID:q1@corp', 'SUMMARY:Q1', 'DTSTART;VALUE=DATE:20260401', 'END:VEVENT');
    expect(await core.router.call('guardrails.importCalendar', { name: 'q.ics', text, zone: 'Europe/Copenhagen' })).toMatchObject({ ok: true, value: { added: 1, updated: 0 } });
    const before = core.settings.get();
    expect(await core.router.call('guardrails.importCalendar', { name: 'q.ics', text, zone: 'Europe/Copenhagen' })).toMatchObject({ ok: true, value: { added: 0, updated: 1 } });
    expect(core.settings.get()).toEqual(before);
    await core.close();
  });
});
