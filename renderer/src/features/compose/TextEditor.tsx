import { useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORK_INFO, type NetworkAnalysis, type NetworkId } from '../../../../common/networks';
import type { ComposerDraft } from './draft';
import { textFor } from './draft';

export type EditorTab = 'base' | NetworkId;

function Counter({ network, analysis }: Readonly<{ network: NetworkId; analysis: NetworkAnalysis | undefined }>) {
  const { t } = useTranslation();
  if (analysis === undefined) return null;
  const over = analysis.length > analysis.limit;
  const parts = analysis.parts.length;
  return (
    <li
      className={`rounded-full border px-2 py-0.5 text-xs tabular-nums ${
        over && parts <= 1
          ? 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200'
          : 'border-zinc-300 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300'
      }`}
    >
      {t('compose.counter', { network: NETWORK_INFO[network].name, length: analysis.length, limit: analysis.limit })}
      {parts > 1 && <> · {t('compose.threadParts', { count: parts })}</>}
    </li>
  );
}

/**
 * The base text and one tab per picked network. A network's tab shows the base text until the
 * user edits it there; from then on it keeps its own text until "Reset to base".
 */
export function TextEditor({
  draft,
  tab,
  analyses,
  onTab,
  onBaseText,
  onOverride,
  onResetOverride,
  onInput,
}: Readonly<{
  draft: ComposerDraft;
  tab: EditorTab;
  analyses: Readonly<Partial<Record<NetworkId, NetworkAnalysis>>>;
  onTab: (tab: EditorTab) => void;
  onBaseText: (text: string) => void;
  onOverride: (network: NetworkId, text: string) => void;
  onResetOverride: (network: NetworkId) => void;
  onInput?: () => void;
}>) {
  const { t } = useTranslation();
  const id = useId();
  const tabs: EditorTab[] = ['base', ...draft.networks];
  const active: EditorTab = tabs.includes(tab) ? tab : 'base';
  const value = active === 'base' ? draft.text : textFor(draft, active);
  const overridden = active !== 'base' && draft.overrides[active] !== undefined;
  const counted = active === 'base' ? draft.networks.filter((network) => draft.overrides[network] === undefined) : [active];
  const label = (candidate: EditorTab): string =>
    candidate === 'base'
      ? t('compose.baseText')
      : draft.overrides[candidate] !== undefined
        ? t('compose.editedFor', { network: NETWORK_INFO[candidate].name })
        : NETWORK_INFO[candidate].name;

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = tabs[(index + delta + tabs.length) % tabs.length] ?? 'base';
    onTab(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };

  return (
    <div className="flex flex-col gap-2">
      <div role="tablist" aria-label={t('compose.textFor')} className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {tabs.map((candidate, index) => (
          <button
            key={candidate}
            id={`${id}-tab-${candidate}`}
            type="button"
            role="tab"
            aria-selected={candidate === active}
            aria-controls={`${id}-panel`}
            tabIndex={candidate === active ? 0 : -1}
            onClick={() => onTab(candidate)}
            onKeyDown={(event) => onTabKey(event, index)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${
              candidate === active
                ? 'border-violet-600 font-semibold text-zinc-900 dark:text-zinc-100'
                : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
            }`}
          >
            {label(candidate)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active}`} className="flex flex-col gap-2">
        <label htmlFor={`${id}-text`} className="sr-only">
          {active === 'base' ? t('compose.baseText') : t('compose.textForNetwork', { network: NETWORK_INFO[active].name })}
        </label>
        <textarea
          id={`${id}-text`}
          value={value}
          rows={10}
          dir={value.length <= 50_000 ? "auto" : undefined}
          // Spell-checking a pasted megabyte would stall the window; long texts go without it.
          spellCheck={value.length <= 50_000}
          placeholder={t('compose.placeholder')}
          onChange={(event) => {
            onInput?.();
            if (active === 'base') onBaseText(event.target.value);
            else onOverride(active, event.target.value);
          }}
          className="min-h-48 w-full resize-y rounded-lg border border-zinc-300 bg-white p-3 text-[15px] leading-relaxed dark:border-zinc-700 dark:bg-zinc-900"
        />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <ul aria-label={t('compose.counts')} className="flex flex-wrap gap-1.5">
            {counted.map((network) => (
              <Counter key={network} network={network} analysis={analyses[network]} />
            ))}
          </ul>
          {active !== 'base' && (
            <p className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
              {overridden ? t('compose.overrideActive') : t('compose.inheritsBase')}
              {overridden && (
                <button
                  type="button"
                  onClick={() => onResetOverride(active)}
                  className="rounded border border-zinc-300 px-2 py-0.5 font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
                >
                  {t('compose.resetToBase')}
                </button>
              )}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
