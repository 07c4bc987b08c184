import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCallback, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { NETWORK_INFO, type NetworkId } from '../../../../common/networks';
import { Icon, type IconName } from './icons';
import { NetworkPreview } from './NetworkPreview';
import type { PreviewGridProps, PreviewMode } from './types';

/**
 * The previews of every picked network: side by side (grid), or one large card with a tab per
 * network (focus). Mode and focused network are the composer's state, passed in and out.
 */
export function PreviewGrid({ networks, texts, analyses, images, tone, author, mode, focused, onModeChange, onFocusChange }: PreviewGridProps) {
  const { t } = useTranslation();
  const openOne = useCallback(
    (network: NetworkId) => {
      onFocusChange(network);
      onModeChange('focus');
    },
    [onFocusChange, onModeChange],
  );

  if (networks.length === 0) {
    return (
      <section aria-label={t('previews.regionLabel')} className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
        <Icon name="grid" size={32} className="text-zinc-400 dark:text-zinc-500" />
        <p className="font-semibold">{t('previews.emptyTitle')}</p>
        <p className="max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{t('previews.emptyBody')}</p>
      </section>
    );
  }

  const card = (network: NetworkId, onFocusRequest?: (network: NetworkId) => void) => {
    const analysis = analyses[network];
    // A long text is counted off the UI thread; until its numbers arrive the card says so.
    if (analysis === undefined) {
      return (
        <article aria-label={t('previews.previewOf', { network: NETWORK_INFO[network].name })} className="rounded-xl border border-zinc-200 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          <p className="font-semibold text-zinc-900 dark:text-zinc-100">{NETWORK_INFO[network].name}</p>
          <p role="status">{t('previews.counting')}</p>
        </article>
      );
    }
    return (
      <NetworkPreview
        network={network}
        text={texts[network] ?? ''}
        analysis={analysis}
        images={images}
        tone={tone}
        author={author}
        onFocusRequest={onFocusRequest}
      />
    );
  };

  return (
    <section aria-label={t('previews.regionLabel')} className="flex flex-col gap-3">
      <ModeSwitch mode={mode} t={t} onModeChange={onModeChange} />
      {mode === 'grid' ? (
        // 19rem is about a phone's feed column: as many as fit side by side, never narrower than that.
        <ul data-layout="side-by-side" className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,19rem),1fr))] items-start gap-4">
          {networks.map((network) => (
            <li key={network}>{card(network, openOne)}</li>
          ))}
        </ul>
      ) : (
        <FocusTabs networks={networks} focused={focused} analyses={analyses} t={t} onFocusChange={onFocusChange}>
          {(network) => card(network)}
        </FocusTabs>
      )}
    </section>
  );
}

function ModeSwitch({ mode, t, onModeChange }: Readonly<{ mode: PreviewMode; t: TFunction; onModeChange: (mode: PreviewMode) => void }>) {
  const option = (value: PreviewMode, icon: IconName, label: string) => (
    <button
      type="button"
      aria-pressed={mode === value}
      onClick={() => onModeChange(value)}
      className={`inline-flex items-center gap-1.5 px-3 py-1.5 text-sm first:border-r first:border-zinc-300 dark:first:border-zinc-700 ${
        mode === value ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'bg-white hover:bg-zinc-100 dark:bg-zinc-900 dark:hover:bg-zinc-800'
      }`}
    >
      <Icon name={icon} size={16} />
      {label}
    </button>
  );
  return (
    <div role="group" aria-label={t('previews.modeLabel')} className="inline-flex w-fit self-end overflow-hidden rounded-lg border border-zinc-300 dark:border-zinc-700">
      {option('grid', 'grid', t('previews.modeGrid'))}
      {option('focus', 'single', t('previews.modeFocus'))}
    </div>
  );
}

type FocusTabsProps = Readonly<{
  networks: readonly NetworkId[];
  focused: NetworkId | null;
  analyses: PreviewGridProps['analyses'];
  t: TFunction;
  onFocusChange: (network: NetworkId) => void;
  children: (network: NetworkId) => ReactNode;
}>;

/**
 * WAI-ARIA tabs with automatic activation: arrow keys move to the previous or next network (and
 * wrap), Home and End to the first and last; only the selected tab is in the tab order.
 * https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
 */
function FocusTabs({ networks, focused, analyses, t, onFocusChange, children }: FocusTabsProps) {
  const id = useId();
  const tabs = useRef(new Map<NetworkId, HTMLButtonElement>());
  const selected = focused !== null && networks.includes(focused) ? focused : networks[0]!;
  const tabId = (network: NetworkId) => `${id}-tab-${network}`;
  const panelId = `${id}-panel`;

  const select = (network: NetworkId) => {
    onFocusChange(network);
    tabs.current.get(network)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = networks.indexOf(selected);
    const last = networks.length - 1;
    const target =
      event.key === 'ArrowRight' ? (at === last ? 0 : at + 1)
      : event.key === 'ArrowLeft' ? (at === 0 ? last : at - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : undefined;
    if (target === undefined) return;
    event.preventDefault();
    select(networks[target]!);
  };

  return (
    <div className="flex flex-col gap-3">
      <div role="tablist" aria-label={t('previews.networksLabel')} className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-700">
        {networks.map((network) => {
          const isSelected = network === selected;
          const hasErrors = analyses[network]?.findings.some((f) => f.severity === 'error') ?? false;
          return (
            <button
              key={network}
              ref={(element) => {
                if (element === null) tabs.current.delete(network);
                else tabs.current.set(network, element);
              }}
              type="button"
              role="tab"
              id={tabId(network)}
              aria-selected={isSelected}
              aria-controls={panelId}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => select(network)}
              onKeyDown={onKeyDown}
              className={`-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm ${
                isSelected
                  ? 'border-violet-600 font-semibold text-zinc-900 dark:border-violet-400 dark:text-zinc-100'
                  : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
              }`}
            >
              {NETWORK_INFO[network].name}
              {hasErrors && (
                <span className="text-red-700 dark:text-red-400">
                  <Icon name="error" size={14} />
                  <span className="sr-only">, {t('previews.severity.error')}</span>
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selected)} tabIndex={0} className="mx-auto w-full max-w-2xl">
        {children(selected)}
      </div>
    </div>
  );
}
