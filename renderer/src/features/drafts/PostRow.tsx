import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostSummary } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { TONE_STYLE } from '../../ui';
import type { RowProps } from './PostList';

/** One post in the library or the trash: its opening words and what it is, then its actions. */
export function PostRow({
  summary,
  when,
  props,
  onMain,
  trailing,
  children,
}: Readonly<{
  summary: PostSummary;
  /** The line under the text: when it was edited, planned or deleted. */
  when: string;
  props: RowProps;
  onMain: () => void;
  /** Shown at the end of the main control, as what pressing it does. */
  trailing?: ReactNode;
  children?: ReactNode;
}>) {
  const { t } = useTranslation();
  const text = summary.text.trim();
  return (
    <div className="flex h-full items-center gap-2 px-2">
      <button
        type="button"
        {...props.main}
        onClick={onMain}
        className="flex h-full min-w-0 flex-1 items-center gap-2 rounded-lg px-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-violet-600 dark:hover:bg-zinc-800"
      >
        <span className="flex min-w-0 flex-1 flex-col justify-center gap-1">
        <span className={`truncate text-sm ${text.length === 0 ? 'italic text-zinc-500 dark:text-zinc-400' : ''}`}>{text.length === 0 ? t('drafts.untitled') : text}</span>
        <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="font-medium text-zinc-800 dark:text-zinc-200">{t(`drafts.statuses.${summary.status}`)}</span>
          {summary.tone !== null && (
            <span className={`rounded-full border px-1.5 font-medium ${TONE_STYLE[summary.tone].chip}`}>{t(`tone.${summary.tone}`)}</span>
          )}
          {summary.networks.length > 0 && <span>{summary.networks.map((network) => NETWORK_INFO[network].name).join(', ')}</span>}
          {summary.mediaCount > 0 && <span>{t('drafts.images', { count: summary.mediaCount })}</span>}
          <span>{when}</span>
        </span>
        </span>
        {trailing}
      </button>
      {children}
    </div>
  );
}

export const ROW_ACTION =
  'shrink-0 rounded-lg border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';
