import { memo, useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TONES, type Post, type TargetMix } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { NUDGE_DEFAULTS, addDays, daysInMonth, driftNudge, isoWeek, measureAgainstTarget, startOfWeek, storeMonthsFor, type Day, type DriftNudge } from '../../../../common/tone';
import type { ToneName } from './labels';
import { type CalendarLocale, errorText, MixBar } from '../../ui';
import { useStoreMonths, type MonthCache } from './month-cache';

export interface TargetPanelProps {
  readonly locale: CalendarLocale;
  readonly toneName: ToneName;
  readonly cache: MonthCache;
  readonly zone: string;
  readonly today: Day;
  /** The day the calendar is looking at: the panel measures the target's week or month that holds it. */
  readonly day: Day;
  readonly target: TargetMix;
  onShowPost(post: Post): void;
}

/** The period the target is set for (a week or a month) that holds `day`, first and last day. */
export function targetPeriodHolding(target: TargetMix, day: Day, weekStart: 1 | 2 | 3 | 4 | 5 | 6 | 7): { from: Day; to: Day } {
  if (target.period === 'week') {
    const from = startOfWeek(day, weekStart);
    return { from, to: addDays(from, 6) };
  }
  const from = `${day.slice(0, 7)}-01`;
  return { from, to: addDays(from, daysInMonth(Number(day.slice(0, 4)), Number(day.slice(5, 7))) - 1) };
}

/**
 * How the panel names its period: "This week" / "This month" when it holds today, else "Week 48"
 * (where weeks are numbered), the range of days, or "December 2026"; and the line under the heading.
 */
export function targetPeriodNames(locale: CalendarLocale, target: TargetMix, period: { from: Day; to: Day }, today: Day): { name: string; line: string } {
  const { t } = locale;
  const range = t('calendar.weekRange', { from: locale.dayShort(period.from), to: locale.dayShort(period.to) });
  const current = today >= period.from && today <= period.to;
  if (current) {
    const name = target.period === 'week' ? t('calendar.target.thisWeek') : t('calendar.target.thisMonth');
    return { name, line: `${name} · ${range}` };
  }
  if (target.period === 'month') return { name: locale.monthYear(period.from), line: locale.monthYear(period.from) };
  if (!locale.showWeekNumbers) return { name: range, line: range };
  const name = t('calendar.weekOf', { week: locale.number(isoWeek(period.from).week) });
  return { name, line: `${name} · ${range}` };
}

/** Puts a nudge in words: "The last 14 days were 90% professional — the Instagram draft from Saturday would rebalance it." */
export function nudgeSentences(locale: CalendarLocale, nudge: DriftNudge, today: Day): { drift: string; suggestion: string | null } {
  const { t } = locale;
  const driftText = t('calendar.nudge.sentence', {
    days: locale.number(nudge.period.days),
    percent: locale.percent(nudge.percent),
    tone: t(`calendar.tonePredicate.${nudge.dominantTone}`),
    target: locale.percent(nudge.targetPercent),
  });
  const suggestion = nudge.suggestion;
  if (suggestion === undefined) return { drift: driftText, suggestion: null };
  const ahead = suggestion.day > today;
  const key =
    suggestion.network === null
      ? ahead
        ? 'calendar.nudge.forDayNoNetwork'
        : 'calendar.nudge.fromDayNoNetwork'
      : ahead
        ? 'calendar.nudge.forDay'
        : 'calendar.nudge.fromDay';
  return {
    drift: driftText,
    suggestion: t(key, { network: suggestion.network === null ? '' : NETWORK_INFO[suggestion.network].name, day: locale.relativeDay(suggestion.day, today) }),
  };
}

/**
 * The target's week or month holding the day being viewed against the target, per tone and per
 * network, and a nudge in plain words when the last days up to today drifted. Both count what went
 * out or is on its way, on every network (COUNTED_AGAINST_TARGET), and each says so with its
 * period: drafts are what could rebalance it, and the view's filters do not apply here.
 */
