import { isDay } from '../../../../common/domain';

/** "10 Mar 2026 – 5 Apr 2026", or with times in the period's zone: how a person reads a quiet period. */
export function periodText(period: Readonly<{ start: string; end: string; zone: string }>, language: string): string {
  if (isDay(period.start)) {
    // A day is a day wherever it is: formatted as a UTC date so no zone shifts it.
    const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    return format.formatRange(new Date(`${period.start}T00:00:00Z`), new Date(`${period.end}T00:00:00Z`));
  }
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: period.zone });
  return `${format.formatRange(new Date(period.start), new Date(period.end))} (${period.zone})`;
}
