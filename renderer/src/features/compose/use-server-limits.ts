import { useEffect, useState } from 'react';
import type { Account } from '../../../../common/domain';
import type { MastodonInstanceLimits } from '../../../../common/networks';

/**
 * The limits of the connected Mastodon server, for the composer's Mastodon rules. With accounts on
 * several servers the post must fit all of them: the smallest character and media limits and the
 * largest cost per link win. Null (Mastodon's defaults) when no Mastodon account is connected.
 */
export function mastodonLimitsOf(accounts: readonly Account[]): MastodonInstanceLimits | null {
  const limits = accounts.filter((account) => account.network === 'mastodon' && account.limits !== null).map((account) => account.limits!);
  if (limits.length === 0) return null;
  const imageLimits = limits.flatMap((limit) => (limit.imageSizeLimit === null ? [] : [limit.imageSizeLimit]));
  return {
    maxCharacters: Math.min(...limits.map((limit) => limit.maxCharacters)),
    charactersReservedPerUrl: Math.max(...limits.map((limit) => limit.charactersReservedPerUrl)),
    maxMediaAttachments: Math.min(...limits.map((limit) => limit.maxMediaAttachments)),
    ...(imageLimits.length === 0 ? {} : { imageSizeLimit: Math.min(...imageLimits) }),
  };
}

export function useMastodonLimits(): MastodonInstanceLimits | null {
  const [limits, setLimits] = useState<MastodonInstanceLimits | null>(null);
  useEffect(() => {
    let live = true;
    const apply = (accounts: readonly Account[]): void => {
      const next = mastodonLimitsOf(accounts);
      // Same numbers, same object: the analyses are not recomputed for nothing.
      setLimits((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
    };
    window.spheres.accounts.list().then((accounts) => {
      if (live) apply(accounts);
    }, () => {
      // Without the account list the composer keeps Mastodon's defaults; the Accounts screen reports the error.
    });
    const stop = window.spheres.on('accounts.changed', apply);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return limits;
}
