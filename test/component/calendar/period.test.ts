import { describe, expect, it } from 'vitest';
import { periodOf, shiftPeriod } from '../../../renderer/src/features/calendar/period';

describe('the period a calendar view shows', () => {
  it('shows a month as whole weeks from the week start, counting only its own days as in it', () => {
    const period = periodOf('month', '2026-11-15', 1);
    expect([period.from, period.to]).toEqual(['2026-10-26', '2026-12-06']);
    expect(period.grid?.first).toBe('2026-10-26');
    expect(period.contains('2026-11-30')).toBe(true);
    expect(period.contains('2026-10-31')).toBe(false);
    expect(period.contains('2026-12-01')).toBe(false);
  });

  it('starts the month grid on Sunday where the week does', () => {
    const period = periodOf('month', '2026-11-15', 7);
    expect([period.from, period.to]).toEqual(['2026-11-01', '2026-12-05']);
  });

  it('shows the seven days of the week holding the day, from the week start', () => {
    const monday = periodOf('week', '2026-11-04', 1);
    expect(monday.days).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08']);
    expect([monday.from, monday.to]).toEqual(['2026-11-02', '2026-11-08']);
    expect(monday.contains('2026-11-08')).toBe(true);
    expect(monday.contains('2026-11-09')).toBe(false);
    expect(periodOf('week', '2026-11-04', 7).from).toBe('2026-11-01');
  });

  it('crosses the new year inside a week', () => {
    const week = periodOf('week', '2026-12-31', 1);
    expect([week.from, week.to]).toEqual(['2026-12-28', '2027-01-03']);
    expect(week.contains('2027-01-01')).toBe(true);
  });

  it('shows a year from 1 January to 31 December', () => {
    const year = periodOf('year', '2026-07-09', 1);
    expect([year.from, year.to]).toEqual(['2026-01-01', '2026-12-31']);
    expect(year.contains('2026-12-31')).toBe(true);
    expect(year.contains('2027-01-01')).toBe(false);
  });
});

describe('moving to the next or previous period', () => {
  it('moves a month at a time, keeping the day where the month has it', () => {
    expect(shiftPeriod('month', '2026-11-15', 1)).toBe('2026-12-15');
    expect(shiftPeriod('month', '2026-01-31', 1)).toBe('2026-02-28');
    expect(shiftPeriod('month', '2026-01-15', -1)).toBe('2025-12-15');
  });

  it('moves a week or a year at a time', () => {
    expect(shiftPeriod('week', '2026-12-30', 1)).toBe('2027-01-06');
    expect(shiftPeriod('week', '2026-11-04', -1)).toBe('2026-10-28');
    expect(shiftPeriod('year', '2028-02-29', 1)).toBe('2029-02-28');
  });
});
