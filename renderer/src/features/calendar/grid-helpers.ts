import { useEffect, type RefObject } from 'react';
import type { Day } from '../../../../common/tone';

/** Moves focus to the focused day's cell when the keyboard moved it (the roving tab stop follows). */
export function useGridFocus(grid: RefObject<HTMLElement | null>, focusedDay: Day, focusToken: number): void {
  useEffect(() => {
    if (focusToken === 0) return;
    grid.current?.querySelector<HTMLElement>(`[data-day="${focusedDay}"]`)?.focus();
    // Only a new token asks for focus; a re-render with the same token must not steal it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusToken]);
}

/** The day of the month of a day. */
export function dayNumber(day: Day): number {
  return Number(day.slice(8));
}
