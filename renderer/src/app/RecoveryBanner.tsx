import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../common/api';

type Notice = EventPayload<'store.recovered'>;

/** How many affected posts are named by their opening words; the rest are counted. */
const NAMED_POSTS = 5;

/**
 * Tells the person when a damaged file was set aside, what was restored, and which posts and
 * accounts it touched. Repairs made while the app opened happened before this listened, so it
 * asks for them (`store.recoveries`) and hears the later ones; the ids merge the two.
 */
export function RecoveryBanner() {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismissed = useRef(new Set<number>());
  useEffect(() => {
    let live = true;
    const add = (incoming: readonly Notice[]): void =>
      setNotices((current) => {
        const known = new Set(current.map((notice) => notice.id));
        const fresh = incoming.filter((notice) => !known.has(notice.id) && !dismissed.current.has(notice.id));
        return fresh.length === 0 ? current : [...current, ...fresh].sort((a, b) => a.id - b.id);
      });
    const stop = window.spheres.on('store.recovered', (notice) => add([notice]));
    window.spheres.store
      .recoveries()
      .then((list) => {
        if (live) add(list);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      stop();
    };
  }, []);
  if (notices.length === 0) return null;
  const dismiss = (): void => {
    for (const notice of notices) dismissed.current.add(notice.id);
    setNotices([]);
  };
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 px-6 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50">
      <ul className="flex flex-col gap-2">
        {notices.map((notice) => (
          <li key={notice.id}>
            <p>
              {notice.restoredFrom === null
                ? t('app.recoveredNothing', { file: notice.file, movedTo: notice.movedTo ?? '—' })
                : t('app.recovered', { file: notice.file, movedTo: notice.movedTo ?? '—', restoredFrom: notice.restoredFrom })}{' '}
              {t(`app.recoveredWhat.${notice.kind}`)}
            </p>
            {notice.postIds.length > 0 && <AffectedPosts label={t('app.recoveredPosts', { count: notice.postIds.length })} ids={notice.postIds} />}
            {notice.lostPostIds.length > 0 && <AffectedPosts label={t('app.recoveredLostPosts', { count: notice.lostPostIds.length })} ids={notice.lostPostIds} />}
            {notice.accountIds.length > 0 && <p>{t('app.recoveredAccounts', { count: notice.accountIds.length, accounts: notice.accountIds.join(', ') })}</p>}
          </li>
        ))}
      </ul>
      <button type="button" onClick={dismiss} className="mt-2 font-medium underline">
        {t('app.dismiss')}
      </button>
    </div>
  );
}

function AffectedPosts({ label, ids }: Readonly<{ label: string; ids: readonly string[] }>) {
  const { t } = useTranslation();
  const more = ids.length - NAMED_POSTS;
  return (
    <>
      <p>{label}</p>
      <ul className="ml-5 list-disc">
        {ids.slice(0, NAMED_POSTS).map((id) => (
          <li key={id}>
            <PostName id={id} />
          </li>
        ))}
        {more > 0 && <li>{t('app.recoveredMorePosts', { count: more })}</li>}
      </ul>
    </>
  );
}

/** A post by its opening words, as the person knows it; its id when it cannot be read (in the trash). */
function PostName({ id }: Readonly<{ id: string }>) {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    window.spheres.posts
      .get({ id })
      .then((post) => {
        const words = post.text.trim().replace(/\s+/g, ' ');
        if (live) setName(words === '' ? t('app.recoveredUntitled') : words.length > 80 ? `${words.slice(0, 80)}…` : words);
      })
      .catch(() => {
        if (live) setName(id);
      });
    return () => {
      live = false;
    };
  }, [id, t]);
  return <>“{name ?? id}”</>;
}
