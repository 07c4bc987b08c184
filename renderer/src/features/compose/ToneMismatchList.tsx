import { useTranslation } from 'react-i18next';
import { NETWORK_INFO } from '../../../../common/networks';
import type { ToneMismatch } from '../../../../common/tone';

/** "LinkedIn is set to take blended and professional posts; this one is private." — one line per target. */
export function ToneMismatchList({ mismatches }: Readonly<{ mismatches: readonly ToneMismatch[] }>) {
  const { t, i18n } = useTranslation();
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  return (
    <ul>
      {mismatches.map((mismatch) => (
        <li key={mismatch.network}>
          {t('compose.toneMismatch', {
            network: NETWORK_INFO[mismatch.network].name,
            tone: t(`compose.toneOfThis.${mismatch.tone}`),
            welcomed: list.format(mismatch.welcomed.map((tone) => t(`compose.tonesTaken.${tone}`))),
          })}
        </li>
      ))}
    </ul>
  );
}
