import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORK_INFO, type NetworkId } from '../../../../common/networks';
import type { GuardrailConfirmation, OutboxEntry, Settings, Tone } from '../../../../common/domain';
import { isSpheresError } from '../../../../common/api';
import { allSpans, checkGuardrails, confirmationOfReasons, describeCheck, isClear, periodsAt, reasonsOf, watchedWordsOf, type GuardrailReasons } from '../../../../common/guardrails';
import { GuardrailDialog, withWatchedWords } from '../../ui';
import { ConfirmDialog, errorText, findingText, newPostHref, PreviewGrid, sectionHref } from '../../ui';
import { ToneControl } from './ToneControl';
import { ToneSuggestionChip } from './ToneSuggestionChip';
import { useToneSuggestion } from './use-tone-suggestion';
import { draftReducer, emptyDraft, textFor } from './draft';
import { MediaTray, imagesFromFiles } from './MediaTray';
import { PlannedTimeField } from './PlannedTimeField';
import { toneMismatches } from '../../../../common/tone';
import { checkQueue, type QueueBlocker } from './queue-check';
import { ByHandNotice } from './ByHandNotice';
import { TargetPicker } from './TargetPicker';
import { TextEditor, type EditorTab } from './TextEditor';
import { ToneMismatchList } from './ToneMismatchList';
import { XCostNote } from './XCostNote';
import { useAnalyses } from './use-analyses';
import { useMastodonLimits } from './use-server-limits';
import { useDraftPersistence, type SendWhen } from './use-draft-persistence';
import { useAccounts } from './use-accounts';

/** Marks around one edit, so the benchmark can read keystroke-to-previews latency from the page. */
export const INPUT_MARK = 'spheres:compose-input';
export const UPDATED_MEASURE = 'spheres:compose-updated';

