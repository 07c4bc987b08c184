import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../common/api';
import { TONES, type Tone } from '../../../../common/domain';
import { errorText, NetworkMarks, sectionHref, TONE_STYLE } from '../../ui';

type ReviewItem = MethodOutput<'tone.review'>['items'][number];

/** One page is what the screen walks through; the next is asked for when it is done. */
const PAGE = 200;
const KEY_TONES: Readonly<Record<string, Tone>> = { '1': 'private', '2': 'blend', '3': 'professional' };
const KEY_OF: Readonly<Record<Tone, string>> = { private: '1', blend: '2', professional: '3' };

/** What one step did, so Ctrl+Z can take it back: the posts tagged, and where they stood in the list. */
interface Step {
  readonly items: readonly { item: ReviewItem; index: number }[];
}

/**
 * Review imported history: the published posts without a tone, one after another by keyboard
 * (1/2/3 tag, Enter accepts the suggestion, ↑ ↓ move, Ctrl+Z undoes), or every suggestion above
 * a confidence at once. Each tag is saved as it is made and teaches the suggester, whose
 * suggestions for the posts still left are fetched again after every step.
 */
export function ReviewScreen() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<readonly ReviewItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [learned, setLearned] = useState(0);
  const [focus, setFocus] = useState(0);
  const [threshold, setThreshold] = useState(80);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<readonly Step[]>([]);
  const listRef = useRef<HTMLUListElement>(null);
  const busy = useRef(false);
  /** The person is walking the list by keyboard: a tagged row leaving must hand focus to the next, not drop it on the page. */
  const walking = useRef(false);
  /** The review opens on its first post, ready for 1/2/3 or Enter. */
  const opening = useRef(true);

  const percent = useMemo(() => new Intl.NumberFormat(i18n.language, { style: 'percent' }), [i18n.language]);

  const show = useCallback((page: MethodOutput<'tone.review'>): void => {
    setItems(page.items);
    setTotal(page.total);
    setLearned(page.learned);
    setError(null);
  }, []);
  const failedToLoad = useCallback((failure: unknown) => setError(t('calendar.review.loadFailed', { error: errorText(failure, i18n) })), [i18n, t]);
  const load = useCallback(() => window.spheres.tone.review({ offset: 0, limit: PAGE }).then(show, failedToLoad), [failedToLoad, show]);

  useEffect(() => {
    let live = true;
    window.spheres.tone.review({ offset: 0, limit: PAGE }).then(
      (page) => live && show(page),
      (failure: unknown) => live && failedToLoad(failure),
    );
    return () => {
      live = false;
    };
  }, [failedToLoad, show]);

  const tag = useCallback(
    async (chosen: readonly { item: ReviewItem; index: number; tone: Tone }[], done: string): Promise<void> => {
      if (chosen.length === 0 || busy.current) return;
      busy.current = true;
      try {
        const answer = await window.spheres.tone.tag({ tags: chosen.map(({ item, tone }) => ({ id: item.id, tone })) });
        setLearned(answer.learned);
        setUndo((steps) => [...steps, { items: chosen.map(({ item, index }) => ({ item, index })) }]);
        const gone = new Set(chosen.map(({ item }) => item.id));
        setItems((current) => current?.filter((item) => !gone.has(item.id)) ?? current);
        setTotal((count) => count - chosen.length);
        setMessage(done);
        // The suggester learned: the posts still left get its new suggestions.
        await load();
      } catch (failure) {
        setError(t('calendar.review.tagFailed', { error: errorText(failure, i18n) }));
      } finally {
        busy.current = false;
      }
    },
    [i18n, load, t],
  );

  const takeBack = useCallback(async (): Promise<void> => {
    const step = undo.at(-1);
    if (step === undefined || busy.current) return;
    busy.current = true;
    try {
      const answer = await window.spheres.tone.tag({ tags: step.items.map(({ item }) => ({ id: item.id, tone: null })) });
      setLearned(answer.learned);
      setUndo((steps) => steps.slice(0, -1));
      setMessage(t('calendar.review.undone'));
      await load();
      setFocus(Math.min(...step.items.map(({ index }) => index)));
    } catch (failure) {
      setError(t('calendar.review.tagFailed', { error: errorText(failure, i18n) }));
    } finally {
      busy.current = false;
    }
  }, [i18n, load, t, undo]);

  const sure = useMemo(
    () => (items ?? []).flatMap((item, index) => (item.suggestion !== null && item.suggestion.confidence * 100 >= threshold ? [{ item, index, tone: item.suggestion.tone }] : [])),
    [items, threshold],
  );

  useEffect(() => {
    // Keep the focused row in view and focused, so a screen reader follows the walk.
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${Math.min(focus, (items?.length ?? 1) - 1)}"]`);
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (opening.current && row !== null && row !== undefined) {
      opening.current = false;
      if (lost) walking.current = true;
    }
    if (row !== null && row !== undefined && walking.current && (lost || listRef.current?.contains(document.activeElement))) row.focus();
  }, [focus, items]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (items === null) return;
    // Typing a threshold is typing, not tagging.
    if (event.target instanceof HTMLInputElement) return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      void takeBack();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // The row the key was pressed on (it has focus), else the row last focused.
    const row = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-index]') : null;
    const index = Math.min(row === null ? focus : Number(row.dataset['index']), items.length - 1);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setFocus(Math.max(0, Math.min(items.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1))));
      return;
    }
    const item = items[index];
    if (item === undefined) return;
    const keyed = KEY_TONES[event.key];
    const tone = keyed ?? (event.key === 'Enter' ? item.suggestion?.tone : undefined);
    if (tone === undefined) return;
    event.preventDefault();
    void tag([{ item, index, tone }], t('calendar.review.tagged', { tone: t(`tone.${tone}`) }));
  };

  return (
    <section
      aria-labelledby="review-title"
      className="flex flex-col gap-4"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        // Focus moved elsewhere on purpose (not lost with a removed row): stop following the walk.
        if (event.relatedTarget !== null && !listRef.current?.contains(event.relatedTarget)) walking.current = false;
      }}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="review-title" className="text-lg font-semibold">
          {t('calendar.review.title')}
        </h2>
        <a href={sectionHref('calendar')} className="text-sm font-medium text-violet-700 underline hover:no-underline dark:text-violet-300">
          {t('calendar.review.back')}
        </a>
      </div>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{t('calendar.review.intro')}</p>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('calendar.review.keys')}</p>
      <p role="status" aria-live="polite" className="flex flex-wrap items-center gap-3 text-sm">
        <span>{t('calendar.review.remaining', { count: total })}</span>
        <span className="text-zinc-600 dark:text-zinc-400">{t('calendar.review.learned', { count: learned })}</span>
        {message !== '' && <span>{message}</span>}
        {undo.length > 0 && (
          <button type="button" onClick={() => void takeBack()} className="rounded border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            {t('calendar.review.undo')}
          </button>
        )}
      </p>
      {error !== null && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      {items !== null && items.length > 0 && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <label className="flex items-center gap-2">
            {t('calendar.review.acceptAllLabel')}
            <input type="range" min={50} max={100} step={5} value={threshold} onChange={(event) => setThreshold(Number(event.target.value))} aria-valuetext={percent.format(threshold / 100)} />
            <input
              type="number"
              min={50}
              max={100}
              step={1}
              value={threshold}
              onChange={(event) => setThreshold(Math.max(50, Math.min(100, Number(event.target.value) || 50)))}
              className="w-16 rounded border border-zinc-300 px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
              aria-label={t('calendar.review.acceptAllLabel')}
            />
            %
          </label>
          <button
            type="button"
            disabled={sure.length === 0}
            onClick={() => void tag(sure, t('calendar.review.acceptedAll', { count: sure.length }))}
            className="rounded-lg bg-violet-700 px-3 py-1.5 font-medium text-white hover:bg-violet-800 disabled:opacity-50"
          >
            {t('calendar.review.acceptAll', { count: sure.length })}
          </button>
        </div>
      )}
      {items === null && error === null && <p className="text-sm">{t('calendar.review.loading')}</p>}
      {items !== null && items.length === 0 && <p className="text-sm">{t('calendar.review.done')}</p>}
      {items !== null && items.length > 0 && (
        <ul ref={listRef} aria-label={t('calendar.review.list')} className="flex flex-col gap-2">
          {items.map((item, index) => {
            const focused = index === Math.min(focus, items.length - 1);
            const suggestion = item.suggestion;
            return (
              <li
                key={item.id}
                data-index={index}
                tabIndex={focused ? 0 : -1}
                aria-current={focused ? 'true' : undefined}
                onFocus={() => {
                  walking.current = true;
                  setFocus(index);
                }}
                className={`flex flex-col gap-2 rounded-lg border p-3 text-sm outline-none ${focused ? 'border-violet-500 ring-2 ring-violet-500/40' : 'border-zinc-200 dark:border-zinc-800'}`}
              >
                <div className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
                  <NetworkMarks networks={item.networks} />
                  <time dateTime={item.at}>{new Date(item.at).toLocaleDateString(i18n.language, { dateStyle: 'medium' })}</time>
                </div>
                <p className="whitespace-pre-wrap">{item.text}</p>
                <p className="text-xs text-zinc-700 dark:text-zinc-300">
                  {suggestion === null
                    ? t('calendar.review.noSuggestion')
                    : t('calendar.review.suggested', { tone: t(`tone.${suggestion.tone}`), percent: percent.format(suggestion.confidence), reasons: suggestion.reasons.join(', ') })}
                </p>
                <div className="flex flex-wrap gap-2">
                  {suggestion !== null && (
                    <button type="button" tabIndex={-1} onClick={() => void tag([{ item, index, tone: suggestion.tone }], t('calendar.review.tagged', { tone: t(`tone.${suggestion.tone}`) }))} className={`rounded-full border px-3 py-0.5 text-xs font-medium ${TONE_STYLE[suggestion.tone].chip}`}>
                      {t('calendar.review.acceptSuggestion', { tone: t(`tone.${suggestion.tone}`) })}
                    </button>
                  )}
                  {TONES.map((tone) => (
                    <button key={tone} type="button" tabIndex={-1} onClick={() => void tag([{ item, index, tone }], t('calendar.review.tagged', { tone: t(`tone.${tone}`) }))} className="rounded-full border border-zinc-300 px-3 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
                      {t('calendar.review.tagAs', { tone: t(`tone.${tone}`), key: KEY_OF[tone] })}
                    </button>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
