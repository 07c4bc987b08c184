import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newPostHref } from '../../ui';
import { LibraryView } from './LibraryView';
import { TrashView } from './TrashView';

const TOGGLE = 'rounded-md px-3 py-1.5 text-sm font-medium';

/** The Drafts section: every post, searchable, and the trash; New post starts an empty draft in Compose. */
export function DraftsScreen() {
  const { t } = useTranslation();
  const [view, setView] = useState<'library' | 'trash'>('library');
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-3">
        <div role="group" aria-label={t('drafts.views')} className="flex gap-1 rounded-lg border border-zinc-300 p-1 dark:border-zinc-700">
          {(['library', 'trash'] as const).map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={view === name}
              onClick={() => setView(name)}
              className={`${TOGGLE} ${view === name ? 'bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-100' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`}
            >
              {t(`drafts.${name}`)}
            </button>
          ))}
        </div>
        <button
          type="button"
          onClick={() => (window.location.hash = newPostHref())}
          aria-keyshortcuts="Control+N Meta+N"
          className="ml-auto rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          {t('app.newPost')}
        </button>
      </div>
      {view === 'library' ? <LibraryView /> : <TrashView />}
    </div>
  );
}
