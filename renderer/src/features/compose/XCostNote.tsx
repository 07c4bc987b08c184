import { useTranslation } from 'react-i18next';
import type { NetworkAnalysis } from '../../../../common/networks';
import { estimateXCost } from '../../../../common/networks/x-cost';

/**
 * What posting this costs on X: X bills the person's developer app per post, more for a post with
 * a link (common/networks/x-cost.ts). Shown while an X account is a target, from the same analysis
 * the preview shows, so a thread's parts and their links are counted as they will be posted.
 */
export function XCostNote({ analysis, accounts }: Readonly<{ analysis: Pick<NetworkAnalysis, 'parts' | 'links'>; accounts: number }>) {
  const { t, i18n } = useTranslation();
  if (accounts === 0 || analysis.parts.length === 0) return null;
  const estimate = estimateXCost(analysis, accounts);
  const cost = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(estimate.usd);
  const posts = t('compose.xCost.posts', { count: estimate.posts });
  const detail = estimate.withLink === 0 ? posts : t('compose.xCost.withLinks', { posts, count: estimate.withLink });
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-400" title={t('compose.xCost.why')}>
      {t('compose.xCost.estimate', { cost, detail })}
    </p>
  );
}
