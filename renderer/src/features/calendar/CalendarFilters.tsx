import { memo, useId, useState } from 'react';
import { NETWORK_IDS } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { CALENDAR_STATUSES } from '../../../../common/tone';
import { toggled, type CalendarFilter } from './filters';
import { type CalendarLocale, NETWORK_MARK } from '../../ui';
import { StatusGlyph } from './PostChip';

const BOX = 'inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-zinc-300 px-2.5 py-1 text-xs has-[:checked]:border-zinc-900 has-[:checked]:bg-zinc-900 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-violet-600 dark:border-zinc-700 dark:has-[:checked]:border-zinc-100 dark:has-[:checked]:bg-zinc-100 dark:has-[:checked]:text-zinc-900';

/** "All networks, all statuses" or what is left of them. */
function filterSummary(locale: CalendarLocale, filter: CalendarFilter): string {
  const { t } = locale;
  const networks =
    filter.networks.size === NETWORK_IDS.length
      ? t('calendar.filterAllNetworks')
      : filter.networks.size === 0
        ? t('calendar.filterNoNetworks')
        : locale.list(NETWORK_IDS.filter((network) => filter.networks.has(network)).map((network) => NETWORK_INFO[network].name));
  const statuses =
    filter.statuses.size === CALENDAR_STATUSES.length
      ? t('calendar.filterAllStatuses')
      : filter.statuses.size === 0
        ? t('calendar.filterNoStatuses')
        : locale.list(CALENDAR_STATUSES.filter((status) => filter.statuses.has(status)).map((status) => t(`calendar.statusFilter.${status}`)));
  return `${networks} · ${statuses}`;
}

/**
 * Which networks and statuses the calendar shows; the mix bars count only what is shown. One
 * button opens the choices, so the calendar stays a few Tab presses long; its text says what is shown.
 */
export const CalendarFilters = memo(function CalendarFilters({ locale, filter, onChange }: Readonly<{ locale: CalendarLocale; filter: CalendarFilter; onChange: (next: CalendarFilter) => void }>) {
  const { t } = locale;
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-choices`}
          onClick={() => setOpen((shown) => !shown)}
          className="inline-flex items-center gap-1.5 rounded-lg border border-zinc-300 px-2.5 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          <svg aria-hidden="true" focusable="false" width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
            <path d={open ? 'M6 15l6-6 6 6' : 'M6 9l6 6 6-6'} />
          </svg>
          {t('calendar.filters')}
        </button>
        <span data-filter-summary className="text-zinc-700 dark:text-zinc-300">
          {filterSummary(locale, filter)}
        </span>
      </div>
      <div id={`${id}-choices`} role="group" aria-label={t('calendar.filters')} hidden={!open} className="flex flex-wrap items-start gap-x-6 gap-y-2">
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="float-left mr-1 text-xs font-semibold text-zinc-700 dark:text-zinc-300">{t('calendar.networksLabel')}</legend>
          {NETWORK_IDS.map((network) => (
            <label key={network} className={BOX}>
              <input type="checkbox" className="sr-only" checked={filter.networks.has(network)} onChange={() => onChange({ ...filter, networks: toggled(filter.networks, network) })} />
              <span aria-hidden="true" className="text-[10px] font-semibold">
                {NETWORK_MARK[network]}
              </span>
              {NETWORK_INFO[network].name}
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="float-left mr-1 text-xs font-semibold text-zinc-700 dark:text-zinc-300">{t('calendar.statusLabel')}</legend>
          {CALENDAR_STATUSES.map((status) => (
            <label key={status} className={BOX}>
              <input type="checkbox" className="sr-only" checked={filter.statuses.has(status)} onChange={() => onChange({ ...filter, statuses: toggled(filter.statuses, status) })} />
              <StatusGlyph status={status} />
              {t(`calendar.statusFilter.${status}`)}
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
});
