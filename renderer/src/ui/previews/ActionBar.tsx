import type { TFunction } from 'i18next';
import { memo } from 'react';
import type { NetworkId } from '../../../../common/networks';
import { Icon, type IconName } from './icons';
import type { ActionId, NetworkLook } from './network-look';

function iconOf(action: ActionId, network: NetworkId): IconName {
  switch (action) {
    case 'like':
      return network === 'linkedin' || network === 'facebook' ? 'thumb' : 'heart';
    case 'favourite':
      return 'star';
    case 'boost':
      return 'repost';
    case 'save':
      return 'bookmark';
    default:
      return action;
  }
}

/**
 * The network's action bar, in its order. Not controls (nothing can be liked in a preview), so a
 * list of named icons: screen readers hear the names, keyboard users meet no dead tab stops.
 */
export const ActionBar = memo(function ActionBar({ network, look, t }: Readonly<{ network: NetworkId; look: NetworkLook; t: TFunction }>) {
  const item = (action: ActionId) => (
    <li key={action} className="flex items-center gap-1.5">
      <Icon name={iconOf(action, network)} size={look.labelledActions ? 18 : 19} />
      <span className={look.labelledActions ? 'text-sm font-semibold' : 'sr-only'}>{t(`previews.actions.${action}`)}</span>
    </li>
  );
  // Instagram clusters its icons on the left with Save alone on the right; the others spread them out.
  const spread = network === 'instagram' ? 'gap-4' : 'justify-between';
  return (
    <ul
      aria-label={t('previews.actionsLabel')}
      data-actions={network}
      className={`mt-2 flex items-center text-zinc-500 dark:text-zinc-400 ${look.labelledActions ? 'justify-around border-t border-zinc-200 pt-2 dark:border-zinc-700' : spread}`}
    >
      {look.actions.map(item)}
      {look.trailingActions !== undefined && (
        <li className={network === 'instagram' ? 'ml-auto' : ''}>
          <ul className="flex items-center gap-3">{look.trailingActions.map(item)}</ul>
        </li>
      )}
    </ul>
  );
});
