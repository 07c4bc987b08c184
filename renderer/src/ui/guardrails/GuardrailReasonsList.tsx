import { useTranslation } from 'react-i18next';
import type { GuardrailReasons } from '../../../../common/guardrails';
import { periodText } from './period-text';

/** Each reason a guardrail stops the post, in words: the quiet period with its dates, the watched word as written. */
export function GuardrailReasonsList({ reasons }: Readonly<{ reasons: GuardrailReasons }>) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="list-disc space-y-1 pl-5">
      {reasons.periods.map((period) => (
        <li key={`period:${period.id}`}>{t('guardrails.reason.period', { name: period.name, when: periodText(period, i18n.language) })}</li>
      ))}
      {reasons.words.map((word) => (
        <li key={`word:${word.word}`}>
          {word.found.toLowerCase() === word.word.toLowerCase()
            ? t('guardrails.reason.word', { found: word.found })
            : t('guardrails.reason.wordForm', { found: word.found, word: word.word })}
        </li>
      ))}
    </ul>
  );
}
