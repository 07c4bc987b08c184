import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TONE_POLICY, TONES, copyTonePolicy, type Settings, type Tone, type TonePolicy } from '../../../../common/domain';
import { NETWORK_INFO, NETWORKS, type NetworkId } from '../../../../common/networks';
import { TONE_STYLE } from '../../ui';

/** Which tones each network is set to take: a post outside them asks for confirmation before queueing. */
export function TonePolicySection({
  policy,
  onChange,
}: Readonly<{ policy: TonePolicy; onChange: (patch: Partial<Settings>) => void }>) {
  const { t } = useTranslation();
  const id = useId();
  const toggle = (network: NetworkId, tone: Tone): void => {
    const next = copyTonePolicy(policy);
    const welcomed = next[network];
    next[network] = welcomed.includes(tone) ? welcomed.filter((candidate) => candidate !== tone) : TONES.filter((candidate) => candidate === tone || welcomed.includes(candidate));
    onChange({ tonePolicy: next });
  };
  const isDefault = NETWORKS.every((network) => policy[network].join() === DEFAULT_TONE_POLICY[network].join());

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2">
      <h2 id={`${id}-heading`} className="text-sm font-semibold">
        {t('settings.tonePolicy')}
      </h2>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('settings.tonePolicyHelp')}</p>
      <table className="w-fit text-sm">
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-6 text-left font-medium">
              {t('settings.network')}
            </th>
            {TONES.map((tone) => (
              <th key={tone} scope="col" className="px-3 py-1 font-medium">
                <span className="inline-flex items-center gap-1.5">
                  <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${TONE_STYLE[tone].swatch}`} />
                  {t(`tone.${tone}`)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NETWORKS.map((network) => (
            <tr key={network} className="border-t border-zinc-200 dark:border-zinc-800">
              <th scope="row" className="py-1 pr-6 text-left font-normal">
                {NETWORK_INFO[network].name}
              </th>
              {TONES.map((tone) => {
                const on = policy[network].includes(tone);
                // A network must welcome at least one tone; the last one cannot be unticked.
                const last = on && policy[network].length === 1;
                return (
                  <td key={tone} className="px-3 py-1 text-center">
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={last}
                      title={last ? t('settings.tonePolicyLast') : undefined}
                      aria-label={t('settings.tonePolicyCell', { network: NETWORK_INFO[network].name, tone: t(`tone.${tone}`) })}
                      onChange={() => toggle(network, tone)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        disabled={isDefault}
        onClick={() => onChange({ tonePolicy: copyTonePolicy(DEFAULT_TONE_POLICY) })}
        className="w-fit rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t('settings.tonePolicyReset')}
      </button>
    </section>
  );
}
