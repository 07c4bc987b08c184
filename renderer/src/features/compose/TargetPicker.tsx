import { useTranslation } from 'react-i18next';
import { ACCOUNT_NETWORKS, type Account, type AccountNetwork, type Target } from '../../../../common/domain';
import { canPostByHand, NETWORK_INFO, NETWORKS, type NetworkId } from '../../../../common/networks';
import { NETWORK_MARK, sectionHref } from '../../ui';

function isAccountNetwork(network: NetworkId): network is AccountNetwork {
  return (ACCOUNT_NETWORKS as readonly string[]).includes(network);
}

const TOGGLE =
  'flex cursor-pointer items-center gap-2 rounded-full border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-violet-600';
const ON = 'border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900';
const OFF = 'border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800';

function Toggle({ on, label, note, onToggle, network }: Readonly<{ on: boolean; label: string; note?: string; onToggle: () => void; network: NetworkId }>) {
  return (
    <label className={`${TOGGLE} ${on ? ON : OFF}`}>
      <input type="checkbox" className="sr-only" checked={on} onChange={onToggle} />
      <span aria-hidden="true">{on ? '✓' : '+'}</span>
      <span aria-hidden="true" className="rounded-sm border border-current px-0.5 text-[10px] leading-3 font-semibold">
        {NETWORK_MARK[network]}
      </span>
      {label}
      {note !== undefined && (
        <>
          <span className="sr-only">, </span>
          <span className={`text-xs ${on ? 'opacity-80' : 'text-zinc-600 dark:text-zinc-400'}`}>{note}</span>
        </>
      )}
    </label>
  );
}

/**
 * A post goes to accounts: one toggle per connected account. A network with no account stays a
 * toggle too, to preview the post there, and says it cannot be posted to yet; where Spheres can
 * help, a second toggle posts it by hand ("Post it myself": assisted posting).
 */
export function TargetPicker({
  selected,
  accounts,
  onToggle,
}: Readonly<{ selected: readonly Target[]; accounts: readonly Account[]; onToggle: (target: Target) => void }>) {
  const { t } = useTranslation();
  const has = (network: NetworkId, accountId?: string, assisted = false): boolean =>
    selected.some((target) => target.network === network && target.accountId === accountId && (target.assisted === true) === assisted);
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold">{t('compose.targets')}</legend>
      <ul className="flex flex-col gap-2">
        {NETWORKS.map((network) => {
          const name = NETWORK_INFO[network].name;
          const own = accounts.filter((account) => account.network === network);
          // A preview-only pick saved before an account was connected stays visible, so it can be taken off.
          const previewOnly = own.length === 0 || has(network);
          const byHand = (own.length === 0 && canPostByHand(network)) || has(network, undefined, true);
          return (
            <li key={network} className="flex flex-wrap items-center gap-2">
              {own.map((account) => (
                <Toggle
                  key={account.id}
                  network={network}
                  on={has(network, account.id)}
                  label={account.status === 'reconnect_needed' ? t('compose.accountReconnect', { handle: account.handle, network: name }) : t('compose.accountOn', { handle: account.handle, network: name })}
                  onToggle={() => onToggle({ network, accountId: account.id })}
                />
              ))}
              {previewOnly && (
                <Toggle network={network} on={has(network)} label={name} note={t('compose.previewOnly')} onToggle={() => onToggle({ network })} />
              )}
              {byHand && (
                <Toggle
                  network={network}
                  on={has(network, undefined, true)}
                  label={t('compose.postMyself', { network: name })}
                  note={t('compose.postMyselfNote')}
                  onToggle={() => onToggle({ network, assisted: true })}
                />
              )}
              {/* Only where picking it would block posting, and only where an account can be connected at all. */}
              {previewOnly && has(network) && isAccountNetwork(network) && (
                <a href={sectionHref('accounts')} className="text-xs underline hover:no-underline">
                  {t('compose.connectAccount', { network: name })}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
