import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrashedSummary } from '../../../../common/domain';
import { ConfirmDialog, EmptyState, errorText, SectionIcon } from '../../ui';
import { PostList } from './PostList';
import { PostRow, ROW_ACTION } from './PostRow';
import { instantFormatter, shortName } from './row-text';
import { usePagedRows } from './use-paged-rows';

type Notice = { kind: 'done' | 'failed'; text: string };

/** Posts in the trash: restore one, or empty the trash for good after a confirmation. */
export function TrashView() {
  const { t, i18n } = useTranslation();
  const fetchPage = useCallback((offset: number, limit: number) => window.spheres.posts.listTrash({ offset, limit }), []);
  const rows = usePagedRows<TrashedSummary>(fetchPage, 'trash');
  const [active, setActive] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const format = useMemo(() => instantFormatter(i18n.language), [i18n.language]);
  const name = (summary: TrashedSummary): string => shortName(summary) ?? t('drafts.untitled');
  const failed = (error: unknown): void => setNotice({ kind: 'failed', text: errorText(error, i18n) });

  const restore = (summary: TrashedSummary): void => {
    window.spheres.posts.restore({ id: summary.id }).then(() => {
      setNotice({ kind: 'done', text: t('drafts.restored', { text: name(summary) }) });
      rows.reload();
    }, failed);
  };

  const emptyTrash = (): void => {
    setConfirming(false);
    window.spheres.posts.emptyTrash().then(({ removed }) => {
      setNotice({ kind: 'done', text: t('drafts.emptied', { count: removed }) });
      rows.reload();
    }, failed);
  };

  const total = rows.total ?? 0;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p role="status" aria-live="polite" className="text-zinc-600 dark:text-zinc-400">
          {rows.total === null ? t('drafts.loading') : t('drafts.inTrash', { count: rows.total })}
        </p>
        {total > 0 && (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className="rounded-lg px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
          >
            {t('drafts.emptyTrash')}
          </button>
        )}
        {notice !== null && (
          <p role={notice.kind === 'failed' ? 'alert' : 'status'} className={notice.kind === 'failed' ? 'text-red-700 dark:text-red-400' : ''}>
            {notice.text}
          </p>
        )}
      </div>
      {rows.failed !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {rows.failed}
        </p>
      )}
      {rows.total === 0 && <EmptyState title={t('drafts.trashEmptyTitle')} body={t('drafts.trashEmptyBody')} icon={<SectionIcon section="drafts" size={40} />} />}
      {total > 0 && (
        <PostList
          label={t('drafts.trashListLabel')}
          total={total}
          rowAt={rows.rowAt}
          ensure={rows.ensure}
          active={active}
          onActive={setActive}
          placeholder={t('drafts.loading')}
          renderRow={(summary, _index, props) => (
            <PostRow
              summary={summary}
              props={props}
              onMain={() => restore(summary)}
              when={t('drafts.deleted', { when: format(summary.deletedAt), purge: format(summary.purgeAfter) })}
              trailing={<span className={ROW_ACTION}>{t('drafts.restore')}</span>}
            />
          )}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t('drafts.emptyTrashTitle')}
          confirmLabel={t('drafts.emptyTrashConfirm')}
          cancelLabel={t('drafts.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={emptyTrash}
        >
          {t('drafts.emptyTrashBody', { count: total })}
        </ConfirmDialog>
      )}
    </div>
  );
}
