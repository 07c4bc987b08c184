import { useTranslation } from 'react-i18next';
import type { GuardrailReasons } from '../../../../common/guardrails';
import { ConfirmDialog } from '../ConfirmDialog';
import { GuardrailReasonsList } from './GuardrailReasonsList';

/**
 * "Post anyway?" for a post in a quiet period or with a watched word: names every reason, starts
 * on Go back, and says the choice is recorded for the compliance record.
 */
export function GuardrailDialog({
  reasons,
  confirmLabel,
  onConfirm,
  onCancel,
}: Readonly<{ reasons: GuardrailReasons; confirmLabel: string; onConfirm: () => void; onCancel: () => void }>) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog title={t('guardrails.confirmTitle')} confirmLabel={confirmLabel} cancelLabel={t('guardrails.confirmCancel')} onConfirm={onConfirm} onCancel={onCancel}>
      <p className="mb-2">{t('guardrails.confirmIntro')}</p>
      <GuardrailReasonsList reasons={reasons} />
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">{t('guardrails.confirmRecorded')}</p>
    </ConfirmDialog>
  );
}
