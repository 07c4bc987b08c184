import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type GuardrailConfirmation, type Guardrails, type Post, type Settings, type TargetMix, type Tone } from '../../../../common/domain';
import { checkGuardrails, confirmationOfReasons, describeCheck, isClear, type GuardrailReasons } from '../../../../common/guardrails';
import { GuardrailDialog, quietBandsOf } from '../../ui';
import { composeHref, errorText, MixBar, sectionHref, systemZone, useCalendarLocale } from '../../ui';
import { ReviewScreen } from './ReviewScreen';
import {
  EMPTY_MIX,
  addDays,
  addMonths,
  addYears,
  calendarDayOf,
  calendarTimeOf,
  plannedOrCreated,
  replanByDays,
  daysBetween,
  isoWeek,
  startOfWeek,
  storeMonthsFor,
  summarizeCalendar,
  type Day,
} from '../../../../common/tone';
import { CalendarFilters } from './CalendarFilters';
import { DayPanel } from './DayPanel';
import { ALL_POSTS, applyFilter, type CalendarFilter } from './filters';
import { shownScope } from './labels';
import { Legend } from './Legend';
import { MonthCache, useStoreMonths } from './month-cache';
import { MonthView } from './MonthView';
import { RenderTiming } from './perf';
import { VIEWS, periodOf, shiftPeriod, type CalendarViewName } from './period';
import { TargetPanel } from './TargetPanel';
import { useReplan, type ReplanOutcome } from './use-replan';
import { useToday } from './use-today';
import { WeekView } from './WeekView';
import { YearView } from './YearView';

export type { CalendarViewName } from './period';

const MOVE_KEYS: Readonly<Record<string, number>> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/** Opening a post from the calendar: the composer, at that post. */
function openInComposer(id: string): void {
  window.location.hash = composeHref(id);
}

export interface ToneCalendarProps {
  readonly targetMix: TargetMix;
  /** The IANA zone days are counted in: the system's. */
  readonly zone: string;
  /** Fixed "today" for tests and screenshots; the zone's current day by default. */
  readonly today?: Day;
  readonly initialView?: CalendarViewName;
  /** The day the calendar opens on; today by default. */
  readonly initialDay?: Day;
  /** Quiet periods shown as bands; a move into one asks first. Absent: none. */
  readonly guardrails?: Guardrails;
  onOpenPost(id: string): void;
}

/**
 * The tone calendar: month, week and year views of every post coloured by tone, with the mix of
 * each day and period, filters, a day panel, the target mix and a nudge when the posts drift.
 */
