import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORK_INFO, type NetworkAnalysis, type NetworkId } from '../../../../common/networks';
import type { ComposerDraft } from './draft';
import { baseTextHash } from './base-text-hash';
import { isOverrideStale, textFor } from './draft';

export type EditorTab = 'base' | NetworkId;

/** "X, Bluesky, Mastodon and Threads": the networks that publish a long text as a thread. */
function threadNetworks(language: string): string {
  const names = Object.values(NETWORK_INFO).filter((info) => info.threads).map((info) => info.name);
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(names);
}

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
  onRestoreOverride,
  onInput,
}: Readonly<{
  draft: ComposerDraft;
  tab: EditorTab;
  analyses: Readonly<Partial<Record<NetworkId, NetworkAnalysis>>>;
  onTab: (tab: EditorTab) => void;
  onBaseText: (text: string) => void;
  onOverride: (network: NetworkId, text: string) => void;
  onResetOverride: (network: NetworkId) => void;
  /** Puts an override back as it was, with the base it was written from (undo). */
  onRestoreOverride: (network: NetworkId, text: string, base: string | undefined) => void;
  onInput?: () => void;
}>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const tabs: EditorTab[] = ['base', ...draft.networks];
  const active: EditorTab = tabs.includes(tab) ? tab : 'base';
  const value = active === 'base' ? draft.text : textFor(draft, active);
  const overridden = active !== 'base' && draft.overrides[active] !== undefined;
  // Hashed once per base text, not once per tab: a pasted megabyte takes a few milliseconds.
  const baseHash = useMemo(() => baseTextHash(draft.text), [draft.text]);
  const stale = active !== 'base' && isOverrideStale(draft, active, baseHash);
  // What "Update from the base text" replaced, so it can be undone.
  const [replaced, setReplaced] = useState<{ network: NetworkId; text: string; base: string | undefined } | null>(null);
  const updateFromBase = (network: NetworkId): void => {
    setReplaced({ network, text: draft.overrides[network] ?? '', base: draft.overrideBases[network] });
    onInput?.();
    onOverride(network, draft.text);
  };
  const counted = active === 'base' ? draft.networks.filter((network) => draft.overrides[network] === undefined) : [active];
  const label = (candidate: EditorTab): string =>
    candidate === 'base'
      ? t('compose.baseText')
      : isOverrideStale(draft, candidate, baseHash)
        ? t('compose.staleFor', { network: NETWORK_INFO[candidate].name })
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
        {stale && (
          <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
            <span className="flex-1">{t('compose.staleOverride', { network: NETWORK_INFO[active].name })}</span>
            <button
              type="button"
              onClick={() => updateFromBase(active)}
              className="rounded border border-amber-400 px-2 py-0.5 text-xs font-medium hover:bg-amber-100 dark:border-amber-600 dark:hover:bg-amber-900"
            >
              {t('compose.updateFromBase')}
            </button>
          </div>
        )}
        {replaced !== null && replaced.network === active && !stale && (
          <p role="status" className="flex items-center gap-2 text-sm">
            {t('compose.updatedFromBase', { network: NETWORK_INFO[active].name })}
            <button
              type="button"
              onClick={() => {
                onInput?.();
                onRestoreOverride(replaced.network, replaced.text, replaced.base);
                setReplaced(null);
              }}
              className="rounded border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {t('compose.undo')}
            </button>
          </p>
        )}
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
          aria-describedby={`${id}-thread-hint`}
          onChange={(event) => {
            onInput?.();
            if (active === 'base') onBaseText(event.target.value);
            else onOverride(active, event.target.value);
            // Typing on is a new edit: the offer to undo the update no longer applies.
            setReplaced(null);
          }}
          className="min-h-48 w-full resize-y rounded-lg border border-zinc-300 bg-white p-3 text-[15px] leading-relaxed dark:border-zinc-700 dark:bg-zinc-900"
        />
        <p id={`${id}-thread-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {t('compose.threadBreakHint', { networks: threadNetworks(i18n.language) })}
        </p>
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
