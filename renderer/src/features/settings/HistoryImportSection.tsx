import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSpheresError } from '../../../../common/api';
import type { Account, HistoryProgress, HistoryReport, HistorySummary } from '../../../../common/domain';
import { errorText, IMPORT_HISTORY_HREF, sectionHref } from '../../ui';
import { NETWORK_INFO } from '../../../../common/networks';

type Step =
  | { kind: 'pick' }
  | { kind: 'reading'; path: string }
  | { kind: 'summary'; path: string; summary: HistorySummary }
  | { kind: 'importing'; path: string; summary: HistorySummary; progress: HistoryProgress | null; cancelling: boolean }
  /** A connected Bluesky account's posts, read from its server: no file, so no summary before. */
  | { kind: 'importingAccount'; handle: string; progress: HistoryProgress | null; cancelling: boolean }
  | { kind: 'report'; report: HistoryReport };

const HISTORY_REASONS = ['wrong_kind', 'damaged', 'unsafe', 'too_large', 'unreadable'] as const;

const BUTTON = 'rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';
const PRIMARY = 'rounded-lg bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300';

/**
 * Settings → Import history: pick a network's export, see what it holds before anything is stored,
 * import it with a progress bar that can be cancelled, and read what came in and what did not.
 */
export function HistoryImportSection() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [failure, setFailure] = useState<string | null>(null);
  const [transport, setTransport] = useState<'electron' | 'web' | null>(null);
  const [typedPath, setTypedPath] = useState('');
  const [includeReplies, setIncludeReplies] = useState(true);
  const [includeReposts, setIncludeReposts] = useState(false);
  const [blueskyAccounts, setBlueskyAccounts] = useState<readonly Account[]>([]);

  useEffect(() => {
    let live = true;
    window.spheres.app.info().then(
      (about) => live && setTransport(about.transport),
      () => live && setTransport('electron'),
    );
    window.spheres.accounts.list().then(
      (accounts) => live && setBlueskyAccounts(accounts.filter((account) => account.network === 'bluesky')),
      () => undefined,
    );
    // Arrived from the first-run offer: bring the section into view and to the keyboard.
    // After the app has moved focus to the screen's title (App does that on every section change).
    const arrive = window.setTimeout(() => {
      if (window.location.hash !== IMPORT_HISTORY_HREF) return;
      headingRef.current?.scrollIntoView?.({ block: 'start' });
      headingRef.current?.focus();
    }, 0);
    return () => {
      live = false;
      window.clearTimeout(arrive);
    };
  }, []);

  useEffect(
    () => window.spheres.on('history.progress', (progress) => setStep((current) => (current.kind === 'importing' || current.kind === 'importingAccount' ? { ...current, progress } : current))),
    [],
  );

  const describeError = (error: unknown): string => {
    // The core words a refused export in English, naming the file and the entry; Danish gets the reason in its words.
    const reason = isSpheresError(error) ? error.details?.['reason'] : undefined;
    if (!i18n.language.startsWith('da') || !isSpheresError(error) || error.code !== 'invalid_archive') return errorText(error, i18n);
    return HISTORY_REASONS.includes(reason as (typeof HISTORY_REASONS)[number]) ? t(`history.errors.${reason as (typeof HISTORY_REASONS)[number]}`) : errorText(error, i18n);
  };

  const inspect = (path: string): void => {
    setFailure(null);
    setStep({ kind: 'reading', path });
    window.spheres.history.inspect({ path }).then(
      (summary) => setStep({ kind: 'summary', path, summary }),
      (error: unknown) => {
        setFailure(describeError(error));
        setStep({ kind: 'pick' });
      },
    );
  };

  const choose = (): void => {
    setFailure(null);
    window.spheres.history.choose().then(
      ({ path }) => path !== null && inspect(path),
      (error: unknown) => setFailure(describeError(error)),
    );
  };

  const start = (): void => {
    if (step.kind !== 'summary') return;
    setFailure(null);
    setStep({ kind: 'importing', path: step.path, summary: step.summary, progress: null, cancelling: false });
    window.spheres.history.import({ path: step.path, includeReplies, includeReposts }).then(
      (report) => setStep({ kind: 'report', report }),
      (error: unknown) => {
        setFailure(describeError(error));
        setStep({ kind: 'summary', path: step.path, summary: step.summary });
      },
    );
  };

  const importAccount = (account: Account): void => {
    setFailure(null);
    setStep({ kind: 'importingAccount', handle: account.handle, progress: null, cancelling: false });
    window.spheres.history.importAccount({ accountId: account.id, includeReplies, includeReposts }).then(
      (report) => setStep({ kind: 'report', report }),
      (error: unknown) => {
        setFailure(describeError(error));
        setStep({ kind: 'pick' });
      },
    );
  };

  const cancel = (): void => {
    setStep((current) => (current.kind === 'importing' || current.kind === 'importingAccount' ? { ...current, cancelling: true } : current));
    void window.spheres.history.cancel().catch(() => undefined);
  };

  const date = (iso: string | null): string => (iso === null ? '–' : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso)));
  /** The posts the import will add: new ones, replies and reposts only when their toggle is on. */
  const count = (summary: HistorySummary): number =>
    summary.posts -
    summary.alreadyInSpheres -
    (includeReplies ? 0 : summary.replies - summary.alreadyReplies) -
    (includeReposts ? 0 : summary.reposts - summary.alreadyReposts);

  return (
    <section aria-labelledby={`${id}-heading`} id="import-history" className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="text-sm font-semibold outline-none">
        {t('history.title')}
      </h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('history.help')}</p>

      {(step.kind === 'pick' || step.kind === 'reading') && (
        <div className="flex flex-wrap items-end gap-2">
          {transport === 'web' ? (
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                if (typedPath.trim() !== '') inspect(typedPath.trim());
              }}
            >
              <label className="flex flex-col gap-1 text-sm">
                {t('history.pathLabel')}
                <input
                  value={typedPath}
                  onChange={(event) => setTypedPath(event.target.value)}
                  placeholder={t('history.pathPlaceholder')}
                  className="w-96 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
                />
              </label>
              <button type="submit" disabled={step.kind === 'reading' || typedPath.trim() === ''} className={BUTTON}>
                {t('history.read')}
              </button>
            </form>
          ) : (
            <button type="button" onClick={choose} disabled={step.kind === 'reading' || transport === null} className={BUTTON}>
              {t('history.choose')}
            </button>
          )}
        </div>
      )}
      {step.kind === 'pick' && blueskyAccounts.length > 0 && (
        <div className="flex flex-col gap-2">
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('history.fromAccount')}</p>
          <div className="flex flex-wrap gap-2">
            {blueskyAccounts.map((account) => (
              <button key={account.id} type="button" onClick={() => importAccount(account)} className={BUTTON}>
                {t('history.importAccount', { handle: account.handle })}
              </button>
            ))}
          </div>
        </div>
      )}
      {step.kind === 'reading' && <p role="status" className="text-sm">{t('history.reading')}</p>}
      {step.kind === 'importingAccount' && (
        <div className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
          <p className="text-sm font-medium">{t('history.importAccount', { handle: step.handle })}</p>
          <ImportProgress progress={step.progress} cancelling={step.cancelling} onCancel={cancel} />
        </div>
      )}

      {(step.kind === 'summary' || step.kind === 'importing') && (
        <div className="flex flex-col gap-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
          <p className="text-sm font-medium">
            {t('history.summaryTitle', { format: step.summary.format, network: NETWORK_INFO[step.summary.network].name })}
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-zinc-600 dark:text-zinc-400">{t('history.posts')}</dt>
            <dd>{step.summary.posts}</dd>
            <dt className="text-zinc-600 dark:text-zinc-400">{t('history.period')}</dt>
            <dd>{t('history.fromTo', { from: date(step.summary.from), to: date(step.summary.to) })}</dd>
            <dt className="text-zinc-600 dark:text-zinc-400">{t('history.images')}</dt>
            <dd>{step.summary.images}</dd>
            <dt className="text-zinc-600 dark:text-zinc-400">{t('history.already')}</dt>
            <dd>{step.summary.alreadyInSpheres}</dd>
          </dl>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={includeReplies} disabled={step.kind === 'importing'} onChange={(event) => setIncludeReplies(event.target.checked)} />
            {t('history.includeReplies', { count: step.summary.replies })}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={includeReposts} disabled={step.kind === 'importing'} onChange={(event) => setIncludeReposts(event.target.checked)} />
            {t('history.includeReposts', { count: step.summary.reposts })}
          </label>
          {step.summary.unreadable > 0 && <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('history.unreadable', { count: step.summary.unreadable })}</p>}
          {step.kind === 'summary' ? (
            <div className="flex gap-2">
              <button type="button" onClick={start} disabled={count(step.summary) <= 0} className={PRIMARY}>
                {t('history.import', { count: Math.max(0, count(step.summary)) })}
              </button>
              <button type="button" onClick={() => setStep({ kind: 'pick' })} className={BUTTON}>
                {t('history.another')}
              </button>
            </div>
          ) : (
            <ImportProgress progress={step.progress} cancelling={step.cancelling} onCancel={cancel} />
          )}
        </div>
      )}

      {step.kind === 'report' && (
        <div role="status" className="flex flex-col gap-2 text-sm">
          {step.report.cancelled ? (
            <p>{t('history.cancelled')}</p>
          ) : (
            <p className="text-emerald-700 dark:text-emerald-400">
              {t('history.done', {
                imported: t('history.doneImported', { count: step.report.imported }),
                duplicates: t('history.doneDuplicates', { count: step.report.duplicates }),
                images: t('history.doneImages', { count: step.report.imagesAdded }),
              })}
            </p>
          )}
          {step.report.leftOut > 0 && !step.report.cancelled && <p>{t('history.leftOut', { count: step.report.leftOut })}</p>}
          {step.report.imported > 0 && !step.report.cancelled && (
            <p>
              <a href={sectionHref('calendar', 'review')} className="underline">
                {t('history.reviewImported')}
              </a>
            </p>
          )}
          {step.report.skipped.length > 0 && (
            <details>
              <summary>{t('history.skipped', { count: step.report.skipped.length + step.report.skippedMore })}</summary>
              <ul className="mt-1 list-disc pl-5 text-xs">
                {step.report.skipped.map((skipped, index) => (
                  <li key={index}>
                    {skipped.where}: {skipped.reason}
                  </li>
                ))}
                {step.report.skippedMore > 0 && <li>{t('history.skippedMore', { count: step.report.skippedMore })}</li>}
              </ul>
            </details>
          )}
          <div>
            <button type="button" onClick={() => setStep({ kind: 'pick' })} className={BUTTON}>
              {t('history.another')}
            </button>
          </div>
        </div>
      )}

      {failure !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {failure}
        </p>
      )}
    </section>
  );
}

/** An import on its way: the bar (indeterminate until the total is known), its phase in words, and Cancel. */
function ImportProgress({ progress, cancelling, onCancel }: Readonly<{ progress: HistoryProgress | null; cancelling: boolean; onCancel: () => void }>) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-2">
      <progress aria-label={t('history.progressLabel')} max={progress !== null && progress.total > 0 ? progress.total : undefined} value={progress !== null && progress.total > 0 ? progress.done : undefined} className="w-full" />
      <p role="status" className="text-sm">
        {cancelling ? t('history.cancelling') : t(`history.phase.${progress?.phase ?? 'reading'}`, { done: progress?.done ?? 0, total: progress?.total ?? 0 })}
      </p>
      <div>
        <button type="button" onClick={onCancel} disabled={cancelling} className={BUTTON}>
          {t('history.cancel')}
        </button>
      </div>
    </div>
  );
}
