import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../ui';

/**
 * A value the person must enter on a developer site exactly as Spheres needs it, with a Copy
 * button. The read-only field lets them select it by hand when the clipboard refuses.
 */
export function CopyValue({ value, label }: Readonly<{ value: string; label: string }>) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  // Which value the last copy was of: a changed value (another port) is not "Copied" yet.
  const [copied, setCopied] = useState<{ value: string; done: boolean } | null>(null);
  const state = copied === null || copied.value !== value ? null : copied.done;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        ref={field}
        readOnly
        value={value}
        aria-label={label}
        size={Math.min(64, Math.max(12, value.length + 1))}
        onFocus={(event) => event.currentTarget.select()}
        className="max-w-full rounded border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button
        type="button"
        onClick={() => void copyText(value, field.current).then((done) => setCopied({ value, done }))}
        className="rounded-lg border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t('settings.apps.copy')}
        {' '}
        <span className="sr-only">{label}</span>
      </button>
      <span aria-live="polite" className={`text-xs ${state === false ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}>
        {state === true ? t('settings.apps.copied') : state === false ? t('settings.apps.copyFailed') : ''}
      </span>
    </div>
  );
}
