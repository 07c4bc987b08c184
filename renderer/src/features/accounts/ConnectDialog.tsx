import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSpheresError } from '../../../../common/api';
import {
  ACCOUNT_NETWORKS,
  APP_FOR_NETWORK,
  type Account,
  type AccountNetwork,
  type AppCredentialsStatus,
  type ConnectInput,
  type ConnectProgress,
} from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { errorText, focusableIn, NETWORK_MARK, trapTab, useReturnFocus } from '../../ui';
import { connectInput, EMPTY_VALUES, missingFields, type ConnectField, type ConnectValues } from './connect-input';
import { ConnectForm, type MissingApp } from './ConnectForm';
import { ConnectProgressView } from './ConnectProgressView';

/** A connect that has been asked of the core; the dialog shows it until it settles. */
export interface RunningConnect {
  network: AccountNetwork;
  promise: Promise<Account>;
}

/** Starts a connect. Called from a click, never from an effect, so React's double effects cannot start two. */
export function startConnect(input: ConnectInput): RunningConnect {
  const promise = window.spheres.accounts.connect(input);
  // The dialog reads the outcome; this keeps a failure that settles first from counting as unhandled.
  promise.catch(() => undefined);
  return { network: input.network, promise };
}

/** Where the dialog opens: the network list, a network's form, or a connect already running (a reconnect). */
export interface ConnectStart {
  network: AccountNetwork | null;
  values?: ConnectValues;
  running?: RunningConnect;
}

type Progress = Pick<ConnectProgress, 'network' | 'step' | 'authorizeUrl'>;

/**
 * "Connect account": pick a network, fill in what it needs, then follow the flow the main process
 * runs (the browser step included) until the account is connected, it fails, or the user cancels.
 * A modal dialog: focus stays inside, Escape closes (cancelling a running connect), focus returns.
 */
