import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../common/domain';

/** The range SettingsSchema accepts for missedGraceMinutes: up to a day late. */
const GRACE_MAX = 1440;

/** Whole minutes from 0 to a day, or null: the field's text is the person's until it is valid. */
export function parseGraceMinutes(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  return minutes <= GRACE_MAX ? minutes : null;
}

/** Where "Open at login" can work: the desktop app on macOS and Windows (Electron has no login items on Linux). */
type LoginItemSupport = 'unknown' | 'yes' | 'web' | 'linux';

function useLoginItemSupport(): LoginItemSupport {
  const [support, setSupport] = useState<LoginItemSupport>('unknown');
  useEffect(() => {
    let live = true;
    window.spheres.app
      .info()
      .then((about) => {
        if (!live) return;
        if (about.transport === 'web') setSupport('web');
        else setSupport(about.platform === 'darwin' || about.platform === 'win32' ? 'yes' : 'linux');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return support;
}

/**
 * How scheduled posts go out while the person is away: starting Spheres at login (a desktop-app
 * setting) and how late a post missed while Spheres was closed may still be sent.
 */
export function PublishingSection({
  settings,
  onChange,
}: Readonly<{ settings: Pick<Settings, 'openAtLogin' | 'missedGraceMinutes'>; onChange: (patch: Partial<Settings>) => void }>) {
  const { t } = useTranslation();
  const id = useId();
  const support = useLoginItemSupport();
  const [graceText, setGraceText] = useState(String(settings.missedGraceMinutes));
  const [invalid, setInvalid] = useState(false);
  const [shownGrace, setShownGrace] = useState(settings.missedGraceMinutes);
  // A change from elsewhere (another window, an import) replaces what is shown here.
  if (shownGrace !== settings.missedGraceMinutes) {
    setShownGrace(settings.missedGraceMinutes);
    setGraceText(String(settings.missedGraceMinutes));
    setInvalid(false);
  }

  const commitGrace = (): void => {
    const minutes = parseGraceMinutes(graceText);
    // Bad input stays in the field with the reason, so nothing typed is lost and nothing wrong is saved.
    if (minutes === null) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setGraceText(String(minutes));
    if (minutes !== settings.missedGraceMinutes) onChange({ missedGraceMinutes: minutes });
  };

  const onGraceKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commitGrace();
    } else if (event.key === 'Escape') {
      setGraceText(String(settings.missedGraceMinutes));
      setInvalid(false);
    }
  };

  const loginNote = support === 'web' ? t('settings.publishing.openAtLoginWeb') : support === 'linux' ? t('settings.publishing.openAtLoginLinux') : null;

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-sm font-semibold">
        {t('settings.publishing.heading')}
      </h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('settings.publishing.help')}</p>
      <div className="flex flex-col gap-1">
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={settings.openAtLogin}
            disabled={support !== 'yes'}
            aria-describedby={`${id}-login-help`}
            onChange={(event) => onChange({ openAtLogin: event.target.checked })}
            className="h-4 w-4 accent-zinc-900 disabled:opacity-50 dark:accent-zinc-100"
          />
          {t('settings.publishing.openAtLogin')}
        </label>
        <p id={`${id}-login-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('settings.publishing.openAtLoginHelp')}
          {loginNote !== null && ` ${loginNote}`}
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span aria-hidden="true">{t('settings.publishing.graceBefore')}</span>
          <input
            type="text"
            inputMode="numeric"
            value={graceText}
            aria-label={t('settings.publishing.graceName')}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${id}-grace-error ${id}-grace-help` : `${id}-grace-help`}
            onChange={(event) => {
              setGraceText(event.target.value);
              if (invalid && parseGraceMinutes(event.target.value) !== null) setInvalid(false);
            }}
            onBlur={commitGrace}
            onKeyDown={onGraceKey}
            className="w-20 rounded-lg border border-zinc-300 bg-white px-2 py-1 text-right text-sm tabular-nums aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <span aria-hidden="true">{t('settings.publishing.graceAfter')}</span>
        </div>
        {invalid && (
          <p id={`${id}-grace-error`} role="alert" className="text-xs text-red-700 dark:text-red-400">
            {t('settings.publishing.graceInvalid')}
          </p>
        )}
        <p id={`${id}-grace-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('settings.publishing.graceHelp')}
        </p>
      </div>
    </section>
  );
}
