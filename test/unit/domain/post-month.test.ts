import { describe, expect, it } from 'vitest';
import { MonthSchema, monthAt, postMonth, postTime, type PlannedTime } from '../../../common/domain';
import { monthOfFileName, monthFileName } from '../../../electron/core/posts/post-files';

const created = (at: string) => ({ createdAt: at, planned: null });
const planned = (at: string, zone = 'Europe/Copenhagen', createdAt = '2026-10-15T09:00:00.000Z') => ({ createdAt, planned: { at, zone } satisfies PlannedTime });

describe('the month a post is filed under', () => {
  it('files a planned post by its planned time, not by when it was created', () => {
    expect(postMonth(planned('2027-01-10T12:00:00.000Z', 'UTC', '2026-10-15T09:00:00.000Z'))).toBe('2027-01');
    expect(postTime(planned('2027-01-10T12:00:00.000Z', 'UTC', '2026-10-15T09:00:00.000Z'))).toBe(Date.parse('2027-01-10T12:00:00.000Z'));
  });

  it('files an unplanned post by when it was created', () => {
    expect(postMonth(created('2026-10-15T09:00:00.000Z'))).toBe('2026-10');
    expect(postTime(created('2026-10-15T09:00:00.000Z'))).toBe(Date.parse('2026-10-15T09:00:00.000Z'));
  });

  it('puts the last millisecond of a UTC month in that month and the next millisecond in the next', () => {
    expect(postMonth(planned('2026-11-30T23:59:59.999Z'))).toBe('2026-11');
    expect(postMonth(planned('2026-12-01T00:00:00.000Z'))).toBe('2026-12');
    expect(postMonth(created('2026-12-31T23:59:59.999Z'))).toBe('2026-12');
    expect(postMonth(created('2027-01-01T00:00:00.000Z'))).toBe('2027-01');
  });

  it('uses the UTC month, not the month in the zone the time was chosen in', () => {
    // 00:30 on 1 April in Copenhagen (summer time, UTC+2) is still 31 March in UTC.
    expect(postMonth(planned('2026-03-31T22:30:00.000Z', 'Europe/Copenhagen'))).toBe('2026-03');
    // An instant written with an offset counts by the UTC instant it names: New Year in Copenhagen is December in UTC.
    expect(postMonth(planned('2027-01-01T00:30:00+01:00'))).toBe('2026-12');
    expect(postMonth(created('2026-02-28T20:00:00-05:00'))).toBe('2026-03');
  });

  it('gives the UTC month of an instant as a number or a date', () => {
    expect(monthAt(Date.parse('2026-02-28T23:59:59.999Z'))).toBe('2026-02');
    expect(monthAt(new Date('2026-03-01T00:00:00.000Z'))).toBe('2026-03');
  });
});

describe('how a month is written', () => {
  it('accepts YYYY-MM for every month of the year', () => {
    for (let month = 1; month <= 12; month++) expect(MonthSchema.safeParse(`2026-${String(month).padStart(2, '0')}`).success).toBe(true);
  });

  it('refuses a month that does not exist or is written another way, saying how to write it', () => {
    for (const wrong of ['2026-00', '2026-13', '2026-1', '26-01', '2026-01-01', '2026/01', ' 2026-01', '']) {
      const result = MonthSchema.safeParse(wrong);
      expect(result.success, wrong).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('a month is written YYYY-MM');
    }
  });

  it('names a month file after its month and reads the month back from the name, ignoring every other file', () => {
    expect(monthFileName('2026-11')).toBe('2026-11.json');
    expect(monthOfFileName('2026-11.json')).toBe('2026-11');
    for (const other of ['2026-11.json.bak1', '2026-11.json.tmp-1234', '2026-11.json.corrupt-20261101', '2026-13.json', 'notes.json', '2026-11']) {
      expect(monthOfFileName(other), other).toBeNull();
    }
  });
});