export function ToneCalendar({ targetMix, zone, today: fixedToday, initialView = 'month', initialDay, guardrails, onOpenPost }: ToneCalendarProps) {
  const { t, i18n } = useTranslation();
  const locale = useCalendarLocale();
  const toneNames = useMemo(() => ({ private: t('tone.private'), blend: t('tone.blend'), professional: t('tone.professional') }), [t]);
  const toneName = useCallback((tone: Tone) => toneNames[tone], [toneNames]);
  const today = useToday(zone, fixedToday);
  const [timing] = useState(() => new RenderTiming());
  const [cache] = useState(() => new MonthCache((month) => window.spheres.posts.listMonth({ month })));
  const [view, setView] = useState<CalendarViewName>(initialView);
  const [anchor, setAnchor] = useState<Day>(initialDay ?? today);
  const [focusedDay, setFocusedDay] = useState<Day>(initialDay ?? today);
  const [focusToken, setFocusToken] = useState(0);
  const [selectedDay, setSelectedDay] = useState<Day | null>(null);
  const [panelToken, setPanelToken] = useState(0);
  const [selectedPostId, setSelectedPostId] = useState<string | null>(null);
  const [filter, setFilter] = useState<CalendarFilter>(ALL_POSTS);
  const [announcement, setAnnouncement] = useState('');
  const quietBands = useMemo(() => (guardrails === undefined ? [] : quietBandsOf(guardrails)), [guardrails]);
  /** A move into a quiet period waiting for "Move anyway". */
  const [moveAsk, setMoveAsk] = useState<{ post: Post; days: number; from: 'grid' | 'panel' | 'pointer'; reasons: GuardrailReasons } | null>(null);
  /** Confirmations to record once their move is saved (the record names the post's new time). */
  const pendingConfirmations = useRef(new Map<string, GuardrailConfirmation>());

  const period = useMemo(() => periodOf(view, anchor, locale.weekInfo.firstDay), [view, anchor, locale]);
  const months = useMemo(() => storeMonthsFor(period.from, period.to, zone), [period, zone]);
  const read = useStoreMonths(cache, months);
  const posts = read.kind === 'ready' ? read.posts : null;
  const postsById = useMemo(() => new Map((posts ?? []).map((post) => [post.id, post])), [posts]);
  const calendar = useMemo(
    () => (posts === null ? null : summarizeCalendar(applyFilter(filter, posts), zone, { weekStart: locale.weekInfo.firstDay, from: period.from, to: period.to })),
    [posts, filter, zone, locale.weekInfo.firstDay, period],
  );

  // When this view's data was complete: where its render measure starts (perf.ts).
  const dataAt = useMemo(() => (read.kind === 'ready' ? cache.lastLoadedAt : 0), [read, cache]);

  // Fetch the neighbouring periods ahead, so moving to them renders without waiting.
  const ready = read.kind === 'ready';
  useEffect(() => {
    if (!ready) return;
    for (const by of [1, -1]) {
      const next = periodOf(view, shiftPeriod(view, anchor, by), locale.weekInfo.firstDay);
      cache.load(storeMonthsFor(next.from, next.to, zone));
    }
  }, [ready, view, anchor, locale, cache, zone]);

  const goTo = (nextView: CalendarViewName, day: Day): void => {
    timing.begin();
    setView(nextView);
    setAnchor(day);
    setFocusedDay(day);
  };

  const focusDay = (day: Day): void => {
    setFocusedDay(day);
    setFocusToken((token) => token + 1);
    if (!period.contains(day)) {
      timing.begin();
      setAnchor(day);
    }
  };

  const pickDay = (day: Day, how: 'pointer' | 'keyboard'): void => {
    setSelectedDay(day);
    setFocusedDay(day);
    if (how === 'keyboard') setPanelToken((token) => token + 1);
  };

  const selectPost = (post: Post): void => {
    const day = calendarDayOf(post, zone);
    setSelectedPostId((current) => (current === post.id ? null : post.id));
    setSelectedDay(day);
    setFocusedDay(day);
    if (!period.contains(day)) setAnchor(day);
  };

  const settled = (outcome: ReplanOutcome): void => {
    if (outcome.kind === 'cannotMove') setAnnouncement(t('calendar.cannotMove'));
    else if (outcome.kind === 'moved') {
      const { day, saved } = outcome;
      const confirmed = pendingConfirmations.current.get(saved.id);
      if (confirmed !== undefined) {
        pendingConfirmations.current.delete(saved.id);
        void window.spheres.guardrails.confirmMove({ id: saved.id, confirmed }).catch((error: unknown) => setAnnouncement(t('calendar.moveFailed', { message: errorText(error, i18n) })));
      }
      setAnnouncement(t('calendar.moved', { date: locale.dayLong(day), time: locale.time(calendarTimeOf(saved), zone) }));
    } else {
      const { error } = outcome;
      setAnnouncement(t('calendar.moveFailed', { message: errorText(error, i18n) }));
    }
  };
  const replan = useReplan({ cache, zone, settled });

  const move = (post: Post, days: number, from: 'grid' | 'panel' | 'pointer', confirmed?: GuardrailConfirmation): Promise<void> => {
    // A professional or blended post moved into a quiet period asks first, as Post now and Schedule do.
    if (confirmed === undefined && guardrails !== undefined && days !== 0 && post.status !== 'published' && post.status !== 'publishing') {
      const atMs = Date.parse(replanByDays(plannedOrCreated(post, zone), days).at);
      const check = checkGuardrails({ tone: post.tone, texts: [], atMs }, guardrails);
      if (!isClear(check)) {
        setMoveAsk({ post, days, from, reasons: describeCheck(check) });
        return Promise.resolve();
      }
    }
    if (confirmed !== undefined) pendingConfirmations.current.set(post.id, confirmed);
    return replan(post, days, (day) => {
      setSelectedPostId(post.id);
      setSelectedDay(day);
      setFocusedDay(day);
      if (!period.contains(day)) setAnchor(day);
      if (from === 'grid') setFocusToken((token) => token + 1);
      if (from === 'panel') setPanelToken((token) => token + 1);
    });
  };

  const onGridKey = (event: KeyboardEvent<HTMLElement>): void => {
    const target = event.target as HTMLElement;
    const by = MOVE_KEYS[event.key];
    if (event.altKey && by !== undefined) {
      const post = selectedPostId === null ? undefined : postsById.get(selectedPostId);
      if (post === undefined) return;
      event.preventDefault();
      void move(post, by, 'grid');
      return;
    }
    const day = target.getAttribute('role') === 'gridcell' ? target.dataset.day : undefined;
    if (day === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    let next: Day | null = null;
    if (by !== undefined) next = addDays(day, by);
    else if (event.key === 'Home') next = startOfWeek(day, locale.weekInfo.firstDay);
    else if (event.key === 'End') next = addDays(startOfWeek(day, locale.weekInfo.firstDay), 6);
    else if (event.key === 'PageUp') next = event.shiftKey ? addYears(day, -1) : addMonths(day, -1);
    else if (event.key === 'PageDown') next = event.shiftKey ? addYears(day, 1) : addMonths(day, 1);
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pickDay(day, 'keyboard');
      return;
    }
    if (next === null) return;
    event.preventDefault();
    focusDay(next);
  };

  const onPanelKey = (event: KeyboardEvent<HTMLElement>, post: Post): void => {
    const by = MOVE_KEYS[event.key];
    if (!event.altKey || by === undefined) return;
    event.preventDefault();
    void move(post, by, 'panel');
  };

  const onDropPost = (id: string, day: Day): void => {
    const post = postsById.get(id);
    if (post === undefined) return;
    void move(post, daysBetween(calendarDayOf(post, zone), day), 'pointer');
  };

  // Stable callbacks for the memoised cells, calling the latest handlers of this render.
  const changeFilter = (next: CalendarFilter): void => {
    timing.begin();
    setFilter(next);
  };
  const leavePanel = (): void => focusDay(selectedDay ?? focusedDay);
  const showPost = (post: Post): void => {
    const day = calendarDayOf(post, zone);
    goTo(view, day);
    setSelectedDay(day);
    setSelectedPostId(post.id);
    setPanelToken((token) => token + 1);
  };
  const handlers = { onGridKey, pickDay, selectPost, onOpenPost, onDropPost, onPanelKey, leavePanel, showPost, changeFilter };
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const stable = useMemo(
    () => ({
      onGridKey: (event: KeyboardEvent<HTMLElement>) => latest.current.onGridKey(event),
      onPickDay: (day: Day, how: 'pointer' | 'keyboard') => latest.current.pickDay(day, how),
      onSelectPost: (post: Post) => latest.current.selectPost(post),
      onOpenPost: (id: string) => latest.current.onOpenPost(id),
      onDropPost: (id: string, day: Day) => latest.current.onDropPost(id, day),
      onPanelKey: (event: KeyboardEvent<HTMLElement>, post: Post) => latest.current.onPanelKey(event, post),
      leavePanel: () => latest.current.leavePanel(),
      showPost: (post: Post) => latest.current.showPost(post),
      changeFilter: (next: CalendarFilter) => latest.current.changeFilter(next),
    }),
    [],
  );

  const titleId = 'calendar-period-title';
  const title =
    view === 'month'
      ? locale.monthYear(anchor)
      : view === 'week'
        ? `${locale.showWeekNumbers && period.days !== undefined ? `${t('calendar.weekOf', { week: locale.number(isoWeek(period.from).week) })} · ` : ''}${t('calendar.weekRange', {
            from: locale.dayShort(period.from),
            to: locale.dayShort(period.to),
          })}`
        : anchor.slice(0, 4);
  const periodMix =
    calendar === null ? null : ((view === 'month' ? calendar.months.get(anchor.slice(0, 7)) : view === 'year' ? calendar.years.get(anchor.slice(0, 4)) : calendar.total) ?? EMPTY_MIX);
  // What the figure above the grid counts: the period on screen, as the filters show it.
  const periodScope = t('calendar.scope', { period: title, counted: shownScope(locale, filter) });
  // The target panel measures the target's week or month that holds the day being looked at.
  const viewedDay = period.contains(focusedDay) ? focusedDay : anchor;
  const viewProps = {
    locale,
    toneName,
    zone,
    today,
    calendar,
    focusedDay,
    focusToken,
    selectedDay,
    selectedPostId,
    timing,
    dataAt,
    onGridKey: stable.onGridKey,
    onPickDay: stable.onPickDay,
    onSelectPost: stable.onSelectPost,
    onOpenPost: stable.onOpenPost,
    onDropPost: stable.onDropPost,
    quietBands,
  };
  const selectedEntry = selectedDay !== null && selectedDay >= period.from && selectedDay <= period.to ? calendar?.days.get(selectedDay) : undefined;

  return (
    <div className="flex flex-col gap-4" data-calendar-view={view}>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex items-center gap-1">
          <NavButton label={t(`calendar.previous.${view}`)} onClick={() => goTo(view, shiftPeriod(view, anchor, -1))} glyph="M14.5 6 8.5 12l6 6" />
          <button type="button" aria-label={t('calendar.todayLabel')} onClick={() => goTo(view, today)} className={BUTTON}>
            {t('calendar.today')}
          </button>
          <NavButton label={t(`calendar.next.${view}`)} onClick={() => goTo(view, shiftPeriod(view, anchor, 1))} glyph="M9.5 6l6 6-6 6" />
        </div>
        <h2 id={titleId} aria-live="polite" className="min-w-48 text-lg font-semibold first-letter:uppercase">
          {title}
        </h2>
        <div role="group" aria-label={t('calendar.viewLabel')} className="ml-auto inline-flex rounded-lg border border-zinc-300 p-0.5 dark:border-zinc-700">
          {VIEWS.map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={view === name}
              onClick={() => goTo(name, focusedDay)}
              className={`rounded-md px-3 py-1 text-sm font-medium ${view === name ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`}
            >
              {t(`calendar.views.${name}`)}
            </button>
          ))}
        </div>
      </div>

      <CalendarFilters locale={locale} filter={filter} onChange={stable.changeFilter} />

      <div className="flex min-h-6 flex-wrap items-center gap-3 text-xs text-zinc-700 dark:text-zinc-300">
        {periodMix !== null && (
          <div data-period-mix className="flex min-w-64 flex-1 items-center gap-3">
            <span data-mix-scope="view" className="first-letter:uppercase">
              {periodScope}
            </span>
            <MixBar mix={periodMix} size="regular" className="max-w-48" label={t('calendar.periodMix', { period: periodScope, summary: locale.mixSummary(periodMix) })} />
            <span className="tabular-nums">{locale.mixShares(periodMix, toneName)}</span>
          </div>
        )}
        {read.kind === 'loading' && <span>{t('calendar.loading')}</span>}
        {read.kind === 'failed' && (
          <span role="alert" className="flex items-center gap-2 text-red-700 dark:text-red-400">
            {t('calendar.loadFailed', { message: errorText(read.error, i18n) })}
            <button type="button" className={BUTTON} onClick={() => cache.load(months)}>
              {t('calendar.retry')}
            </button>
          </span>
        )}
        <p role="status" className="ml-auto">
          {announcement}
        </p>
      </div>

      <div className="flex flex-col gap-4 xl:flex-row xl:items-start">
        <div className="min-w-0 flex-1">
          {view === 'month' && period.grid !== undefined && <MonthView {...viewProps} grid={period.grid} labelledBy={titleId} />}
          {view === 'week' && period.days !== undefined && <WeekView {...viewProps} days={period.days} labelledBy={titleId} />}
          {view === 'year' && <YearView {...viewProps} year={Number(anchor.slice(0, 4))} onOpenMonth={(day) => goTo('month', day)} />}
          <Legend locale={locale} view={view} />
          <p data-calendar-zone className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            {t('calendar.timesIn', { zone: locale.zoneName(zone) })}
          </p>
        </div>
        {moveAsk !== null && (
          <GuardrailDialog
            reasons={moveAsk.reasons}
            confirmLabel={t('guardrails.confirmMove')}
            onCancel={() => setMoveAsk(null)}
            onConfirm={() => {
              setMoveAsk(null);
              void move(moveAsk.post, moveAsk.days, moveAsk.from, confirmationOfReasons(moveAsk.reasons));
            }}
          />
        )}
        <div className="flex w-full flex-col gap-4 xl:w-80 xl:shrink-0">
          <DayPanel
            locale={locale}
            toneName={toneName}
            zone={zone}
            today={today}
            day={selectedDay}
            entry={selectedEntry}
            selectedPostId={selectedPostId}
            focusToken={panelToken}
            onSelectPost={stable.onSelectPost}
            onOpenPost={stable.onOpenPost}
            onMoveKey={stable.onPanelKey}
            onLeave={stable.leavePanel}
          />
          <TargetPanel
            locale={locale}
            toneName={toneName}
            cache={cache}
            zone={zone}
            today={today}
            day={viewedDay}
            target={targetMix}
            onShowPost={stable.showPost}
          />
        </div>
      </div>
    </div>
  );
}

