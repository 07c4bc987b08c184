import { useEffect, useState } from 'react';
import { addDays, dayInZone, zoneDays, type Day } from '../../../../common/tone';

/** Today in the zone, turning over at the zone's midnight. */
export function useToday(zone: string, fixed?: Day): Day {
  const [today, setToday] = useState(() => fixed ?? dayInZone(Date.now(), zone));
  useEffect(() => {
    if (fixed !== undefined) return;
    const wait = zoneDays(zone).startOf(addDays(today, 1)) - Date.now();
    const timer = setTimeout(() => setToday(dayInZone(Date.now(), zone)), Math.max(1_000, wait + 1_000));
    return () => clearTimeout(timer);
  }, [zone, today, fixed]);
  return fixed ?? today;
}
