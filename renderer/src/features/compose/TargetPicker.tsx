import { useTranslation } from 'react-i18next';
import { NETWORK_INFO, NETWORKS, type NetworkId } from '../../../../common/networks';

/** Before any account is connected the user still picks networks, to preview the post on them. */
export function TargetPicker({
  selected,
  onToggle,
}: Readonly<{ selected: readonly NetworkId[]; onToggle: (network: NetworkId) => void }>) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold">{t('compose.networks')}</legend>
      <div className="flex flex-wrap gap-2">
        {NETWORKS.map((network) => {
          const on = selected.includes(network);
          return (
            <label
              key={network}
              className={`flex cursor-pointer items-center gap-2 rounded-full border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-violet-600 ${
                on
                  ? 'border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900'
                  : 'border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800'
              }`}
            >
              <input type="checkbox" className="sr-only" checked={on} onChange={() => onToggle(network)} />
              <span aria-hidden="true">{on ? '✓' : '+'}</span>
              {NETWORK_INFO[network].name}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
