import { useTranslation } from 'react-i18next';
import type { AppCheck } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';

/** "Test the app"'s answer in the person's words, with what the network said when it said more. */
export function AppTestResult({ check }: Readonly<{ check: AppCheck }>) {
  const { t } = useTranslation();
  const network = NETWORK_INFO[check.app].name;
  const meta = check.app === 'threads' || check.app === 'instagram';
  const idName = meta ? t('settings.apps.appIdName') : t('settings.apps.clientIdName');
  const key = check.outcome === 'recognised' ? (check.checked === 'id_only' ? 'recognisedId' : 'recognised') : check.outcome;
  const good = check.outcome === 'recognised';
  return (
    <div className={`flex flex-col gap-1 text-sm ${good ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}`}>
      <p className="font-medium">{t(`settings.apps.checks.${key}`, { network, idName })}</p>
      {check.source === 'built_in' && <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('settings.apps.checks.builtInTested', { network })}</p>}
      {check.detail !== null && <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('settings.apps.checks.said', { network, detail: check.detail })}</p>}
    </div>
  );
}