export const TargetPanel = memo(function TargetPanel({ locale, toneName, cache, zone, today, day, target, onShowPost }: TargetPanelProps) {
  const { t } = locale;
  const { i18n } = useTranslation();
  // Follows the grid rather than holding it up: turning the month draws the grid first, then this.
  const viewedDay = useDeferredValue(day);
  const period = targetPeriodHolding(target, viewedDay, locale.weekInfo.firstDay);
  const windowDays = target.period === 'week' ? NUDGE_DEFAULTS.weekDays : NUDGE_DEFAULTS.monthDays;
  const nudgeFrom = addDays(today, -(windowDays - 1));
  const nudgeTo = addDays(today, NUDGE_DEFAULTS.lookAheadDays);
  // The viewed period and the nudge's days around today: apart when the calendar looks far away.
  const months = useMemo(
    () => [...new Set([...storeMonthsFor(period.from, period.to, zone), ...storeMonthsFor(nudgeFrom, nudgeTo, zone)])].sort(),
    [period.from, period.to, nudgeFrom, nudgeTo, zone],
  );
  // Measured after the calendar itself has drawn: the grid comes first when both get their posts.
  const read = useDeferredValue(useStoreMonths(cache, months));
  const posts = read.kind === 'ready' ? read.posts : null;

  const measured = useMemo(() => {
    if (posts === null) return null;
    return { ...measureAgainstTarget(posts, target, { zone, from: period.from, to: period.to }), nudge: driftNudge(posts, target, { today, zone }) };
  }, [posts, zone, period.from, period.to, target, today]);

  const names = targetPeriodNames(locale, target, period, today);
  const scope = t('calendar.scope', { period: names.name, counted: t('calendar.counted.committed') });
  const targetMix = { counts: target, total: 100, untoned: 0, shares: { private: target.private / 100, blend: target.blend / 100, professional: target.professional / 100 }, percents: target };
  const targetSummary = TONES.map((tone) => `${toneName(tone)} ${locale.percent(target[tone])}`).join(', ');

  return (
    <section aria-labelledby="calendar-target-heading" className="flex flex-col gap-3 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="calendar-target-heading" className="text-sm font-semibold">
          {t('calendar.target.heading')}
        </h2>
        <span className="text-xs text-zinc-700 dark:text-zinc-300">{names.line}</span>
      </div>
      <p data-mix-scope="target" className="text-[11px] text-zinc-600 dark:text-zinc-400">
        {scope}
      </p>
      {measured === null ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" role={read.kind === 'failed' ? 'alert' : undefined}>
          {read.kind === 'failed' ? t('calendar.loadFailed', { message: errorText(read.error, i18n) }) : t('calendar.loading')}
        </p>
      ) : (
        <>
          <div className="flex flex-col gap-1.5">
            <div className="grid grid-cols-[4.5rem_1fr] items-center gap-2 text-xs">
              <span className="text-zinc-700 dark:text-zinc-300">{t('calendar.target.actual')}</span>
              <MixBar mix={measured.mix} size="regular" label={t('calendar.target.actualBar', { scope, summary: locale.mixSummary(measured.mix) })} />
              <span className="text-zinc-700 dark:text-zinc-300">{t('calendar.target.target')}</span>
              <MixBar mix={targetMix} size="regular" label={t('calendar.target.targetBar', { summary: targetSummary })} />
            </div>
          </div>
          {measured.drift === null ? (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('calendar.target.nothingYet')}</p>
          ) : (
            <table className="w-full text-xs">
              <thead>
                <tr className="text-left text-zinc-600 dark:text-zinc-400">
                  <th scope="col" className="py-0.5 font-medium">
                    {t('calendar.target.tone')}
                  </th>
                  <th scope="col" className="py-0.5 text-right font-medium">
                    {t('calendar.target.actual')}
                  </th>
                  <th scope="col" className="py-0.5 text-right font-medium">
                    {t('calendar.target.target')}
                  </th>
                  <th scope="col" className="py-0.5 text-right font-medium">
                    {t('calendar.target.difference')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {TONES.map((tone) => {
                  const delta = Math.round(measured.drift?.tones[tone].delta ?? 0);
                  return (
                    <tr key={tone} data-tone={tone} className="border-t border-zinc-200 dark:border-zinc-800">
                      <th scope="row" className="py-1 text-left font-medium">
                        {toneName(tone)}
                      </th>
                      <td className="py-1 text-right tabular-nums">
                        {locale.number(measured.mix.counts[tone])} · {locale.percent(measured.mix.percents[tone])}
                      </td>
                      <td className="py-1 text-right tabular-nums">{locale.percent(target[tone])}</td>
                      <td className="py-1 text-right tabular-nums">
                        {t('calendar.target.points', { points: `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${locale.number(Math.abs(delta))}` })}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {measured.nudge !== null && <Nudge locale={locale} nudge={measured.nudge} today={today} posts={posts ?? []} onShowPost={onShowPost} />}
          {measured.networks.size > 0 && (
            <div className="flex flex-col gap-1.5">
              <h3 className="text-xs font-semibold">{t('calendar.byNetwork')}</h3>
              <p className="text-[11px] text-zinc-600 dark:text-zinc-400">{t('calendar.byNetworkHelp')}</p>
              <ul className="flex flex-col gap-1.5">
                {[...measured.networks].map(([network, mix]) => (
                  <li key={network} className="grid grid-cols-[5rem_1fr_auto] items-center gap-2 text-xs">
                    <span>{NETWORK_INFO[network].name}</span>
                    <MixBar mix={mix} size="small" label={t('calendar.periodMix', { period: NETWORK_INFO[network].name, summary: locale.mixSummary(mix) })} />
                    <span aria-hidden="true" className="text-zinc-600 tabular-nums dark:text-zinc-400">
                      {TONES.map((tone) => locale.number(mix.counts[tone])).join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
});

function Nudge({ locale, nudge, today, posts, onShowPost }: Readonly<{ locale: CalendarLocale; nudge: DriftNudge; today: Day; posts: readonly Post[]; onShowPost: (post: Post) => void }>) {
  const words = nudgeSentences(locale, nudge, today);
  const suggested = nudge.suggestion === undefined ? undefined : posts.find((post) => post.id === nudge.suggestion?.postId);
  return (
    <div data-nudge className="flex flex-col gap-1.5 rounded-lg border border-amber-300 bg-amber-50 p-2.5 text-xs text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
      <h3 className="font-semibold">{locale.t('calendar.nudge.heading')}</h3>
      <p data-mix-scope="drift" className="text-[11px]">
        {locale.t('calendar.scope', { period: locale.t('calendar.nudge.period', { days: locale.number(nudge.period.days) }), counted: locale.t('calendar.counted.committed') })}
      </p>
      <p>
        {words.drift}
        {words.suggestion !== null && <> {words.suggestion}</>}
      </p>
      {suggested !== undefined && (
        <button
          type="button"
          onClick={() => onShowPost(suggested)}
          className="w-fit rounded-md border border-amber-400 bg-white px-2 py-1 font-medium text-amber-950 hover:bg-amber-100 dark:border-amber-600 dark:bg-amber-900 dark:text-amber-50 dark:hover:bg-amber-800"
        >
          {locale.t('calendar.nudge.show')}
        </button>
      )}
    </div>
  );
}
