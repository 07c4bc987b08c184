import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { APP_GUIDES, redirectAddress, SUGGESTED_REDIRECT_PORT } from '../../../../common/accounts';
import type { AppCheck, AppCredentialsStatus, AppNetwork } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { ConfirmDialog, errorText, NETWORK_APPS_HREF } from '../../ui';
import { AppGuide } from './AppGuide';
import { AppTestResult } from './AppTestResult';

type Outcome = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string } | { kind: 'tested'; check: AppCheck };
type FieldProblem = 'required' | 'spaces' | null;

const INPUT =
  'w-full max-w-sm rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-[invalid=true]:border-red-400';
const BUTTON =
  'rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';

function problemOf(value: string, required: boolean): FieldProblem {
  if (value.trim() === '') return required ? 'required' : null;
  return /\s/.test(value.trim()) ? 'spaces' : null;
}

/** The port the form starts with: the saved one; for a new app on a site that compares addresses exactly, the suggested one. */
function initialPort(status: AppCredentialsStatus): string {
  if (status.redirectPort !== null) return String(status.redirectPort);
  return status.clientId === null && APP_GUIDES[status.app].exactRedirect ? String(SUGGESTED_REDIRECT_PORT) : '';
}

/**
 * One developer app: the guide to create it, then its form. The client id is not secret and is
 * shown; the secret is write-only: the field starts empty every time, and an empty field keeps the
 * saved secret. "Test the app" saves what the form holds first (so the secret crosses once), then
 * asks the network about the saved app.
 */
