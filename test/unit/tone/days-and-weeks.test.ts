import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, isoWeek, monthGrid, quietStretches, startOfWeek, weekdayOf, weekInfoFor } from '../../../common/tone';

describe('ISO weeks', () => {
  it('counts 31 December 2026 in week 53 of 2026', () => {
    expect(isoWeek('2026-12-31')).toEqual({ year: 2026, week: 53 });
  });

  it('keeps 1 to 3 January 2027 in week 53 of 2026, because that week’s Thursday is in 2026', () => {
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-03')).toEqual({ year: 2026, week: 53 });
  });

  it('starts week 1 of 2027 on Monday 4 January', () => {
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
  });

  it('puts 29 December 2025 in week 1 of 2026', () => {
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
  });
});

describe('days and weeks', () => {
  it('names weekdays the ISO way, Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2026-11-02')).toBe(1);
    expect(weekdayOf('2026-11-01')).toBe(7);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-28')).toBe(7);
  });

  it('finds the start of a week for Monday and Sunday weeks', () => {
    expect(startOfWeek('2026-11-04', 1)).toBe('2026-11-02');
    expect(startOfWeek('2026-11-04', 7)).toBe('2026-11-01');
    expect(startOfWeek('2026-11-01', 1)).toBe('2026-10-26');
  });

  it('counts days across a year end and a leap day', () => {
    expect(daysBetween('2027-12-31', '2028-03-01')).toBe(61);
    expect(daysBetween('2026-11-10', '2026-11-03')).toBe(-7);
  });

  it('moves a month from the 31st to the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('the month grid', () => {
  it('shows November 2026 from Monday 26 October to Sunday 6 December, weeks 44 to 49', () => {
    const grid = monthGrid(2026, 11, 1);
    expect(grid.first).toBe('2026-10-26');
    expect(grid.last).toBe('2026-12-06');
    expect(grid.weeks.map((week) => week.isoWeek.week)).toEqual([44, 45, 46, 47, 48, 49]);
    expect(grid.weeks[0]?.days.map((day) => day.inMonth)).toEqual([false, false, false, false, false, false, true]);
  });

  it('starts November 2026 on Sunday the 1st for Sunday weeks, in five rows', () => {
    const grid = monthGrid(2026, 11, 7);
    expect(grid.first).toBe('2026-11-01');
    expect(grid.last).toBe('2026-12-05');
    expect(grid.weeks).toHaveLength(5);
    expect(grid.weeks[0]?.days.map((day) => day.weekday)).toEqual([7, 1, 2, 3, 4, 5, 6]);
  });

  it('fits February 2027 in exactly four Monday rows', () => {
    const grid = monthGrid(2027, 2, 1);
    expect([grid.first, grid.last, grid.weeks.length]).toEqual(['2027-02-01', '2027-02-28', 4]);
  });

  it('numbers the row holding New Year 2027 as week 53 of 2026', () => {
    const grid = monthGrid(2026, 12, 1);
    expect(grid.weeks.at(-1)?.days.map((day) => day.day)).toEqual([
      '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03',
    ]);
    expect(grid.weeks.at(-1)?.isoWeek).toEqual({ year: 2026, week: 53 });
  });
});

describe('where the week starts', () => {
  it('starts on Monday in Danish', () => {
    expect(weekInfoFor('da').firstDay).toBe(1);
    expect(weekInfoFor('da-DK').firstDay).toBe(1);
  });

  it('follows the locale in English: Sunday in the US, Monday in Britain', () => {
    expect(weekInfoFor('en-US').firstDay).toBe(7);
    expect(weekInfoFor('en').firstDay).toBe(7);
    expect(weekInfoFor('en-GB').firstDay).toBe(1);
  });

  it('falls back to Monday for a locale Intl cannot read', () => {
    expect(weekInfoFor('not a locale').firstDay).toBe(1);
  });
});

describe('quiet stretches', () => {
  it('marks runs of three or more days without posts, and nothing shorter', () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08'];
    const busy = new Set(['2026-11-01', '2026-11-04', '2026-11-08']);
    expect([...quietStretches(days, (day) => busy.has(day), { today: '2026-11-30' })]).toEqual(['2026-11-05', '2026-11-06', '2026-11-07']);
  });

  it('never calls a day after today quiet: it is not planned yet, not quiet', () => {
    const days = ['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
    // Nothing at all from the 14th on; today is the 18th.
    const quiet = quietStretches(days, () => false, { today: '2026-11-18' });
    expect([...quiet]).toEqual(['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18']);
  });

  it('does not join past empty days with future ones into one stretch', () => {
    // The 17th has a post; the 18th (today) is empty, and so are the days after it: one empty day so far is not a stretch.
    const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21'];
    expect([...quietStretches(days, (day) => day === '2026-11-17', { today: '2026-11-18' })]).toEqual([]);
  });

  it('shades nothing in a week that lies wholly ahead', () => {
    const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
    expect(quietStretches(days, () => false, { today: '2026-11-18' }).size).toBe(0);
  });
});
