import type { TFunction } from 'i18next';
import type { BlueskyAnalysis, NetworkAnalysis, Severity } from '../../../../common/networks';
import { NETWORK_INFO } from '../../../../common/networks';
import { findingText } from './finding-text';
import { formatCount } from './format';
import { Icon } from './icons';

const SEVERITY_CLASS: Readonly<Record<Severity, string>> = {
  error: 'text-red-700 dark:text-red-400',
  warning: 'text-amber-700 dark:text-amber-400',
  hint: 'text-zinc-600 dark:text-zinc-400',
};

function isBluesky(analysis: NetworkAnalysis): analysis is BlueskyAnalysis {
  return analysis.network === 'bluesky' && 'bytes' in analysis;
}

/** The count against the limit (and Bluesky's bytes), then what the rules found, worst first. */
export function PreviewFooter({ analysis, t, language }: Readonly<{ analysis: NetworkAnalysis; t: TFunction; language: string }>) {
  const info = NETWORK_INFO[analysis.network];
  const threaded = analysis.parts.length > 1;
  const over = !threaded && analysis.length > analysis.limit;
  const unit = t(`previews.units.${info.unit}`);
  const findings = [...analysis.findings].sort((a, b) => rank(a.severity) - rank(b.severity));
  return (
    <footer className="border-t border-zinc-200 px-4 py-2 text-xs dark:border-zinc-700">
      <p className="flex flex-wrap gap-x-3 tabular-nums text-zinc-600 dark:text-zinc-400">
        {threaded ? (
          <span data-count="">{t('previews.threadOf', { count: analysis.parts.length })}</span>
        ) : (
          <span data-count="" className={over ? 'font-semibold text-red-700 dark:text-red-400' : ''}>
            {over && <span className="sr-only">{t('previews.overLimit')} </span>}
            {t('previews.partCount', { length: formatCount(analysis.length, language), limit: formatCount(analysis.limit, language) })}
            <span className="sr-only"> {unit}</span>
          </span>
        )}
        {isBluesky(analysis) && (
          <span data-bytes="" className={analysis.bytes > analysis.byteLimit ? 'font-semibold text-red-700 dark:text-red-400' : ''}>
            {t('previews.bytes', { bytes: formatCount(analysis.bytes, language), limit: formatCount(analysis.byteLimit, language) })}
          </span>
        )}
      </p>
      {findings.length > 0 && (
        <ul aria-label={t('previews.findingsLabel', { network: info.name })} className="mt-1 space-y-0.5">
          {findings.map((finding, i) => (
            <li key={`${finding.code}-${i}`} data-severity={finding.severity} className={`flex gap-1.5 ${SEVERITY_CLASS[finding.severity]}`}>
              <Icon name={finding.severity} size={14} className="mt-px shrink-0" />
              <span>
                <span className="sr-only">{t(`previews.severity.${finding.severity}`)}: </span>
                {findingText(finding, language)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </footer>
  );
}

function rank(severity: Severity): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}
