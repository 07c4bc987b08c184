import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Post } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { composeHref, EmptyState, errorText, SectionIcon, TONE_STYLE } from '../../ui';

type Loaded = { kind: 'loading' } | { kind: 'ready'; posts: Post[] } | { kind: 'failed'; message: string };

const EXCERPT = 160;

/** Queued posts wait here. Publishing arrives with connected accounts; until then a post can go back to the drafts. */
export function OutboxScreen() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<Loaded>({ kind: 'loading' });
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    window.spheres.posts.listQueued().then(
      (posts) => setState({ kind: 'ready', posts }),
      (error: unknown) => setState({ kind: 'failed', message: errorText(error, i18n) }),
    );
  }, [i18n]);
  useEffect(load, [load]);

  const backToDrafts = (post: Post): void => {
    window.spheres.posts.unqueue({ id: post.id }).then(
      () => {
        window.location.hash = composeHref(post.id);
      },
      (error: unknown) => setProblem(errorText(error, i18n)),
    );
  };

  if (state.kind === 'loading') return <p role="status">…</p>;
  if (state.kind === 'failed') return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{state.message}</p>;
  if (state.posts.length === 0) {
    return <EmptyState title={t('outbox.emptyTitle')} body={t('outbox.emptyBody')} icon={<SectionIcon section="outbox" size={40} />} />;
  }
  const when = (post: Post): string =>
    post.planned === null
      ? t('outbox.notPlanned')
      : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: post.planned.zone }).format(new Date(post.planned.at));

  return (
    <div className="flex max-w-3xl flex-col gap-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('outbox.waiting', { count: state.posts.length })}</p>
      {problem !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <ul className="flex flex-col gap-3">
        {state.posts.map((post) => (
          <li key={post.id} className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
            <div className="flex flex-wrap items-center gap-2 text-xs">
              {post.tone !== null && (
                <span className={`rounded-full border px-2 py-0.5 font-medium ${TONE_STYLE[post.tone].chip}`}>{t(`tone.${post.tone}`)}</span>
              )}
              <span className="text-zinc-700 dark:text-zinc-300">{post.targets.map((target) => NETWORK_INFO[target.network].name).join(' · ')}</span>
              <span className="ml-auto text-zinc-600 dark:text-zinc-400">{when(post)}</span>
            </div>
            <p className="text-sm whitespace-pre-wrap">
              {post.text.length > EXCERPT ? `${post.text.slice(0, EXCERPT)}…` : post.text}
            </p>
            <button
              type="button"
              onClick={() => backToDrafts(post)}
              className="self-start rounded-lg border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {t('outbox.backToDrafts')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
