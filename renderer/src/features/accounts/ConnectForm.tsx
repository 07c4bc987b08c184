import { useId, type FormEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountNetwork } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { NETWORK_APPS_HREF } from '../../ui';
import type { ConnectField, ConnectValues } from './connect-input';

/** Shown as examples only: names of real servers, the same in every language. */
const EXAMPLE_SERVER = 'mastodon.social';
const EXAMPLE_HANDLE = 'alice.bsky.social';
const EXAMPLE_PROVIDER = 'bsky.social';

export interface MissingApp {
  /** The developer app's name: X, LinkedIn, Meta. */
  app: string;
}

const INPUT =
  'w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-[invalid=true]:border-red-400';

function Field({
  ref,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  placeholder,
  autoComplete = 'off',
}: Readonly<{
  ref?: Ref<HTMLInputElement>;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  placeholder?: string;
  autoComplete?: string;
}>) {
  const id = useId();
  // The error first: it is what the person needs to hear now.
  const described = [error === undefined ? null : `${id}-error`, hint === undefined ? null : `${id}-hint`].filter((part) => part !== null).join(' ');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete}
        autoCapitalize="off"
        spellCheck={false}
        aria-invalid={error === undefined ? undefined : true}
        aria-describedby={described === '' ? undefined : described}
        onChange={(event) => onChange(event.target.value)}
        className={INPUT}
      />
      {error !== undefined && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * One network's connect form. Networks that sign in through the browser need only a button; Mastodon
 * also needs the server, Bluesky a handle and an app password. Enter submits.
 */
export function ConnectForm({
  network,
  values,
  missing,
  missingApp,
  firstField,
  onChange,
  onSubmit,
  onBack,
  children,
}: Readonly<{
  network: AccountNetwork;
  values: ConnectValues;
  /** Required fields found empty on the last submit. */
  missing: readonly ConnectField[];
  missingApp: MissingApp | null;
  firstField: (element: HTMLInputElement | null) => void;
  onChange: (field: ConnectField, value: string) => void;
  onSubmit: () => void;
  onBack: () => void;
  /** The error and notice regions, between the fields and the buttons. */
  children: ReactNode;
}>) {
  const { t } = useTranslation();
  const headingId = useId();
  const name = NETWORK_INFO[network].name;
  // A reconnect knows the handle already: the new app password is what is left to type.
  const reconnecting = network === 'bluesky' && values.identifier !== '' && values.appPassword === '';
  const errorFor = (field: ConnectField): string | undefined => (missing.includes(field) ? t(`accounts.connect.required.${field}`) : undefined);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={headingId} className="flex flex-col gap-4">
      <h3 id={headingId} className="text-base font-semibold">
        {name}
      </h3>
      {network === 'instagram' && (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {t('accounts.connect.instagramProfessional')}
        </p>
      )}
      {network === 'mastodon' && (
        <Field
          ref={firstField}
          label={t('accounts.connect.server')}
          hint={t('accounts.connect.serverHint')}
          error={errorFor('server')}
          value={values.server}
          placeholder={EXAMPLE_SERVER}
          autoComplete="url"
          onChange={(value) => onChange('server', value)}
        />
      )}
      {network === 'bluesky' && (
        <>
          <Field
            ref={reconnecting ? undefined : firstField}
            label={t('accounts.connect.identifier')}
            error={errorFor('identifier')}
            value={values.identifier}
            placeholder={EXAMPLE_HANDLE}
            autoComplete="username"
            onChange={(value) => onChange('identifier', value)}
          />
          <Field
            ref={reconnecting ? firstField : undefined}
            label={t('accounts.connect.appPassword')}
            hint={t('accounts.connect.appPasswordHint')}
            error={errorFor('appPassword')}
            value={values.appPassword}
            type="password"
            autoComplete="off"
            onChange={(value) => onChange('appPassword', value)}
          />
          <Field
            label={t('accounts.connect.service')}
            hint={t('accounts.connect.serviceHint')}
            value={values.service}
            placeholder={EXAMPLE_PROVIDER}
            onChange={(value) => onChange('service', value)}
          />
        </>
      )}
      {network !== 'bluesky' && <p className="text-sm text-zinc-700 dark:text-zinc-300">{t('accounts.connect.browserHint', { network: name })}</p>}
      {missingApp !== null && (
        <p className="text-sm text-zinc-800 dark:text-zinc-200">
          {t('accounts.connect.appMissing', { app: missingApp.app, network: name })}{' '}
          <a href={NETWORK_APPS_HREF} className="font-medium text-violet-800 underline underline-offset-2 dark:text-violet-300">
            {t('accounts.connect.appMissingLink')}
          </a>
        </p>
      )}
      {children}
      <div className="flex flex-wrap justify-between gap-2">
        <button
          type="button"
          onClick={onBack}
          className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('accounts.connect.back')}
        </button>
        <button
          type="submit"
          disabled={missingApp !== null}
          className="rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          {network === 'bluesky' ? t('accounts.connect.signIn') : t('accounts.connect.continueInBrowser')}
        </button>
      </div>
    </form>
  );
}
