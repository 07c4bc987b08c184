import { useId, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountNetwork, ConnectProgress } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { copyText } from './copy-text';

type Step = ConnectProgress['step'] | 'starting';

/**
 * A running connect: where it is, a way to stop it, and while the browser step runs, the sign-in
 * page's address to copy. The app cannot open the page again itself: its window may open nothing.
 */
export function ConnectProgressView({
  network,
  step,
  authorizeUrl,
  cancelRef,
  onCancel,
}: Readonly<{
  network: AccountNetwork;
  step: Step;
  authorizeUrl: string | null;
  cancelRef: Ref<HTMLButtonElement>;
  onCancel: () => void;
}>) {
  const { t } = useTranslation();
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const name = NETWORK_INFO[network].name;
  const copy = (): void => {
    if (authorizeUrl === null) return;
    void copyText(authorizeUrl, field.current).then((done) => setCopied(done ? 'copied' : 'failed'));
  };

  return (
    <div className="flex flex-col gap-4">
      <h3 className="text-base font-semibold">{name}</h3>
      <p role="status" className="flex items-center gap-2 text-sm">
        {step !== 'done' && step !== 'failed' && (
          <span aria-hidden="true" className="h-3 w-3 shrink-0 animate-spin rounded-full border-2 border-zinc-400 border-t-transparent motion-reduce:animate-none" />
        )}
        {t(`accounts.connect.steps.${step}`, { network: name })}
      </p>
      {step === 'waiting_for_browser' && authorizeUrl !== null && (
        <section aria-labelledby={`${id}-reopen`} className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
          <h4 id={`${id}-reopen`} className="text-sm font-semibold">
            {t('accounts.connect.reopen')}
          </h4>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('accounts.connect.reopenHint')}</p>
          <label htmlFor={`${id}-url`} className="text-xs font-medium">
            {t('accounts.connect.signInAddress')}
          </label>
          <div className="flex gap-2">
            <input
              ref={field}
              id={`${id}-url`}
              type="text"
              readOnly
              value={authorizeUrl}
              onFocus={(event) => event.target.select()}
              className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-2 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800"
            />
            <button
              type="button"
              onClick={copy}
              className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {t('accounts.connect.copy')}
            </button>
          </div>
          <p role="status" className="min-h-4 text-xs">
            {copied === 'copied' && t('accounts.connect.copied')}
            {copied === 'failed' && t('accounts.connect.copyFailed')}
          </p>
        </section>
      )}
      <div className="flex justify-end">
        <button
          ref={cancelRef}
          type="button"
          onClick={onCancel}
          className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('accounts.connect.cancel')}
        </button>
      </div>
    </div>
  );
}
