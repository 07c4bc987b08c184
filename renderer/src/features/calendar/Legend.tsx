import { CALENDAR_STATUSES } from '../../../../common/tone';
import type { CalendarLocale } from '../../ui';
import type { CalendarViewName } from './period';
import { StatusGlyph, chipStyle } from './PostChip';
import { HeatLegend } from './YearView';

/** What the marks under the grid mean: the statuses and day shadings, or the heat scale of the year. */
export function Legend({ locale, view }: Readonly<{ locale: CalendarLocale; view: CalendarViewName }>) {
  const { t } = locale;
  return (
    <div aria-label={t('calendar.legend.label')} role="group" className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
      {view === 'year' ? (
        <HeatLegend fewer={t('calendar.heat.fewer')} more={t('calendar.heat.more')} />
      ) : (
        <>
          {CALENDAR_STATUSES.map((status) => (
            <span key={status} className="inline-flex items-center gap-1">
              <span aria-hidden="true" className={`inline-flex items-center rounded border px-1 text-[10px] ${chipStyle('blend', status)}`}>
                <StatusGlyph status={status} size={10} />
              </span>
              {t(`calendar.legend.${status}`)}
            </span>
          ))}
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" data-testid="legend-untoned" className={`inline-flex items-center rounded border px-1 text-[10px] ${chipStyle(null, 'published')}`}>
              <StatusGlyph status="published" size={10} />
            </span>
            {t('calendar.legend.untoned')}
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="h-3 w-4 rounded-sm border border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900" /> {t('calendar.legend.weekend')}
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="h-3 w-4 rounded-sm border border-zinc-300 bg-[repeating-linear-gradient(135deg,transparent_0_3px,rgb(113_113_122/0.35)_3px_4px)] dark:border-zinc-700" />{' '}
            {t('calendar.legend.quiet')}
          </span>
        </>
      )}
    </div>
  );
}
