import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { accountHealth, serverName, type AccountHealth, type WaitingPost } from './account-health';
import { AccountAvatar } from '../../ui';

const EXCERPT = 80;

const CHIP: Readonly<Record<AccountHealth['kind'], string>> = {
  connected: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  renews: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  expires: 'border-zinc-300 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100',
  expired: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
  reconnect: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
};
const WARN = 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100';

const BUTTON =
  'rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800';

function HealthChip({ health }: Readonly<{ health: AccountHealth }>) {
  const { t } = useTranslation();
  const label =
    health.kind === 'expires' ? t('accounts.health.expires', { count: health.days }) : t(`accounts.health.${health.kind}`);
  const style = health.kind === 'expires' && health.warn ? WARN : CHIP[health.kind];
  return <span className={`w-fit rounded-full border px-2.5 py-0.5 text-xs font-medium ${style}`}>{label}</span>;
}

/** One connected account: who it is, whether its sign-in works, and what waits for it. */
export function AccountCard({
  account,
  now,
  waiting,
  checking,
  problem,
  onReconnect,
  onCheck,
  onDisconnect,
}: Readonly<{
  account: Account;
  now: Date;
  /** Posts this account holds back (in the outbox, or queued for its network), shown when it needs reconnecting. */
  waiting: readonly WaitingPost[];
  checking: boolean;
  problem: string | null;
  onReconnect: () => void;
  onCheck: () => void;
  onDisconnect: () => void;
}>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const health = accountHealth(account, now);
  const network = NETWORK_INFO[account.network].name;
  const server = serverName(account.serverUrl);
  const name = account.displayName.trim() === '' ? account.handle : account.displayName;
  // Every button says whose it is to a screen reader: "Check now @alice".
  const whose = (
    <>
      {' '}
      <span className="sr-only">{account.handle}</span>
    </>
  );

  return (
    <li>
      <article aria-labelledby={`${id}-name`} className="flex gap-4 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
        <AccountAvatar network={account.network} name={name} image={account.avatarImage} />
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <h2 id={`${id}-name`} className="text-base font-semibold">
              {name}
            </h2>
            {name !== account.handle && <span className="text-sm text-zinc-600 dark:text-zinc-400">{account.handle}</span>}
          </div>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {network}
            {server !== null && ` · ${t('accounts.hostedAt', { server })}`}
          </p>
          <HealthChip health={health} />
          {health.kind === 'expires' && health.warn && <p className="text-sm">{t('accounts.expiresHint', { network })}</p>}
          {health.kind === 'reconnect' && (
            <div className="flex flex-col gap-1 text-sm">
              {/* The core's reason is English and specific; other languages get the translated gist. */}
              {account.statusReason !== null && <p>{i18n.language === 'en' ? account.statusReason : t('errors.reconnect_needed')}</p>}
              {waiting.length > 0 && (
                <>
                  <p className="font-medium">{t('accounts.blocks', { count: waiting.length })}</p>
                  <ul className="list-disc pl-5">
                    {waiting.map((post) => {
                      const text = post.text.trim();
                      return (
                        <li key={post.id}>
                          <a href={post.href} className="text-violet-800 underline underline-offset-2 dark:text-violet-300">
                            {text === '' ? t('accounts.postWithoutText') : text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text}
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </>
              )}
            </div>
          )}
          {problem !== null && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {problem}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              onClick={onReconnect}
              className={
                health.kind === 'reconnect' || health.kind === 'expired'
                  ? 'rounded-lg bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300'
                  : BUTTON
              }
            >
              {t('accounts.reconnect')}
              {whose}
            </button>
            <button type="button" onClick={onCheck} disabled={checking} className={BUTTON}>
              {checking ? t('accounts.checking') : t('accounts.checkNow')}
              {whose}
            </button>
            <button type="button" onClick={onDisconnect} className={BUTTON}>
              {t('accounts.disconnect')}
              {whose}
            </button>
          </div>
        </div>
      </article>
    </li>
  );
}