export function ConnectDialog({
  start,
  onClose,
  onConnected,
}: Readonly<{ start: ConnectStart; onClose: () => void; onConnected: (account: Account) => void }>) {
  useReturnFocus();
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const chooseId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const firstField = useRef<HTMLInputElement | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const cancelledByUser = useRef(false);
  const [network, setNetwork] = useState<AccountNetwork | null>(start.network);
  const [values, setValues] = useState<ConnectValues>(start.values ?? EMPTY_VALUES);
  const [running, setRunning] = useState<RunningConnect | null>(start.running ?? null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [missing, setMissing] = useState<ConnectField[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [apps, setApps] = useState<AppCredentialsStatus[] | null>(null);

  useEffect(() => {
    let live = true;
    // Unknown app status leaves the button enabled: the core answers app_not_configured then.
    window.spheres.apps.list().then(
      (list) => live && setApps(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => window.spheres.on('accounts.connectProgress', (next) => setProgress(next)), []);

  const connected = useRef(onConnected);
  useEffect(() => {
    connected.current = onConnected;
  }, [onConnected]);

  useEffect(() => {
    if (running === null) return;
    let live = true;
    running.promise.then(
      (account) => {
        if (live) connected.current(account);
      },
      (failure: unknown) => {
        if (!live) return;
        const code = isSpheresError(failure) ? failure.code : null;
        if (code === 'auth_cancelled' && cancelledByUser.current) {
          setNote(t('accounts.connect.cancelled'));
        } else {
          setError(errorText(failure, i18n, { network: NETWORK_INFO[running.network].name }));
          // A refused app password is useless; everything else the person typed stays.
          if (code === 'wrong_password') setValues((previous) => ({ ...previous, appPassword: '' }));
        }
        setRunning(null);
      },
    );
    return () => {
      live = false;
    };
  }, [running, t, i18n]);

  const appName = network === null ? undefined : APP_FOR_NETWORK[network];
  const appStatus = appName === undefined ? undefined : apps?.find((status) => status.app === appName);
  const missingApp: MissingApp | null = appName !== undefined && appStatus !== undefined && !appStatus.configured ? { app: NETWORK_INFO[appName].name } : null;
  const appBlocked = missingApp !== null;

  const stage = running !== null ? 'running' : network === null ? 'choose' : `form:${network}`;
  // Each stage replaces the controls of the last: focus moves to the new ones, or to the error,
  // in the same commit, before anything can be typed into nowhere.
  useLayoutEffect(() => {
    const container = dialog.current;
    if (error !== null) alert.current?.focus();
    else if (stage === 'running') cancelButton.current?.focus();
    else if (stage === 'choose') container?.querySelector<HTMLElement>('[data-network-choice]')?.focus();
    else if (firstField.current !== null) firstField.current.focus();
    else if (container !== null) {
      // A form without fields: its button, so Enter continues; or the way to set up the app.
      const target = container.querySelector<HTMLElement>('button[type="submit"]:not([disabled])') ?? container.querySelector<HTMLElement>('form a[href]');
      (target ?? focusableIn(container)[0])?.focus();
    }
  }, [stage, error, appBlocked]);

  useLayoutEffect(() => {
    if (missing.length > 0) dialog.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [missing]);

  const cancel = useCallback((): void => {
    cancelledByUser.current = true;
    void window.spheres.accounts.cancelConnect().catch(() => undefined);
  }, []);

  const close = (): void => {
    if (running !== null) cancel();
    onClose();
  };

  const choose = (next: AccountNetwork | null): void => {
    setNetwork(next);
    setMissing([]);
    setError(null);
    setNote(null);
  };

  const submit = (): void => {
    if (network === null) return;
    const empty = missingFields(network, values);
    setMissing(empty);
    setNote(null);
    setError(null);
    if (empty.length > 0) return;
    setProgress(null);
    cancelledByUser.current = false;
    setRunning(startConnect(connectInput(network, values)));
  };

  const step = progress !== null && running !== null && progress.network === running.network ? progress : null;

  return (
    <div className="fixed inset-0 z-20 flex items-center justify-center bg-black/40 p-4">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            close();
            return;
          }
          trapTab(event, dialog.current);
        }}
        className="flex max-h-full w-full max-w-lg flex-col gap-4 overflow-auto rounded-xl bg-white p-6 shadow-xl dark:bg-zinc-900"
      >
        <div className="flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold">
            {t('accounts.connect.title')}
          </h2>
          <button
            type="button"
            onClick={close}
            className="rounded-lg px-2 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            {t('accounts.connect.close')}
          </button>
        </div>
        {running !== null ? (
          <ConnectProgressView
            network={running.network}
            step={step?.step ?? 'starting'}
            authorizeUrl={step?.authorizeUrl ?? null}
            cancelRef={cancelButton}
            onCancel={cancel}
          />
        ) : network === null ? (
          <div className="flex flex-col gap-2">
            <p id={chooseId} className="text-sm font-medium">
              {t('accounts.connect.choose')}
            </p>
            <ul aria-labelledby={chooseId} className="grid grid-cols-2 gap-2">
              {ACCOUNT_NETWORKS.map((candidate) => (
                <li key={candidate}>
                  <button
                    type="button"
                    data-network-choice={candidate}
                    onClick={() => choose(candidate)}
                    className="flex w-full items-center gap-2 rounded-lg border border-zinc-300 px-3 py-2 text-left text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    <span aria-hidden="true" className="w-6 rounded border border-current text-center text-[10px] leading-4 font-bold">
                      {NETWORK_MARK[candidate]}
                    </span>
                    {NETWORK_INFO[candidate].name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <ConnectForm
            network={network}
            values={values}
            missing={missing}
            missingApp={missingApp}
            firstField={(element) => {
              firstField.current = element;
            }}
            onChange={(field, value) => setValues((previous) => ({ ...previous, [field]: value }))}
            onSubmit={submit}
            onBack={() => choose(null)}
          >
            {error !== null && (
              <div ref={alert} role="alert" tabIndex={-1} className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
                {error}
              </div>
            )}
            <p role="status" className="text-sm empty:hidden">
              {note}
            </p>
          </ConnectForm>
        )}
      </div>
    </div>
  );
}