function AppForm({ status, onSaved }: Readonly<{ status: AppCredentialsStatus; onSaved: (status: AppCredentialsStatus) => void }>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [clientId, setClientId] = useState(status.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [port, setPort] = useState(() => initialPort(status));
  const [checked, setChecked] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const idField = useRef<HTMLInputElement>(null);
  const secretField = useRef<HTMLInputElement>(null);
  const meta = status.app === 'threads' || status.app === 'instagram';
  // Each developer app serves the network of the same name (Threads and Instagram have one each).
  const name = NETWORK_INFO[status.app].name;

  // A new client id needs its own secret: the saved one belonged to the old id.
  const keepsSecret = status.hasSecret && clientId.trim() === status.clientId;
  const idProblem = problemOf(clientId, true);
  const secretProblem = status.needsSecret ? problemOf(secret, !keepsSecret) : null;
  const portValue = port.trim() === '' ? null : Number(port.trim());
  const portBad = portValue !== null && !(Number.isInteger(portValue) && portValue >= 1024 && portValue <= 65535);
  const portField = useRef<HTMLInputElement>(null);
  const showIdProblem = checked ? idProblem : null;
  const showSecretProblem = checked ? secretProblem : null;
  const problemText = (problem: FieldProblem, required: string): string | null =>
    problem === 'required' ? required : problem === 'spaces' ? t('settings.apps.noSpaces') : null;

  /** Checks the fields and saves them; null when a field is wrong (and focused) or the save failed (and said so). */
  const persist = async (): Promise<AppCredentialsStatus | null> => {
    setChecked(true);
    if (idProblem !== null) return (idField.current?.focus(), null);
    if (secretProblem !== null) return (secretField.current?.focus(), null);
    if (portBad) return (portField.current?.focus(), null);
    setOutcome({ kind: 'working' });
    const sentSecret = secret.trim();
    try {
      const next = await window.spheres.apps.save({ app: status.app, clientId: clientId.trim(), redirectPort: portValue, ...(sentSecret === '' ? {} : { clientSecret: sentSecret }) });
      setSecret('');
      setChecked(false);
      onSaved(next);
      return next;
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorText(error, i18n, { network: name }) });
      return null;
    }
  };

  const save = (event: FormEvent): void => {
    event.preventDefault();
    void persist().then((next) => next !== null && setOutcome({ kind: 'done', message: next.hasSecret ? t('settings.apps.saved') : t('settings.apps.savedId') }));
  };

  // The built-in X client id can be tested with an empty form; anything typed is saved first.
  const onlyBuiltIn = status.builtIn === true && status.clientId === null && clientId.trim() === '';
  const test = async (): Promise<void> => {
    if (!onlyBuiltIn && (await persist()) === null) return;
    setOutcome({ kind: 'working' });
    try {
      setOutcome({ kind: 'tested', check: await window.spheres.apps.test({ app: status.app }) });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorText(error, i18n, { network: name }) });
    }
  };

  const remove = (): void => {
    setConfirming(false);
    setOutcome({ kind: 'working' });
    window.spheres.apps.remove({ app: status.app }).then(
      (next) => {
        setClientId('');
        setSecret('');
        setPort(initialPort({ ...status, clientId: null, redirectPort: null }));
        setChecked(false);
        setOutcome({ kind: 'done', message: t('settings.apps.removed') });
        onSaved(next);
        idField.current?.focus();
      },
      (error: unknown) => setOutcome({ kind: 'failed', message: errorText(error, i18n, { network: name }) }),
    );
  };

  const idError = problemText(showIdProblem, t('settings.apps.idRequired'));
  const secretError = problemText(showSecretProblem, t('settings.apps.secretRequired'));

  return (
    <form noValidate onSubmit={save} aria-labelledby={`${id}-name`} className="flex flex-col gap-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${id}-name`} className="text-sm font-semibold">
          {name}
        </h3>
        <span
          className={`rounded-full border px-2 py-0.5 text-xs font-medium ${
            status.configured
              ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100'
              : 'border-zinc-300 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300'
          }`}
        >
          {status.builtIn === true && status.clientId === null ? t('settings.apps.builtInBadge') : status.configured ? t('settings.apps.setUp') : t('settings.apps.notSetUp')}
        </span>
      </div>
      {status.builtIn === true && <p className="text-sm">{t('settings.apps.builtIn', { network: name })}</p>}
      <details open={!status.configured} className="flex flex-col gap-2">
        <summary className="w-fit cursor-pointer text-sm font-medium">{t('settings.apps.guideTitle', { app: name })}</summary>
        <div className="pt-2">
          <AppGuide app={status.app} redirect={redirectAddress(portValue === null || portBad ? null : portValue)} />
        </div>
      </details>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-id`} className="text-sm font-medium">
          {meta ? t('settings.apps.appId') : t('settings.apps.clientId')}
        </label>
        <input
          ref={idField}
          id={`${id}-id`}
          type="text"
          value={clientId}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={idError === null ? undefined : true}
          aria-describedby={idError === null ? undefined : `${id}-id-error`}
          onChange={(event) => setClientId(event.target.value)}
          className={`${INPUT} font-mono`}
        />
        {idError !== null && (
          <p id={`${id}-id-error`} className="text-xs font-medium text-red-700 dark:text-red-400">
            {idError}
          </p>
        )}
      </div>
      {status.needsSecret && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-secret`} className="text-sm font-medium">
            {meta ? t('settings.apps.appSecret') : t('settings.apps.clientSecret')}
          </label>
          <input
            ref={secretField}
            id={`${id}-secret`}
            type="password"
            value={secret}
            autoComplete="off"
            spellCheck={false}
            placeholder={status.hasSecret ? t('settings.apps.secretSaved') : undefined}
            aria-invalid={secretError === null ? undefined : true}
            aria-describedby={[status.hasSecret ? `${id}-secret-keep` : '', secretError === null ? '' : `${id}-secret-error`].join(' ').trim() || undefined}
            onChange={(event) => setSecret(event.target.value)}
            className={INPUT}
          />
          {secretError !== null && (
            <p id={`${id}-secret-error`} className="text-xs font-medium text-red-700 dark:text-red-400">
              {secretError}
            </p>
          )}
          {status.hasSecret && (
            <p id={`${id}-secret-keep`} className="text-xs text-zinc-600 dark:text-zinc-400">
              {t('settings.apps.secretKeep')}
            </p>
          )}
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-port`} className="text-sm font-medium">
          {t('settings.apps.port')}
        </label>
        <input
          ref={portField}
          id={`${id}-port`}
          type="text"
          inputMode="numeric"
          value={port}
          autoComplete="off"
          placeholder={t('settings.apps.portAny')}
          aria-invalid={checked && portBad ? true : undefined}
          aria-describedby={`${id}-port-help${checked && portBad ? ` ${id}-port-error` : ''}`}
          onChange={(event) => setPort(event.target.value)}
          className={`${INPUT} w-40 font-mono`}
        />
        <p id={`${id}-port-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {portValue === null || portBad ? t('settings.apps.portHelp') : t('settings.apps.portFixed', { address: `http://127.0.0.1:${portValue}/callback` })}
        </p>
        {checked && portBad && (
          <p id={`${id}-port-error`} className="text-xs font-medium text-red-700 dark:text-red-400">
            {t('settings.apps.portInvalid')}
          </p>
        )}
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={outcome.kind === 'working'} className={BUTTON}>
          {t('settings.apps.save')}
          {' '}
          <span className="sr-only">{name}</span>
        </button>
        <button type="button" disabled={outcome.kind === 'working'} onClick={() => void test()} className={BUTTON}>
          {t('settings.apps.test')}
          {' '}
          <span className="sr-only">{name}</span>
        </button>
        {status.clientId !== null && (
          <button type="button" disabled={outcome.kind === 'working'} onClick={() => setConfirming(true)} className={BUTTON}>
            {t('settings.apps.remove')}
            {' '}
          <span className="sr-only">{name}</span>
          </button>
        )}
      </div>
      {outcome.kind === 'failed' ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {outcome.message}
        </p>
      ) : (
        <div role="status" className="min-h-5 text-sm text-emerald-700 dark:text-emerald-400">
          {outcome.kind === 'done' ? outcome.message : outcome.kind === 'tested' ? <AppTestResult check={outcome.check} /> : ''}
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('settings.apps.removeTitle', { app: name })}
          confirmLabel={t('settings.apps.removeConfirm')}
          cancelLabel={t('settings.apps.removeCancel')}
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
        >
          {t('settings.apps.removeBody', { networks: name })}
        </ConfirmDialog>
      )}
    </form>
  );
}

