import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  AccessKeyIdSchema,
  MediaHostBucketSchema,
  MediaHostEndpointSchema,
  MediaHostRegionSchema,
  SecretAccessKeySchema,
  type MediaHostSave,
  type MediaHostStatus,
  type MediaHostTestResult,
} from '../../../../common/domain';
import { ConfirmDialog, errorText } from '../../ui';

type TextField = 'endpoint' | 'region' | 'bucket' | 'accessKeyId' | 'secretAccessKey';
type Values = Record<TextField, string> & { pathStyle: boolean };
type Outcome =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'testing' }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'tested'; result: MediaHostTestResult };

const SCHEMAS: Readonly<Record<TextField, z.ZodType>> = {
  endpoint: MediaHostEndpointSchema,
  region: MediaHostRegionSchema,
  bucket: MediaHostBucketSchema,
  accessKeyId: AccessKeyIdSchema,
  secretAccessKey: SecretAccessKeySchema,
};
const FIELDS: readonly TextField[] = ['endpoint', 'region', 'bucket', 'accessKeyId', 'secretAccessKey'];

const INPUT =
  'w-full max-w-sm rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-[invalid=true]:border-red-400';
const BUTTON =
  'rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';
const HELP = 'text-xs text-zinc-600 dark:text-zinc-400';

function valuesOf(status: MediaHostStatus | null): Values {
  const settings = status?.settings ?? null;
  return {
    endpoint: settings?.endpoint ?? '',
    region: settings?.region ?? '',
    bucket: settings?.bucket ?? '',
    accessKeyId: settings?.accessKeyId ?? '',
    secretAccessKey: '',
    pathStyle: settings?.pathStyle ?? false,
  };
}

/**
 * Settings → Media host: the S3-compatible bucket Threads and Instagram fetch images from. The
 * secret is write-only: the field starts empty, and an empty field keeps the one in the keychain.
 * A save sends only what changed, so it can never overwrite a setting with a stale copy.
 */
