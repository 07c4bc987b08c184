import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSpheresError } from '../../../../common/api';
import type { GuardrailConfirmation, OutboxEntry } from '../../../../common/domain';
import { confirmationOfReasons, reasonsOf, type GuardrailReasons } from '../../../../common/guardrails';
import { composeHref, EmptyState, errorText, GuardrailDialog, SectionIcon } from '../../ui';
import { OutboxPost, type OutboxAction } from './OutboxPost';
import { canCancel, filterOf, OUTBOX_FILTERS, type OutboxFilter } from './outbox-rules';
import { useOutbox } from './use-outbox';

const FILTER_BUTTON = 'rounded-full border px-3 py-1 text-sm font-medium';
const FILTER_ON = 'border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900';
const FILTER_OFF = 'border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

/** A cancelled post, for Undo: it goes back as it was, at its time or now. */
type Cancelled = { postId: string; scheduled: boolean };

/** Every post on its way, sent or in trouble, each account with its own state; kept live by `outbox.changed`. */
export function OutboxScreen() {
  const { t, i18n } = useTranslation();
  const state = useOutbox();
  const [filter, setFilter] = useState<OutboxFilter>('all');
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<Cancelled | null>(null);
  /** A send a guardrail stopped (a quiet period, a watched word): asked about, then sent again with the confirmation. */
  const [guarded, setGuarded] = useState<{ postId: string; reasons: GuardrailReasons; again: (confirmed?: GuardrailConfirmation) => Promise<unknown> } | null>(null);

  const run = async (postId: string, action: (confirmed?: GuardrailConfirmation) => Promise<unknown>, confirmed?: GuardrailConfirmation): Promise<boolean> => {
    setBusy((current) => new Set(current).add(postId));
    setProblem(null);
    try {
      await action(confirmed);
      return true;
    } catch (error) {
      const reasons = isSpheresError(error) && error.code === 'guardrail_confirmation_needed' ? reasonsOf(error.details) : null;
      if (reasons !== null && confirmed === undefined) setGuarded({ postId, reasons, again: action });
      else setProblem(errorText(error, i18n));
      return false;
    } finally {
      setBusy((current) => {
        const next = new Set(current);
        next.delete(postId);
        return next;
      });
    }
  };

  const act = (entry: OutboxEntry, action: OutboxAction): void => {
    const ref = { id: entry.postId };
    const withConfirmation = (confirmed?: GuardrailConfirmation) => ({ ...ref, ...(confirmed === undefined ? {} : { confirmed }) });
    if (action === 'postNow') void run(entry.postId, (confirmed) => window.spheres.outbox.postNow(withConfirmation(confirmed)));
    else if (action === 'retry') void run(entry.postId, (confirmed) => window.spheres.outbox.retry(withConfirmation(confirmed)));
    else if (action === 'cancel') {
      void run(entry.postId, () => window.spheres.outbox.cancel(ref)).then((done) => {
        if (done) setCancelled({ postId: entry.postId, scheduled: entry.status === 'scheduled' });
      });
    } else if (canCancel(entry)) {
      // Edit: out of the outbox first, so nothing can be sent while the person edits it.
      void run(entry.postId, () => window.spheres.outbox.cancel(ref)).then((done) => {
        if (done) window.location.hash = composeHref(entry.postId);
      });
    }
  };

  const undo = (): void => {
    if (cancelled === null) return;
    const ref = { id: cancelled.postId };
    void run(cancelled.postId, (confirmed) => {
      const input = { ...ref, ...(confirmed === undefined ? {} : { confirmed }) };
      return cancelled.scheduled ? window.spheres.outbox.schedule(input) : window.spheres.outbox.postNow(input);
    }).then(
      (done) => done && setCancelled(null),
    );
  };

  if (state.kind === 'loading') return <p role="status">…</p>;
  if (state.kind === 'failed') return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{state.message}</p>;

  const notices = (
    <>
      {guarded !== null && (
        <GuardrailDialog
          reasons={guarded.reasons}
          confirmLabel={t('guardrails.confirmRetry')}
          onCancel={() => setGuarded(null)}
          onConfirm={() => {
            const { postId, reasons, again } = guarded;
            setGuarded(null);
            void run(postId, again, confirmationOfReasons(reasons));
          }}
        />
      )}
      {problem !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      {cancelled !== null && (
        <p role="status" className="flex items-center gap-3 text-sm">
          {t('outbox.cancelled')}
          <button type="button" onClick={undo} className="rounded border border-zinc-300 px-2 py-0.5 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            {t('outbox.undo')}
          </button>
        </p>
      )}
    </>
  );
  if (state.entries.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        {notices}
        <EmptyState title={t('outbox.emptyTitle')} body={t('outbox.emptyBody')} icon={<SectionIcon section="outbox" size={40} />} />
      </div>
    );
  }
  const shown = filter === 'all' ? state.entries : state.entries.filter((entry) => filterOf(entry) === filter);
  return (
    <div className="flex max-w-3xl flex-col gap-3">
      <div role="group" aria-label={t('outbox.filterLabel')} className="flex flex-wrap gap-2">
        {OUTBOX_FILTERS.map((each) => (
          <button
            key={each}
            type="button"
            aria-pressed={filter === each}
            onClick={() => setFilter(each)}
            className={`${FILTER_BUTTON} ${filter === each ? FILTER_ON : FILTER_OFF}`}
          >
            {t(`outbox.filters.${each}`)}
          </button>
        ))}
      </div>
      {notices}
      {shown.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('outbox.noneInFilter')}</p>
      ) : (
        <ul aria-label={t('outbox.listLabel')} className="flex flex-col gap-3">
          {shown.map((entry) => (
            <OutboxPost key={entry.postId} entry={entry} busy={busy.has(entry.postId)} onAction={(action) => act(entry, action)} />
          ))}
        </ul>
      )}
    </div>
  );
}
