import type { Analyzer, AnalyzeOptions, NetworkAnalysis, NetworkId } from '../../../../common/networks';

export interface DraftTexts {
  text: string;
  overrides: Readonly<Partial<Record<NetworkId, string>>>;
  networks: readonly NetworkId[];
  options: AnalyzeOptions;
}

export type Analyses = Partial<Record<NetworkId, NetworkAnalysis>>;

/** Every picked network's analysis; the base text is counted once for all networks that use it. */
export function analyzeDraft(analyzer: Analyzer, draft: DraftTexts): Analyses {
  const base = draft.networks.some((network) => draft.overrides[network] === undefined)
    ? analyzer.analyzeAll(draft.text, draft.options)
    : null;
  const result: Analyses = {};
  for (const network of draft.networks) {
    const override = draft.overrides[network];
    result[network] = override === undefined && base !== null ? base[network] : analyzer.analyze(override ?? draft.text, network, draft.options);
  }
  return result;
}

export function draftSize(draft: DraftTexts): number {
  let size = draft.text.length;
  for (const network of draft.networks) size += draft.overrides[network]?.length ?? 0;
  return size;
}
