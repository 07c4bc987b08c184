import { useEffect, useState } from 'react';
import type { Account } from '../../../../common/domain';

/**
 * The connected accounts the composer offers as targets, kept live by `accounts.changed`. Until
 * they arrive (or when they cannot be read) the composer offers every network for preview only,
 * so writing never waits on them.
 */
export function useAccounts(): readonly Account[] {
  const [accounts, setAccounts] = useState<readonly Account[]>([]);
  useEffect(() => {
    let live = true;
    let heard = false;
    const off = window.spheres.on('accounts.changed', (next) => {
      heard = true;
      setAccounts(next);
    });
    // An event that arrives while the list is loading is newer than the list.
    window.spheres.accounts.list().then(
      (next) => live && !heard && setAccounts(next),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return accounts;
}
