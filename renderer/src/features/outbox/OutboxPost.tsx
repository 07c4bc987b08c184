import { useTranslation } from 'react-i18next';
import type { OutboxEntry, OutboxTarget } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { NetworkMarks, sectionHref, systemZone, TONE_STYLE } from '../../ui';
import { AssistedSteps } from './AssistedSteps';
import { canCancel, canPostNow, canRetry, targetWords } from './outbox-rules';

export type OutboxAction = 'postNow' | 'retry' | 'cancel' | 'edit';

const BUTTON =
  'rounded-lg border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';

/** A date and time as the person reads it; in another zone than theirs, the zone is named. */
function useFormatTime(): (iso: string, zone?: string) => string {
  const { i18n } = useTranslation();
  return (iso, zone = systemZone()) =>
    new Intl.DateTimeFormat(
      i18n.language,
      // dateStyle and timeStyle cannot be combined with timeZoneName, so the zone's case names each part.
      zone === systemZone()
        ? { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }
        : { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone, timeZoneName: 'short' },
    ).format(new Date(iso));
}

function TargetState({ entry, target }: Readonly<{ entry: OutboxEntry; target: OutboxTarget }>) {
  const { t, i18n } = useTranslation();
  const time = useFormatTime();
  const words = targetWords(target);
  switch (words.kind) {
    case 'published':
      return <>{t('outbox.state.published')}</>;
    case 'sending':
      return <>{words.parts > 1 ? t('outbox.state.sendingParts', { done: words.partsDone, parts: words.parts }) : t('outbox.state.sending')}</>;
    case 'scheduled':
      return <>{entry.planned === null ? t('outbox.state.due') : t('outbox.state.scheduled', { when: time(entry.planned.at, entry.planned.zone) })}</>;
    case 'connection':
      return <>{t('outbox.state.connection')}</>;
    case 'reconnect':
      return (
        <>
          {t('outbox.state.reconnect')}{' '}
          <a href={sectionHref('accounts')} className="underline hover:no-underline">
            {t('outbox.openAccounts')}
          </a>
        </>
      );
    case 'missed':
      return <>{t('outbox.state.missed')}</>;
    case 'unknown':
      return <>{t('outbox.state.unknown')}</>;
    case 'failed': {
      // The core's reason is English and specific; other languages get the translated gist of its code.
      const reason = i18n.language === 'en' || words.code === null ? words.reason : t(`outbox.reasons.${words.code}`, { defaultValue: words.reason });
      return <>{reason === '' ? t('outbox.state.failedNoReason') : t('outbox.state.failed', { reason })}</>;
    }
    case 'due':
      return <>{t('outbox.state.due')}</>;
    case 'assisted':
      return <>{t('outbox.state.assisted')}</>;
  }
}

/** One post in the outbox: what it says, when, and each account it goes to with its own state. */
export function OutboxPost({ entry, busy, onAction }: Readonly<{ entry: OutboxEntry; busy: boolean; onAction: (action: OutboxAction) => void }>) {
  const { t } = useTranslation();
  const time = useFormatTime();
  const cancellable = canCancel(entry);
  const excerpt = entry.excerpt.trim() === '' ? t('outbox.noText') : entry.excerpt;
  return (
    <li aria-label={excerpt} className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {entry.tone !== null && <span className={`rounded-full border px-2 py-0.5 font-medium ${TONE_STYLE[entry.tone].chip}`}>{t(`tone.${entry.tone}`)}</span>}
        <span className="font-semibold">{t(`outbox.status.${entry.status}`)}</span>
        <span className="ml-auto text-zinc-600 dark:text-zinc-400">
          {entry.planned === null ? t('outbox.notPlanned') : time(entry.planned.at, entry.planned.zone)}
        </span>
      </div>
      <p className="text-sm whitespace-pre-wrap">{excerpt}</p>
      <ul aria-label={t('outbox.targetsLabel')} className="flex flex-col gap-1 text-sm">
        {entry.targets.map((target) => (
          <li key={`${target.network}:${target.accountId}`} data-account={target.accountId} className="flex flex-wrap items-baseline gap-x-2">
            <NetworkMarks networks={[target.network]} />
            <span className="font-medium">
              {target.handle === '' ? t('outbox.byHand', { network: NETWORK_INFO[target.network].name }) : t('outbox.targetName', { network: NETWORK_INFO[target.network].name, handle: target.handle })}
            </span>
            <span>
              <TargetState entry={entry} target={target} />
            </span>
            {target.attempts > 0 && <span className="text-xs text-zinc-600 dark:text-zinc-400">{t('outbox.attempts', { count: target.attempts })}</span>}
            {target.nextAttemptAt !== null && target.state !== 'published' && (
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{t('outbox.nextTry', { when: time(target.nextAttemptAt) })}</span>
            )}
            {target.url !== null && (
              <a href={target.url} target="_blank" rel="noreferrer noopener" className="text-xs font-medium underline hover:no-underline">
                {t('outbox.openOn', { network: NETWORK_INFO[target.network].name })}
              </a>
            )}
            {target.assisted === true && target.state !== 'published' && <AssistedSteps postId={entry.postId} target={target} />}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        {canPostNow(entry) && (
          <button type="button" disabled={busy} onClick={() => onAction('postNow')} className={BUTTON}>
            {t('outbox.postNow')}
          </button>
        )}
        {canRetry(entry) && (
          <button type="button" disabled={busy} onClick={() => onAction('retry')} className={BUTTON}>
            {t('outbox.retry')}
          </button>
        )}
        {cancellable && (
          <button type="button" disabled={busy} onClick={() => onAction('edit')} className={BUTTON}>
            {t('outbox.edit')}
          </button>
        )}
        {cancellable && (
          <button type="button" disabled={busy} onClick={() => onAction('cancel')} className={BUTTON}>
            {t('outbox.cancel')}
          </button>
        )}
      </div>
    </li>
  );
}
