import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'working'; task: 'export' | 'import' }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string };

/** The user's data is theirs: one archive out, the same archive back in, without duplicates. */
export function DataSection() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const fail = (error: unknown): void =>
    setOutcome({ kind: 'failed', message: errorText(error, i18n) });

  const exportAll = (): void => {
    setOutcome({ kind: 'working', task: 'export' });
    window.spheres.library.export().then(
      (result) =>
        setOutcome(
          result.file === null
            ? { kind: 'idle' }
            : {
                kind: 'done',
                message: t('settings.exported', {
                  posts: t('settings.exportedPosts', { count: result.posts }),
                  images: t('settings.exportedImages', { count: result.media }),
                  file: result.file,
                }),
              },
        ),
      fail,
    );
  };

  // The app picks the file (a dialog in the desktop app, the browser's picker on the web host) and reads it where it is.
  const importChosen = (): void => {
    setOutcome({ kind: 'working', task: 'import' });
    window.spheres.library.importChosen().then(
      (result) =>
        setOutcome(
          result === null
            ? { kind: 'idle' }
            : {
                kind: 'done',
                message: t('settings.imported', {
                  added: t('settings.importedAdded', { count: result.added }),
                  updated: t('settings.importedUpdated', { count: result.updated }),
                  unchanged: t('settings.importedUnchanged', { count: result.unchanged }),
                  images: t('settings.importedImages', { count: result.mediaAdded }),
                }),
              },
        ),
      fail,
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2">
      <h2 id={`${id}-heading`} className="text-sm font-semibold">
        {t('settings.data')}
      </h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('settings.dataHelp')}</p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={exportAll}
          disabled={outcome.kind === 'working'}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('settings.export')}
        </button>
        <button
          type="button"
          onClick={importChosen}
          disabled={outcome.kind === 'working'}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('settings.import')}
        </button>
      </div>
      <p role="status" className="min-h-5 text-sm">
        {outcome.kind === 'working' && t(outcome.task === 'import' ? 'settings.importing' : 'settings.working')}
        {outcome.kind === 'done' && <span className="text-emerald-700 dark:text-emerald-400">{outcome.message}</span>}
        {outcome.kind === 'failed' && <span className="text-red-700 dark:text-red-400">{outcome.message}</span>}
      </p>
    </section>
  );
}
