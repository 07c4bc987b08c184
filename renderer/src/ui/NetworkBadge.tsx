import type { AccountNetwork } from '../../../common/domain';
import { Avatar } from './previews/Avatar';
import { NETWORK_LOOK } from './previews/network-look';
import { NETWORK_MARK } from './NetworkMarks';

/**
 * The profile picture (a data: URL main fetched at connect; the page loads no remote images) or
 * the account's initials, with the network's mark in the corner.
 */
export function AccountAvatar({ network, name, image = null }: Readonly<{ network: AccountNetwork; name: string; image?: string | null }>) {
  const shape = NETWORK_LOOK[network].avatarShape;
  return (
    <span aria-hidden="true" className="relative inline-flex shrink-0">
      {image === null ? (
        <Avatar name={name} shape={shape} size={44} />
      ) : (
        <img src={image} alt="" width={44} height={44} data-avatar="" className={`size-11 object-cover ${shape}`} />
      )}
      <span className="absolute -right-1.5 -bottom-1 rounded-md border border-zinc-300 bg-white px-1 text-[10px] leading-4 font-bold text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100">
        {NETWORK_MARK[network]}
      </span>
    </span>
  );
}
