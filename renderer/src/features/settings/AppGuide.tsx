import { useTranslation } from 'react-i18next';
import { APP_GUIDES, type GuideStep } from '../../../../common/accounts';
import type { AppNetwork } from '../../../../common/domain';
import { CopyValue } from './CopyValue';

/** A link's words: the address without its scheme, as the person will see it in the browser. */
function linkText(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/**
 * The numbered steps that take a person from nothing to a developer app Spheres can use: the
 * facts (links, scopes, fixed names) from common/accounts, the sentences from i18n, and the
 * redirect address for the port in the form, so what is copied is what will be saved.
 */
export function AppGuide({ app, redirect }: Readonly<{ app: AppNetwork; redirect: string }>) {
  const { t } = useTranslation();
  const guide = APP_GUIDES[app];
  const values = (step: GuideStep): { value: string; label: string }[] => {
    if (step.copy === undefined) return [];
    if (step.copy === 'redirect') return [{ value: redirect, label: t('settings.apps.redirectLabel') }];
    if (step.copy === 'scopes') return [{ value: guide.scopes.join(' '), label: t('settings.apps.scopesLabel') }];
    return step.copy.texts.map((text) => ({ value: text, label: text }));
  };
  return (
    <ol className="flex list-decimal flex-col gap-3 pl-5 text-sm">
      {guide.steps.map((step) => (
        <li key={step.id} className="flex flex-col gap-1">
          {/* Step ids are data (common/accounts); test/unit/accounts/app-guides.test.ts checks each has its sentence in both languages. */}
          <p>{t(`settings.apps.guides.${app}.${step.id}` as 'settings.apps.guides.x.create')}</p>
          {step.link !== undefined && (
            <a href={step.link} target="_blank" rel="noreferrer" className="w-fit text-sm font-medium text-sky-700 underline dark:text-sky-400">
              {linkText(step.link)}
            </a>
          )}
          {values(step).map((entry) => (
            <CopyValue key={entry.label} value={entry.value} label={entry.label} />
          ))}
        </li>
      ))}
    </ol>
  );
}
