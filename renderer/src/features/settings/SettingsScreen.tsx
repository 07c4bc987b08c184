import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, THEMES, type Settings } from '../../../../common/domain';
import { HistoryImportSection } from './HistoryImportSection';
import { GuardrailsSection } from './GuardrailsSection';
import { DataSection } from './DataSection';
import { MediaHostSection } from './MediaHostSection';
import { NetworkAppsSection } from './NetworkAppsSection';
import { PublishingSection } from './PublishingSection';
import { TargetMixSection } from './TargetMixSection';
import { TonePolicySection } from './TonePolicySection';
import { errorText } from '../../ui';

type SaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** Each language is named in itself, so a person who cannot read the current UI finds theirs. */
const LANGUAGE_NAMES = { en: 'English', da: 'Dansk' } as const;

export function SettingsScreen({
  settings,
  onChange,
}: Readonly<{ settings: Settings; onChange: (patch: Partial<Settings>) => Promise<void> }>) {
  const { t, i18n } = useTranslation();
  const languageId = useId();
  const themeId = useId();
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [info, setInfo] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    window.spheres.app
      .info()
      .then((about) => {
        if (live) setInfo(t('settings.version', about));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [t]);

  const change = (patch: Partial<Settings>): void => {
    onChange(patch).then(
      () => setSaveState({ kind: 'saved' }),
      (error: unknown) =>
        setSaveState({ kind: 'failed', message: errorText(error, i18n) }),
    );
  };

  return (
    <div className="flex max-w-xl flex-col gap-8">
      <div className="flex flex-col gap-2">
        <label htmlFor={languageId} className="text-sm font-semibold">
          {t('settings.language')}
        </label>
        <select
          id={languageId}
          value={settings.language}
          aria-describedby={`${languageId}-help`}
          onChange={(event) => change({ language: event.target.value as Settings['language'] })}
          className="w-64 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
        <p id={`${languageId}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('settings.languageHelp')}
        </p>
      </div>
      <div className="flex flex-col gap-2">
        <label htmlFor={themeId} className="text-sm font-semibold">
          {t('settings.theme')}
        </label>
        <select
          id={themeId}
          value={settings.theme}
          aria-describedby={`${themeId}-help`}
          onChange={(event) => change({ theme: event.target.value as Settings['theme'] })}
          className="w-64 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`settings.themes.${theme}`)}
            </option>
          ))}
        </select>
        <p id={`${themeId}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('settings.themeHelp')}
        </p>
      </div>
      <p role="status" className="min-h-5 text-sm">
        {saveState.kind === 'saved' && <span className="text-emerald-700 dark:text-emerald-400">{t('settings.saved')}</span>}
        {saveState.kind === 'failed' && (
          <span className="text-red-700 dark:text-red-400">{t('settings.saveFailed', { message: saveState.message })}</span>
        )}
      </p>
      <TonePolicySection policy={settings.tonePolicy} onChange={change} />
      <TargetMixSection targetMix={settings.targetMix} onChange={change} />
      <PublishingSection settings={settings} onChange={change} />
      <GuardrailsSection guardrails={settings.guardrails} />
      <NetworkAppsSection />
      <MediaHostSection />
      <HistoryImportSection />
      <DataSection />
      <section aria-labelledby="about-heading" className="flex flex-col gap-1">
        <h2 id="about-heading" className="text-sm font-semibold">
          {t('settings.about')}
        </h2>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{info ?? '…'}</p>
      </section>
    </div>
  );
}