export function MediaHostSection() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<MediaHostStatus | null>(null);
  const [values, setValues] = useState<Values>(valuesOf(null));
  const [checked, setChecked] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const refs: Record<TextField, RefObject<HTMLInputElement | null>> = {
    endpoint: useRef<HTMLInputElement>(null),
    region: useRef<HTMLInputElement>(null),
    bucket: useRef<HTMLInputElement>(null),
    accessKeyId: useRef<HTMLInputElement>(null),
    secretAccessKey: useRef<HTMLInputElement>(null),
  };

  useEffect(() => {
    let live = true;
    window.spheres.mediaHost.get().then(
      (loaded) => {
        if (!live) return;
        setStatus(loaded);
        setValues(valuesOf(loaded));
      },
      (error: unknown) => live && setOutcome({ kind: 'failed', message: errorText(error, i18n) }),
    );
    return () => {
      live = false;
    };
  }, [i18n]);

  const english = !i18n.language.startsWith('da');
  const secretRequired = status?.hasSecret !== true;
  const problemOf = (field: TextField): string | null => {
    const value = values[field];
    if (value.trim() === '') return field === 'secretAccessKey' && !secretRequired ? null : t('settings.mediaHost.required');
    const parsed = SCHEMAS[field].safeParse(value);
    if (parsed.success) return null;
    // The schema's sentence names the exact rule; Danish gets the field's rule in its own words.
    return english ? (parsed.error.issues[0]?.message ?? t(`settings.mediaHost.invalid.${field}`)) : t(`settings.mediaHost.invalid.${field}`);
  };
  const problems = Object.fromEntries(FIELDS.map((field) => [field, problemOf(field)])) as Record<TextField, string | null>;

  const set = (patch: Partial<Values>): void => setValues((previous) => ({ ...previous, ...patch }));
  const busy = outcome.kind === 'saving' || outcome.kind === 'testing';

  /** Only what differs from what is stored: a key left out stays as it is. */
  const changes = (): MediaHostSave => {
    const stored = status?.settings ?? null;
    const patch: MediaHostSave = {};
    for (const field of ['endpoint', 'region', 'bucket', 'accessKeyId'] as const) {
      const value = values[field].trim();
      if (stored === null || value !== stored[field]) patch[field] = value;
    }
    if (stored === null || values.pathStyle !== stored.pathStyle) patch.pathStyle = values.pathStyle;
    if (values.secretAccessKey.trim() !== '') patch.secretAccessKey = values.secretAccessKey.trim();
    return patch;
  };

  const save = (event: FormEvent): void => {
    event.preventDefault();
    setChecked(true);
    const first = FIELDS.find((field) => problems[field] !== null);
    if (first !== undefined) {
      refs[first].current?.focus();
      return;
    }
    const patch = changes();
    if (Object.keys(patch).length === 0) {
      setOutcome({ kind: 'done', message: t('settings.mediaHost.nothingChanged') });
      return;
    }
    setOutcome({ kind: 'saving' });
    window.spheres.mediaHost.save(patch).then(
      (next) => {
        setStatus(next);
        setValues(valuesOf(next));
        setChecked(false);
        setOutcome({ kind: 'done', message: t('settings.mediaHost.saved') });
      },
      (error: unknown) => setOutcome({ kind: 'failed', message: errorText(error, i18n) }),
    );
  };

  const test = (): void => {
    // The test runs on what is saved; testing it while the form says otherwise would mislead.
    if (Object.keys(changes()).length > 0) {
      setOutcome({ kind: 'failed', message: t('settings.mediaHost.saveFirst') });
      return;
    }
    setOutcome({ kind: 'testing' });
    window.spheres.mediaHost.test().then(
      (result) => setOutcome({ kind: 'tested', result }),
      (error: unknown) => setOutcome({ kind: 'failed', message: errorText(error, i18n) }),
    );
  };

  const remove = (): void => {
    setConfirming(false);
    setOutcome({ kind: 'saving' });
    window.spheres.mediaHost.remove().then(
      (next) => {
        setStatus(next);
        setValues(valuesOf(next));
        setChecked(false);
        setOutcome({ kind: 'done', message: t('settings.mediaHost.removed') });
        refs.endpoint.current?.focus();
      },
      (error: unknown) => setOutcome({ kind: 'failed', message: errorText(error, i18n) }),
    );
  };

  const setUp = status?.settings != null && status.hasSecret;
  const field = (name: TextField, options: { help?: string; secret?: boolean; mono?: boolean } = {}) => {
    const error = checked ? problems[name] : null;
    const described = [options.help === undefined ? '' : `${id}-${name}-help`, error === null ? '' : `${id}-${name}-error`].join(' ').trim();
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-${name}`} className="text-sm font-medium">
          {t(`settings.mediaHost.${name}`)}
        </label>
        <input
          ref={refs[name]}
          id={`${id}-${name}`}
          type={options.secret === true ? 'password' : 'text'}
          value={values[name]}
          autoComplete="off"
          spellCheck={false}
          placeholder={options.secret === true && status?.hasSecret === true ? t('settings.mediaHost.secretStored') : undefined}
          aria-invalid={error === null ? undefined : true}
          aria-describedby={described === '' ? undefined : described}
          onChange={(event) => set({ [name]: event.target.value })}
          className={`${INPUT}${options.mono === true ? ' font-mono' : ''}`}
        />
        {options.help !== undefined && (
          <p id={`${id}-${name}-help`} className={HELP}>
            {options.help}
          </p>
        )}
        {error !== null && (
          <p id={`${id}-${name}-error`} className="text-xs font-medium text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`${id}-heading`} className="text-sm font-semibold">
          {t('settings.mediaHost.title')}
        </h2>
        {status !== null && (
          <span
            className={`rounded-full border px-2 py-0.5 text-xs font-medium ${
              setUp
                ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100'
                : 'border-zinc-300 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300'
            }`}
          >
            {setUp ? t('settings.mediaHost.setUp') : t('settings.mediaHost.notSetUp')}
          </span>
        )}
      </div>
      <p className={HELP}>{t('settings.mediaHost.intro')}</p>
      <form noValidate onSubmit={save} aria-labelledby={`${id}-heading`} className="flex flex-col gap-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
        {field('endpoint', { help: t('settings.mediaHost.endpointHelp'), mono: true })}
        {field('region', { help: t('settings.mediaHost.regionHelp'), mono: true })}
        {field('bucket', { help: t('settings.mediaHost.bucketHelp'), mono: true })}
        {field('accessKeyId', { mono: true })}
        {field('secretAccessKey', { secret: true, help: status?.hasSecret === true ? t('settings.mediaHost.secretKeep') : t('settings.mediaHost.secretHelp') })}
        <div className="flex flex-col gap-1">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.pathStyle}
              aria-describedby={`${id}-path-help`}
              onChange={(event) => set({ pathStyle: event.target.checked })}
            />
            {t('settings.mediaHost.pathStyle')}
          </label>
          <p id={`${id}-path-help`} className={HELP}>
            {t('settings.mediaHost.pathStyleHelp')}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={busy} className={BUTTON}>
            {t('settings.mediaHost.save')}
          </button>
          <button type="button" disabled={busy || !setUp} title={setUp ? undefined : t('settings.mediaHost.testFirst')} onClick={test} className={BUTTON}>
            {t('settings.mediaHost.test')}
          </button>
          {status?.settings != null && (
            <button type="button" disabled={busy} onClick={() => setConfirming(true)} className={BUTTON}>
              {t('settings.mediaHost.remove')}
            </button>
          )}
        </div>
        {outcome.kind === 'failed' ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {outcome.message}
          </p>
        ) : (
          <p role="status" className="min-h-5 text-sm">
            {outcome.kind === 'saving' && t('settings.mediaHost.saving')}
            {outcome.kind === 'testing' && t('settings.mediaHost.testing')}
            {outcome.kind === 'done' && <span className="text-emerald-700 dark:text-emerald-400">{outcome.message}</span>}
            {outcome.kind === 'tested' && (outcome.result.ok ? t('settings.mediaHost.testPassed') : t('settings.mediaHost.testFailed'))}
          </p>
        )}
        {outcome.kind === 'tested' && <TestSteps result={outcome.result} english={english} />}
      </form>
      {confirming && (
        <ConfirmDialog
          title={t('settings.mediaHost.removeTitle')}
          confirmLabel={t('settings.mediaHost.removeConfirm')}
          cancelLabel={t('settings.mediaHost.removeCancel')}
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
        >
          {t('settings.mediaHost.removeBody')}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Each step with its outcome; a failed one says why (the core's sentence names the bucket or endpoint). */
function TestSteps({ result, english }: Readonly<{ result: MediaHostTestResult; english: boolean }>) {
  const { t } = useTranslation();
  const mark = { passed: '✓', failed: '✗', skipped: '–' } as const;
  return (
    <ol aria-label={t('settings.mediaHost.test')} className="flex flex-col gap-1 text-sm">
      {result.steps.map((step) => (
        <li key={step.step} className={step.outcome === 'failed' ? 'text-red-700 dark:text-red-400' : undefined}>
          <span aria-hidden="true">{mark[step.outcome]} </span>
          {t(`settings.mediaHost.steps.${step.step}`)}: {t(`settings.mediaHost.outcomes.${step.outcome}`)}
          {step.outcome === 'failed' && (
            <p className="text-xs">
              {english || step.message === null ? (step.message ?? t(`settings.mediaHost.stepFailed.${step.step}`)) : `${t(`settings.mediaHost.stepFailed.${step.step}`)} (${step.message})`}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
