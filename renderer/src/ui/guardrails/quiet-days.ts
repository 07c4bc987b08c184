import { addDays, zoneDays, type Day } from '../../../../common/tone';
import { allSpans, mergeSpans, type QuietBand } from '../../../../common/guardrails';
import type { Guardrails } from '../../../../common/domain';

/** The person's quiet periods as calendar bands: overlapping ones merged, so each day shows one band. */
export function quietBandsOf(guardrails: Guardrails): QuietBand[] {
  return mergeSpans(allSpans(guardrails));
}

/** For each day the band covers any of, in the calendar's zone: the names of the quiet periods there. */
export function quietDays(bands: readonly QuietBand[], days: readonly Day[], zone: string): Map<Day, readonly string[]> {
  const result = new Map<Day, readonly string[]>();
  if (bands.length === 0 || days.length === 0) return result;
  const calendar = zoneDays(zone);
  for (const day of days) {
    const from = calendar.startOf(day);
    const to = calendar.startOf(addDays(day, 1));
    const names = bands.filter((band) => band.startMs < to && from < band.endMs).flatMap((band) => band.names);
    if (names.length > 0) result.set(day, [...new Set(names)]);
  }
  return result;
}