const BUTTON = 'rounded-lg border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

function NavButton({ label, glyph, onClick }: Readonly<{ label: string; glyph: string; onClick: () => void }>) {
  return (
    <button type="button" aria-label={label} title={label} onClick={onClick} className={`${BUTTON} px-2`}>
      <svg aria-hidden="true" focusable="false" width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
        <path d={glyph} />
      </svg>
    </button>
  );
}

/** The Calendar section: opening a post goes to the composer (`#/compose/<id>`). */
/** `#/calendar/review`: the review of posts without a tone, a page of the calendar section. */
export const REVIEW_HREF = sectionHref('calendar', 'review');

function useReviewing(): boolean {
  const [reviewing, setReviewing] = useState(() => window.location.hash === REVIEW_HREF);
  useEffect(() => {
    const onHash = (): void => setReviewing(window.location.hash === REVIEW_HREF);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return reviewing;
}

/** How many published posts have no tone (imported history): the way into the review, shown only when there are some. */
function ReviewLink() {
  const { t } = useTranslation();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    window.spheres.tone.review({ offset: 0, limit: 1 }).then(
      (page) => live && setCount(page.total),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (count === 0) return null;
  return (
    <p className="mb-3">
      <a href={REVIEW_HREF} className="inline-flex items-center gap-2 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full bg-zinc-500" />
        {t('calendar.review.open', { count })}
      </a>
    </p>
  );
}

export function CalendarScreen({ settings, onOpenPost }: Readonly<{ settings: Settings; onOpenPost?: (id: string) => void }>) {
  const reviewing = useReviewing();
  if (reviewing) return <ReviewScreen />;
  return (
    <>
      <ReviewLink />
      <ToneCalendar targetMix={settings.targetMix} zone={systemZone()} guardrails={settings.guardrails} onOpenPost={onOpenPost ?? openInComposer} />
    </>
  );
}