/**
 * Settings → Network apps: the developer apps (X, LinkedIn, Meta) the user registers themselves,
 * since those networks let nobody post through a shared app. Secrets go to the keychain only.
 */
export function NetworkAppsSection() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [statuses, setStatuses] = useState<AppCredentialsStatus[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    window.spheres.apps.list().then(
      (list) => live && setStatuses(list),
      (error: unknown) => live && setFailure(errorText(error, i18n)),
    );
    return () => {
      live = false;
    };
  }, [i18n]);

  // Arriving from the connect dialog's link: after the shell focuses the page heading, come here.
  useEffect(() => {
    if (window.location.hash !== NETWORK_APPS_HREF) return;
    const timer = window.setTimeout(() => heading.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, []);

  const saved = (next: AppCredentialsStatus): void =>
    setStatuses((previous) => previous?.map((status) => (status.app === next.app ? next : status)) ?? [next]);

  const order: readonly AppNetwork[] = ['x', 'linkedin', 'threads', 'instagram'];
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 ref={heading} id={`${id}-heading`} tabIndex={-1} className="text-sm font-semibold">
        {t('settings.apps.title')}
      </h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('settings.apps.intro')}</p>
      {failure !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {failure}
        </p>
      )}
      {statuses === null && failure === null && <p className="text-sm">…</p>}
      {statuses !== null &&
        order.map((app) => {
          const status = statuses.find((candidate) => candidate.app === app);
          return status === undefined ? null : <AppForm key={app} status={status} onSaved={saved} />;
        })}
    </section>
  );
}
