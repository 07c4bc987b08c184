import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORK_IDS, POST_STATUSES, TONES, type LibrarySort, type NetworkIdValue, type PostStatus, type PostSummary, type Tone } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { composeHref, EmptyState, errorText, IMPORT_HISTORY_HREF, SectionIcon } from '../../ui';
import { PostList } from './PostList';
import { PostRow, ROW_ACTION } from './PostRow';
import { instantFormatter, shortName } from './row-text';
import { usePagedRows } from './use-paged-rows';

/** Typing in the search waits this long for the next key before asking the core. */
const SEARCH_DELAY_MS = 150;

type ToneFilter = '' | Tone | 'none';
type Notice = { kind: 'trashed'; summary: PostSummary } | { kind: 'done'; text: string } | { kind: 'failed'; text: string };

const SELECT = 'rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';

export function openPost(id: string): void {
  window.location.hash = composeHref(id);
}

/** Every post not in the trash: search, filter, sort, open, duplicate, move to the trash (with undo). */
export function LibraryView() {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [tone, setTone] = useState<ToneFilter>('');
  const [network, setNetwork] = useState<'' | NetworkIdValue>('');
  const [status, setStatus] = useState<'' | PostStatus>('');
  const [sort, setSort] = useState<LibrarySort>('updated');
  const [activeIn, setActiveIn] = useState<{ key: string; index: number }>({ key: '', index: 0 });
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const query = useMemo(
    () => ({
      sort,
      ...(search.trim() === '' ? {} : { text: search }),
      ...(tone === '' ? {} : tone === 'none' ? { untoned: true } : { tones: [tone] }),
      ...(network === '' ? {} : { networks: [network] }),
      ...(status === '' ? {} : { statuses: [status] }),
    }),
    [network, search, sort, status, tone],
  );
  const key = JSON.stringify(query);
  const fetchPage = useCallback((offset: number, limit: number) => window.spheres.posts.query({ ...query, offset, limit }), [query]);
  const rows = usePagedRows<PostSummary>(fetchPage, key);
  // A new search or filter starts at the top of its list.
  const active = activeIn.key === key ? activeIn.index : 0;
  const setActive = useCallback((index: number) => setActiveIn({ key, index }), [key]);

  const format = useMemo(() => instantFormatter(i18n.language), [i18n.language]);
  const filtered = query.text !== undefined || tone !== '' || network !== '' || status !== '';

  const trash = useCallback(
    (summary: PostSummary) => {
      window.spheres.posts.delete({ id: summary.id }).then(
        () => {
          setNotice({ kind: 'trashed', summary });
          rows.reload();
        },
        (error: unknown) => setNotice({ kind: 'failed', text: errorText(error, i18n) }),
      );
    },
    [rows, i18n],
  );

  const undo = (summary: PostSummary): void => {
    window.spheres.posts.restore({ id: summary.id }).then(
      () => {
        setNotice({ kind: 'done', text: t('drafts.restored', { text: shortName(summary) ?? t('drafts.untitled') }) });
        rows.reload();
      },
      (error: unknown) => setNotice({ kind: 'failed', text: errorText(error, i18n) }),
    );
  };

  const duplicate = (summary: PostSummary): void => {
    window.spheres.posts.duplicate({ id: summary.id }).then(
      () => {
        setNotice({ kind: 'done', text: t('drafts.duplicated') });
        rows.reload();
      },
      (error: unknown) => setNotice({ kind: 'failed', text: errorText(error, i18n) }),
    );
  };

  const clear = (): void => {
    setText('');
    setSearch('');
    setTone('');
    setNetwork('');
    setStatus('');
  };

  const name = (summary: PostSummary): string => shortName(summary) ?? t('drafts.untitled');

  return (
    <div className="flex flex-col gap-4">
      <div role="search" aria-label={t('drafts.filters')} className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm">
          <span className="font-medium">{t('drafts.search')}</span>
          <input
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              // ↓ goes from the search to the list, as in a mail app; Escape clears the search.
              if (event.key === 'ArrowDown') {
                const first = document.querySelector<HTMLElement>('[data-row-index] [data-row-main][tabindex="0"]');
                if (first !== null) {
                  event.preventDefault();
                  first.focus();
                }
              } else if (event.key === 'Escape' && text !== '') {
                event.preventDefault();
                setText('');
              }
            }}
            aria-keyshortcuts="ArrowDown Escape"
            placeholder={t('drafts.searchPlaceholder')}
            maxLength={500}
            className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t('drafts.tone')}</span>
          <select value={tone} onChange={(event) => setTone(event.target.value as ToneFilter)} className={SELECT}>
            <option value="">{t('drafts.anyTone')}</option>
            {TONES.map((value) => (
              <option key={value} value={value}>
                {t(`tone.${value}`)}
              </option>
            ))}
            <option value="none">{t('drafts.noTone')}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t('drafts.network')}</span>
          <select value={network} onChange={(event) => setNetwork(event.target.value as '' | NetworkIdValue)} className={SELECT}>
            <option value="">{t('drafts.anyNetwork')}</option>
            {NETWORK_IDS.map((value) => (
              <option key={value} value={value}>
                {NETWORK_INFO[value].name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t('drafts.status')}</span>
          <select value={status} onChange={(event) => setStatus(event.target.value as '' | PostStatus)} className={SELECT}>
            <option value="">{t('drafts.anyStatus')}</option>
            {POST_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`drafts.statuses.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t('drafts.sort')}</span>
          <select value={sort} onChange={(event) => setSort(event.target.value as LibrarySort)} className={SELECT}>
            <option value="updated">{t('drafts.sortUpdated')}</option>
            <option value="planned">{t('drafts.sortPlanned')}</option>
          </select>
        </label>
      </div>

      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p role="status" aria-live="polite" className="text-zinc-600 dark:text-zinc-400">
          {rows.total === null ? t('drafts.loading') : t('drafts.found', { count: rows.total })}
        </p>
        {notice !== null && (
          <p role={notice.kind === 'failed' ? 'alert' : 'status'} className={`flex items-center gap-2 ${notice.kind === 'failed' ? 'text-red-700 dark:text-red-400' : ''}`}>
            {notice.kind === 'trashed' ? t('drafts.trashed', { text: name(notice.summary) }) : notice.text}
            {notice.kind === 'trashed' && (
              <button type="button" onClick={() => undo(notice.summary)} className={ROW_ACTION}>
                {t('drafts.undo')}
              </button>
            )}
          </p>
        )}
      </div>

      {rows.failed !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {rows.failed}
        </p>
      )}
      {rows.total === 0 &&
        (filtered ? (
          <div className="flex flex-col items-center gap-3">
            <EmptyState title={t('drafts.noMatchTitle')} body={t('drafts.noMatchBody')} icon={<SectionIcon section="drafts" size={40} />} />
            <button type="button" onClick={clear} className={ROW_ACTION}>
              {t('drafts.clear')}
            </button>
          </div>
        ) : (
          <div className="flex flex-col items-center gap-3">
            <EmptyState title={t('drafts.emptyTitle')} body={t('drafts.emptyBody')} icon={<SectionIcon section="drafts" size={40} />} />
            {/* The first-run offer: a library with no posts at all is where a new user starts. */}
            <a href={IMPORT_HISTORY_HREF} className="text-sm font-medium underline underline-offset-2">
              {t('history.offer')}
            </a>
          </div>
        ))}
      {rows.total !== null && rows.total > 0 && (
        <PostList
          label={t('drafts.listLabel')}
          total={rows.total}
          rowAt={rows.rowAt}
          ensure={rows.ensure}
          active={active}
          onActive={setActive}
          onDelete={trash}
          placeholder={t('drafts.loading')}
          renderRow={(summary, _index, props) => (
            <PostRow
              summary={summary}
              props={props}
              onMain={() => openPost(summary.id)}
              when={
                sort === 'planned'
                  ? summary.planned === null
                    ? t('drafts.notPlanned')
                    : t('drafts.planned', { when: format(summary.planned.at, summary.planned.zone) })
                  : t('drafts.edited', { when: format(summary.updatedAt) })
              }
            >
              <button type="button" tabIndex={props.tabIndex} onClick={() => duplicate(summary)} aria-label={t('drafts.duplicatePost', { text: name(summary) })} className={ROW_ACTION}>
                {t('drafts.duplicate')}
              </button>
              <button type="button" tabIndex={props.tabIndex} onClick={() => trash(summary)} aria-label={t('drafts.deletePost', { text: name(summary) })} className={ROW_ACTION}>
                {t('drafts.delete')}
              </button>
            </PostRow>
          )}
        />
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('drafts.keys')}</p>
    </div>
  );
}