export function ComposeScreen({ settings, openId = null }: Readonly<{ settings: Settings; openId?: string | null }>) {
  const { t, i18n } = useTranslation();
  const [draft, dispatch] = useReducer(draftReducer, null, () => emptyDraft(crypto.randomUUID()));
  const [tab, setTab] = useState<EditorTab>('base');
  const [mode, setMode] = useState<'grid' | 'focus'>('grid');
  const [focused, setFocused] = useState<NetworkId | null>(null);
  const [blockers, setBlockers] = useState<QueueBlocker[]>([]);
  /** The send the tone-policy dialog asks about, if it is open. */
  const [confirming, setConfirming] = useState<SendWhen | null>(null);
  /** The send the guardrails dialog asks about (a quiet period, a watched word), with its reasons. */
  const [guarding, setGuarding] = useState<{ when: SendWhen; reasons: GuardrailReasons } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [trashed, setTrashed] = useState<string | null>(null);
  const [plannedValid, setPlannedValid] = useState(true);
  const persistence = useDraftPersistence(draft, dispatch, openId);
  const accounts = useAccounts();
  const inputPending = useRef(false);
  const toneSuggestion = useToneSuggestion(draft.text);
  const acceptTone = useCallback((tone: Tone) => dispatch({ type: 'setTone', tone }), []);

  const mastodonLimits = useMastodonLimits();
  const media = useMemo(() => draft.images.map((image) => ({ bytes: image.bytes, mime: image.mime, altText: image.altText })), [draft.images]);
  const analysisInput = useMemo(
    () => ({
      text: draft.text,
      overrides: draft.overrides,
      networks: draft.networks,
      options: {
        media,
        contentWarning: draft.contentWarning,
        thread: { numbering: draft.threadNumbering },
        ...(mastodonLimits === null ? {} : { instance: mastodonLimits }),
      },
    }),
    [draft.text, draft.overrides, draft.networks, draft.contentWarning, draft.threadNumbering, media, mastodonLimits],
  );
  const { analyses: networkAnalyses, checking } = useAnalyses(analysisInput);
  const texts = useMemo(
    () => Object.fromEntries(draft.networks.map((network) => [network, textFor(draft, network)])) as Partial<Record<NetworkId, string>>,
    [draft],
  );
  const watched = useMemo(() => watchedWordsOf(settings.guardrails), [settings.guardrails]);
  // Watched words are findings like the networks' own: listed and marked in each preview.
  const analyses = useMemo(() => withWatchedWords(networkAnalyses, texts, watched), [networkAnalyses, texts, watched]);
  const quietAtPlanned = useMemo(
    () => (draft.planned === null ? [] : periodsAt(allSpans(settings.guardrails), Date.parse(draft.planned.at)).map((period) => period.name)),
    [draft.planned, settings.guardrails],
  );
  const previewImages = useMemo(
    () => draft.images.map((image) => ({ key: image.key, url: image.previewUrl, altText: image.altText })),
    [draft.images],
  );

  // After the edit's render is committed (previews included), close the measurement.
  useLayoutEffect(() => {
    if (!inputPending.current) return;
    inputPending.current = false;
    performance.measure(UPDATED_MEASURE, INPUT_MARK);
  });

  const markInput = useCallback(() => {
    inputPending.current = true;
    performance.mark(INPUT_MARK);
  }, []);

  /** Where the post went, in words: "Sending to Bluesky and Mastodon…", "Scheduled for 3 Mar 2026, 09:00 (Bluesky)". */
  const sentNotice = useCallback(
    (entry: OutboxEntry, when: SendWhen): string => {
      const names = [...new Set(entry.targets.map((target) => NETWORK_INFO[target.network].name))];
      const networks = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(names);
      if (when === 'now' || entry.planned === null) return t('compose.sending', { networks });
      const at = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: entry.planned.zone }).format(new Date(entry.planned.at));
      return t('compose.scheduled', { when: at, networks });
    },
    [i18n.language, t],
  );

  const send = useCallback(
    (when: SendWhen, confirmed: boolean, guardrailsConfirmed?: GuardrailConfirmation) => {
      const check = checkQueue(draft, analyses, settings.tonePolicy, plannedValid);
      const blockers: QueueBlocker[] = when === 'planned' && draft.planned === null ? [...check.blockers, { kind: 'not_planned' }] : check.blockers;
      setBlockers(blockers);
      setSendError(null);
      if (blockers.length > 0) return;
      if (check.mismatches.length > 0 && !confirmed) {
        setConfirming(when);
        return;
      }
      setConfirming(null);
      if (guardrailsConfirmed === undefined) {
        // The same rule the core holds: the planned time for Schedule, now for Post now.
        const atMs = when === 'now' ? Date.now() : draft.planned === null ? null : Date.parse(draft.planned.at);
        const guard = checkGuardrails({ tone: draft.tone, texts: [draft.text, ...Object.values(texts)], atMs }, settings.guardrails);
        if (!isClear(guard)) {
          setGuarding({ when, reasons: describeCheck(guard) });
          return;
        }
      }
      setGuarding(null);
      void persistence.send(when, guardrailsConfirmed).then((outcome) => {
        const failed = outcome.ok ? null : outcome.error;
        const reasons = isSpheresError(failed) && failed.code === 'guardrail_confirmation_needed' ? reasonsOf(failed.details) : null;
        if (outcome.ok) {
          setTrashed(null);
          setNotice(sentNotice(outcome.entry, when));
        } else if (reasons !== null) {
          // The core knew of a guardrail this window did not (changed in another window): ask about it.
          setGuarding({ when, reasons });
        } else if (outcome.error !== null) {
          setNotice(null);
          setSendError(errorText(outcome.error, i18n));
        }
      });
    },
    [analyses, draft, i18n, persistence, plannedValid, sentNotice, settings.tonePolicy, settings.guardrails, texts],
  );

  const cyclePreview = useCallback(
    (step: number) => {
      if (draft.networks.length === 0) return;
      const index = focused === null ? -1 : draft.networks.indexOf(focused);
      const next = draft.networks[(index + step + draft.networks.length) % draft.networks.length] ?? null;
      setMode('focus');
      setFocused(next);
    },
    [draft.networks, focused],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.metaKey || event.ctrlKey) || event.altKey) return;
      // A post in the outbox or published is shown, not saved or sent again from here.
      if (persistence.locked !== null && (event.key === 's' || event.key === 'Enter')) {
        event.preventDefault();
        return;
      }
      if (event.key === 's') {
        event.preventDefault();
        void persistence.saveNow();
      } else if (event.key === 'Enter') {
        // Ctrl/⌘+Enter posts now; with Shift it schedules for the planned time.
        event.preventDefault();
        send(event.shiftKey ? 'planned' : 'now', false);
      } else if (event.key === ']' || event.key === '[') {
        event.preventDefault();
        cyclePreview(event.key === ']' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cyclePreview, persistence, send]);

  // Only the tone rule is needed on every keystroke; the full queue check runs when the user queues.
  const mismatches = useMemo(() => toneMismatches(draft.tone, draft.networks, settings.tonePolicy), [draft.tone, draft.networks, settings.tonePolicy]);
  const threads = draft.networks.some((network) => NETWORK_INFO[network].threads);

  return (
    // The editor stops at 30rem so that at 1440 px the previews get two columns, at 1920 px three.
    <div className="grid gap-8 xl:grid-cols-[minmax(22rem,30rem)_1fr]">
      <section aria-label={t('compose.editor')} className="flex flex-col gap-5">
        {persistence.locked !== null && (
          <p role="status" className="flex flex-wrap items-center gap-x-3 rounded-lg border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100">
            {persistence.locked === 'published' ? t('compose.locked.published') : t('compose.locked.outbox')}
            {persistence.locked !== 'published' && (
              <a href={sectionHref('outbox')} className="font-medium underline hover:no-underline">
                {t('compose.openOutbox')}
              </a>
            )}
          </p>
        )}
        {/* Its words are what goes (or went) out: a post in the outbox or published can be read here, not changed. */}
        <fieldset disabled={persistence.locked !== null} className="contents">
          <ToneControl value={draft.tone} onChange={(tone) => dispatch({ type: 'setTone', tone })} />
          <ToneSuggestionChip suggestion={toneSuggestion} current={draft.tone} disabled={persistence.locked !== null} onAccept={acceptTone} />
          <TargetPicker selected={draft.targets} accounts={accounts} onToggle={(target) => dispatch({ type: 'toggleTarget', target })} />
          {mismatches.length > 0 && (
            <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
              <ToneMismatchList mismatches={mismatches} />
            </div>
          )}
          <ByHandNotice targets={draft.targets} hasImages={draft.images.length > 0} />
          <TextEditor
            draft={draft}
            tab={tab}
            analyses={analyses}
            onTab={setTab}
            onInput={markInput}
            onBaseText={(text) => dispatch({ type: 'setText', text })}
            onOverride={(network, text) => dispatch({ type: 'setOverride', network, text })}
            onResetOverride={(network) => dispatch({ type: 'resetOverride', network })}
            onRestoreOverride={(network, text, base) => dispatch({ type: 'restoreOverride', network, text, base })}
          />
          {checking && (
            <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
              {t('compose.checking')}
            </p>
          )}
          {draft.networks.includes('mastodon') && (
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-semibold">{t('compose.contentWarning')}</span>
              <input
                type="text"
                value={draft.contentWarning}
                onChange={(event) => dispatch({ type: 'setContentWarning', text: event.target.value })}
                className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
          )}
          {threads && (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={draft.threadNumbering}
                onChange={(event) => dispatch({ type: 'setThreadNumbering', on: event.target.checked })}
              />
              {t('compose.threadNumbering')}
            </label>
          )}
          {analyses.x !== undefined && <XCostNote analysis={analyses.x} accounts={draft.targets.filter((target) => target.network === 'x' && target.accountId !== undefined).length} />}
          {/* Keyed by the draft: what was typed (a bad date too) stays with its draft, never carries into the next. */}
          <PlannedTimeField
            key={draft.id}
            planned={draft.planned}
            onChange={(planned) => dispatch({ type: 'setPlanned', planned })}
            onValidityChange={setPlannedValid}
          />
          {quietAtPlanned.length > 0 && (
            <p role="status" data-quiet-period-note className="rounded-lg border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
              {t(draft.tone === 'private' ? 'guardrails.plannedNotePrivate' : 'guardrails.plannedNote', { names: quietAtPlanned.join(', ') })}
            </p>
          )}
          <MediaTray
            images={draft.images}
            onAdd={(files) => {
              const { images, rejected } = imagesFromFiles(files);
              if (images.length > 0) {
                dispatch({ type: 'addImages', images });
                persistence.storeImages(images);
              }
              return rejected;
            }}
            onRemove={(key) => dispatch({ type: 'removeImage', key })}
            onAltText={(key, altText) => dispatch({ type: 'setAltText', key, altText })}
            onStripLocation={persistence.stripLocation}
          />
          {blockers.length > 0 && (
            <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
              <p className="font-semibold">{t('compose.cannotSend')}</p>
              <ul className="list-disc pl-5">
                {blockers.map((blocker, index) => (
                  <li key={index}>
                    {blocker.kind === 'finding'
                      ? `${NETWORK_INFO[blocker.network].name}: ${findingText(blocker.finding, i18n.language)}`
                      : t(`compose.blockers.${blocker.kind}`)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            disabled={persistence.locked !== null}
            onClick={() => void persistence.saveNow()}
            aria-keyshortcuts="Control+S Meta+S"
            className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t('compose.save')}
          </button>
          <button
            type="button"
            disabled={persistence.locked !== null}
            onClick={() => send('now', false)}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            className="rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
          >
            {t('compose.postNow')}
          </button>
          <button
            type="button"
            onClick={() => send('planned', false)}
            disabled={draft.planned === null || persistence.locked !== null}
            title={draft.planned === null ? t('compose.scheduleNeedsTime') : undefined}
            aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
            className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t('compose.schedule')}
          </button>
          <button
            type="button"
            onClick={() => (window.location.hash = newPostHref())}
            aria-keyshortcuts="Control+N Meta+N"
            className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t('app.newPost')}
          </button>
          <button
            type="button"
            disabled={persistence.locked !== null}
            onClick={() =>
              void persistence.discard().then((id) => {
                setNotice(null);
                setTrashed(id);
              })
            }
            className="rounded-lg px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
          >
            {t('compose.discard')}
          </button>
          <p role="status" aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400">
            {persistence.status.state === 'saved' && t('compose.status.saved')}
            {persistence.status.state === 'saving' && t('compose.status.saving')}
            {persistence.status.state === 'failed' && (
              <span className="text-red-700 dark:text-red-400">{t('compose.status.failed', { reason: persistence.status.message })}</span>
            )}
          </p>
        </div>
        {trashed !== null && (
          <p role="status" className="flex items-center gap-3 text-sm">
            {t('compose.discarded')}
            <button
              type="button"
              onClick={() => void persistence.restore(trashed).then((restored) => restored && setTrashed(null))}
              className="rounded border border-zinc-300 px-2 py-0.5 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {t('compose.undo')}
            </button>
          </p>
        )}
        {sendError !== null && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {sendError}
          </p>
        )}
        {notice !== null && (
          <p role="status" className="flex flex-wrap items-center gap-x-3 text-sm text-emerald-700 dark:text-emerald-400">
            {notice}
            <a href={sectionHref('outbox')} className="font-medium underline hover:no-underline">
              {t('compose.openOutbox')}
            </a>
          </p>
        )}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('compose.shortcuts')}</p>
      </section>
      <section aria-label={t('compose.previews')} className="min-w-0">
        <PreviewGrid
          networks={draft.networks}
          texts={texts}
          analyses={analyses}
          images={previewImages}
          tone={draft.tone}
          author={{ name: t('compose.previewAuthor'), handle: 'you' }}
          mode={mode}
          focused={focused}
          onModeChange={setMode}
          onFocusChange={setFocused}
        />
      </section>
      {confirming !== null && (
        <ConfirmDialog
          title={t('compose.confirmTitle')}
          confirmLabel={t(confirming === 'now' ? 'compose.confirmPostNow' : 'compose.confirmSchedule')}
          cancelLabel={t('compose.confirmCancel')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => send(confirming, true)}
        >
          <ToneMismatchList mismatches={mismatches} />
        </ConfirmDialog>
      )}
      {guarding !== null && (
        <GuardrailDialog
          reasons={guarding.reasons}
          confirmLabel={t(guarding.when === 'now' ? 'guardrails.confirmPostNow' : 'guardrails.confirmSchedule')}
          onCancel={() => setGuarding(null)}
          onConfirm={() => send(guarding.when, true, confirmationOfReasons(guarding.reasons))}
        />
      )}
    </div>
  );
}
