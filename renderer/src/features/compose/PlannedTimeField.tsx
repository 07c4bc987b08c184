import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Temporal } from 'temporal-polyfill';
import type { PlannedTime } from '../../../../common/domain';
import { systemZone } from '../../app/zone';


/** `2026-11-03T09:30` in the planned zone, for a datetime-local input. */
export function localValueOf(planned: PlannedTime): string {
  return Temporal.Instant.from(planned.at).toZonedDateTimeISO(planned.zone).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

/** A wall-clock time in a zone to the UTC instant; a time that DST skips moves forward ('compatible'). */
export function plannedFromLocal(value: string, zone: string): PlannedTime | null {
  try {
    const at = Temporal.PlainDateTime.from(value).toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant();
    return { at: at.toString(), zone };
  } catch {
    return null;
  }
}

export function PlannedTimeField({
  planned,
  onChange,
}: Readonly<{ planned: PlannedTime | null; onChange: (planned: PlannedTime | null) => void }>) {
  const { t } = useTranslation();
  const id = useId();
  const zone = planned?.zone ?? systemZone();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-semibold">
        {t('compose.plannedFor')}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          type="datetime-local"
          value={planned === null ? '' : localValueOf(planned)}
          aria-describedby={`${id}-zone`}
          onChange={(event) => onChange(event.target.value === '' ? null : plannedFromLocal(event.target.value, zone))}
          className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <span id={`${id}-zone`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('compose.plannedZone', { zone })}
        </span>
        {planned !== null && (
          <button
            type="button"
            onClick={() => onChange(null)}
            className="rounded border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t('compose.plannedClear')}
          </button>
        )}
      </div>
    </div>
  );
}
