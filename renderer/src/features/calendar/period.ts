import { addDays, addMonths, addYears, monthGrid, startOfWeek, type Day, type MonthGrid, type Weekday } from '../../../../common/tone';

export type CalendarViewName = 'month' | 'week' | 'year';
export const VIEWS: readonly CalendarViewName[] = ['month', 'week', 'year'];

/** What a view shows: its days, the first and last, and its title. */
export interface Period {
  readonly from: Day;
  readonly to: Day;
  readonly grid?: MonthGrid;
  readonly days?: readonly Day[];
  /** Is a day part of the period itself (not a neighbouring month's day in the grid)? */
  contains(day: Day): boolean;
}

/** Month grids by year, month and week start: built with Temporal, asked for on every render and prefetch. */
const grids = new Map<string, MonthGrid>();

function gridOf(year: number, month: number, weekStart: Weekday): MonthGrid {
  const key = `${year}-${month}-${weekStart}`;
  let grid = grids.get(key);
  if (grid === undefined) {
    grid = monthGrid(year, month, weekStart);
    grids.set(key, grid);
  }
  return grid;
}

/** The period a view shows around `anchor`: the month's whole-week grid, the week, or the year. */
export function periodOf(view: CalendarViewName, anchor: Day, weekStart: Weekday): Period {
  const year = Number(anchor.slice(0, 4));
  if (view === 'month') {
    const grid = gridOf(year, Number(anchor.slice(5, 7)), weekStart);
    const month = anchor.slice(0, 7);
    return { from: grid.first, to: grid.last, grid, contains: (day) => day.startsWith(month) };
  }
  if (view === 'week') {
    const from = startOfWeek(anchor, weekStart);
    const to = addDays(from, 6);
    const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
    return { from, to, days, contains: (day) => day >= from && day <= to };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31`, contains: (day) => day.startsWith(`${year}-`) };
}

/** The anchor `by` periods away: months, weeks or years as the view counts them. */
export function shiftPeriod(view: CalendarViewName, day: Day, by: number): Day {
  if (view === 'month') return addMonths(day, by);
  if (view === 'week') return addDays(day, 7 * by);
  return addYears(day, by);
}
