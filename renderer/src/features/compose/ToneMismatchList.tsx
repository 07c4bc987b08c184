import { useTranslation } from 'react-i18next';
import { NETWORK_INFO } from '../../../../common/networks';
import type { ToneMismatch } from '../../../../common/tone';

/** "LinkedIn welcomes Blend, Professional posts; this one is Private." — one line per target. */
export function ToneMismatchList({ mismatches }: Readonly<{ mismatches: readonly ToneMismatch[] }>) {
  const { t } = useTranslation();
  return (
    <ul>
      {mismatches.map((mismatch) => (
        <li key={mismatch.network}>
          {t('compose.toneMismatch', {
            network: NETWORK_INFO[mismatch.network].name,
            tone: t(`tone.${mismatch.tone}`),
            welcomed: mismatch.welcomed.map((tone) => t(`tone.${tone}`)).join(', '),
          })}
        </li>
      ))}
    </ul>
  );
}
