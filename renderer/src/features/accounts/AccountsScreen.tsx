import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_NETWORKS, type Account, type OutboxEntry, type Post } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { composeHref, ConfirmDialog, EmptyState, errorText, SectionIcon, sectionHref } from '../../ui';
import { waitingPostsFor } from './account-health';
import { AccountCard } from './AccountCard';
import { ConnectDialog, startConnect, type ConnectStart } from './ConnectDialog';
import { connectInput, reconnectValues, reconnectsWithoutInput } from './connect-input';

type Loaded = { kind: 'loading' } | { kind: 'ready'; accounts: Account[] } | { kind: 'failed'; message: string };

/** The account list, kept live by `accounts.changed` (connects, refreshes, a sign-in that stopped working). */
function useAccounts(): Loaded {
  const { i18n } = useTranslation();
  const [state, setState] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    let heard = false;
    const off = window.spheres.on('accounts.changed', (accounts) => {
      heard = true;
      setState({ kind: 'ready', accounts });
    });
    // An event that arrives while the list is loading is newer than the list.
    window.spheres.accounts.list().then(
      (accounts) => live && !heard && setState({ kind: 'ready', accounts }),
      (error: unknown) => live && !heard && setState({ kind: 'failed', message: errorText(error, i18n) }),
    );
    return () => {
      live = false;
      off();
    };
  }, [i18n]);
  return state;
}

/** The clock the health chips count days with, moved on every minute. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** Networks in the app's order, then handles, so a refresh does not move a card. */
function byNetworkThenHandle(a: Account, b: Account): number {
  return ACCOUNT_NETWORKS.indexOf(a.network) - ACCOUNT_NETWORKS.indexOf(b.network) || a.handle.localeCompare(b.handle);
}

export function AccountsScreen() {
  const { t, i18n } = useTranslation();
  const loaded = useAccounts();
  const now = useNow();
  const [queued, setQueued] = useState<Post[]>([]);
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);
  const [dialog, setDialog] = useState<ConnectStart | null>(null);
  const [confirm, setConfirm] = useState<Account | null>(null);
  const [checking, setChecking] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const [announcement, setAnnouncement] = useState('');
  const connectButton = useRef<HTMLButtonElement>(null);

  const accounts = useMemo(() => (loaded.kind === 'ready' ? [...loaded.accounts].sort(byNetworkThenHandle) : []), [loaded]);
  // Queued posts matter only for accounts that block them; reread when that set changes.
  const blockedKey = accounts
    .filter((account) => account.status === 'reconnect_needed')
    .map((account) => account.id)
    .join(' ');
  useEffect(() => {
    if (blockedKey === '') return;
    let live = true;
    Promise.all([window.spheres.posts.listQueued(), window.spheres.outbox.list()]).then(
      ([posts, entries]) => {
        if (!live) return;
        setQueued(posts);
        setOutbox(entries);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [blockedKey]);

  const setProblem = (id: string, message: string | null): void =>
    setProblems((previous) => {
      const next = { ...previous };
      if (message === null) delete next[id];
      else next[id] = message;
      return next;
    });

  const reconnect = (account: Account): void => {
    setProblem(account.id, null);
    const values = reconnectValues(account);
    // Bluesky needs a new app password first; the others go straight to the sign-in.
    setDialog(
      reconnectsWithoutInput(account.network)
        ? { network: account.network, values, running: startConnect(connectInput(account.network, values)) }
        : { network: account.network, values },
    );
  };

  const check = (account: Account): void => {
    setProblem(account.id, null);
    setChecking((previous) => new Set(previous).add(account.id));
    window.spheres.accounts
      .refresh({ id: account.id })
      .then(
        (next) =>
          setAnnouncement(
            next.status === 'connected' ? t('accounts.stillConnected', { handle: next.handle }) : t('accounts.needsReconnect', { handle: next.handle }),
          ),
        (error: unknown) => setProblem(account.id, errorText(error, i18n, { network: NETWORK_INFO[account.network].name })),
      )
      .finally(() =>
        setChecking((previous) => {
          const next = new Set(previous);
          next.delete(account.id);
          return next;
        }),
      );
  };

  const disconnect = (account: Account): void => {
    setConfirm(null);
    window.spheres.accounts.disconnect({ id: account.id }).then(
      () => {
        setAnnouncement(t('accounts.disconnected', { handle: account.handle }));
        // The card and its buttons are gone: focus goes somewhere that stays.
        connectButton.current?.focus();
      },
      (error: unknown) => setProblem(account.id, errorText(error, i18n, { network: NETWORK_INFO[account.network].name })),
    );
  };

  const onConnected = useCallback(
    (account: Account) => {
      setDialog(null);
      setAnnouncement(t('accounts.connected', { handle: account.handle }));
    },
    [t],
  );
  const closeDialog = useCallback(() => setDialog(null), []);

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('accounts.intro')}</p>
        <button
          ref={connectButton}
          type="button"
          onClick={() => setDialog({ network: null })}
          className="rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          {t('accounts.connectAccount')}
        </button>
      </div>
      <p role="status" className="min-h-5 text-sm">
        {announcement}
      </p>
      {loaded.kind === 'loading' && <p>…</p>}
      {loaded.kind === 'failed' && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {loaded.message}
        </p>
      )}
      {loaded.kind === 'ready' && accounts.length === 0 && (
        <EmptyState title={t('accounts.emptyTitle')} body={t('accounts.emptyBody')} icon={<SectionIcon section="accounts" size={40} />} />
      )}
      {accounts.length > 0 && (
        <ul aria-label={t('accounts.list')} className="flex flex-col gap-3">
          {accounts.map((account) => (
            <AccountCard
              key={account.id}
              account={account}
              now={now}
              waiting={account.status === 'reconnect_needed' ? waitingPostsFor(account, queued, outbox, { compose: composeHref, outbox: sectionHref('outbox') }) : []}
              checking={checking.has(account.id)}
              problem={problems[account.id] ?? null}
              onReconnect={() => reconnect(account)}
              onCheck={() => check(account)}
              onDisconnect={() => setConfirm(account)}
            />
          ))}
        </ul>
      )}
      {dialog !== null && <ConnectDialog start={dialog} onClose={closeDialog} onConnected={onConnected} />}
      {confirm !== null && (
        <ConfirmDialog
          title={t('accounts.disconnectTitle', { handle: confirm.handle })}
          confirmLabel={t('accounts.disconnectConfirm')}
          cancelLabel={t('accounts.disconnectCancel')}
          onConfirm={() => disconnect(confirm)}
          onCancel={() => setConfirm(null)}
        >
          {t('accounts.disconnectBody', { network: NETWORK_INFO[confirm.network].name })}
        </ConfirmDialog>
      )}
    </div>
  );
}
