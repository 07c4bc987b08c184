import type { AccountNetwork } from '../../../../common/domain';
import { Avatar } from '../previews/Avatar';
import { NETWORK_LOOK } from '../previews/network-look';
import { NETWORK_MARK } from '../calendar/NetworkMarks';

/**
 * The account's initials with the network's mark in the corner. Profile pictures live on the
 * networks' servers and the CSP loads images only from the app itself, so none is drawn.
 */
export function AccountAvatar({ network, name }: Readonly<{ network: AccountNetwork; name: string }>) {
  return (
    <span aria-hidden="true" className="relative inline-flex shrink-0">
      <Avatar name={name} shape={NETWORK_LOOK[network].avatarShape} size={44} />
      <span className="absolute -right-1.5 -bottom-1 rounded-md border border-zinc-300 bg-white px-1 text-[10px] leading-4 font-bold text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100">
        {NETWORK_MARK[network]}
      </span>
    </span>
  );
}
