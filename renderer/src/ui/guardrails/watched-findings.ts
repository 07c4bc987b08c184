import type { Finding, NetworkAnalysis, NetworkId } from '../../../../common/networks';
import { findWatchedWords } from '../../../../common/guardrails';

/**
 * The watched words of each network's text as findings beside the network's own, so the previews
 * list and mark them like any other: a warning, since the person may still post after confirming.
 */
export function withWatchedWords<A extends Partial<Record<NetworkId, NetworkAnalysis>>>(analyses: A, texts: Partial<Record<NetworkId, string>>, watched: readonly string[]): A {
  if (watched.length === 0) return analyses;
  let changed = false;
  const next: Partial<Record<NetworkId, NetworkAnalysis>> = { ...analyses };
  // Networks without their own text share the base text: each distinct text is searched once.
  const found = new Map<string, ReturnType<typeof findWatchedWords>>();
  for (const [network, analysis] of Object.entries(analyses) as [NetworkId, NetworkAnalysis][]) {
    const text = texts[network] ?? '';
    const matches = found.get(text) ?? findWatchedWords(text, watched);
    found.set(text, matches);
    if (matches.length === 0) continue;
    changed = true;
    const findings: Finding[] = matches.map((match) => ({
      severity: 'warning',
      code: 'watched_word',
      message: `"${match.found}" is on your watched words${match.found.toLowerCase() === match.word.toLowerCase() ? '' : ` (${match.word})`}: posting it asks you to confirm first.`,
      params: { found: match.found, word: match.word },
      span: { start: match.start, end: match.end },
    }));
    next[network] = { ...analysis, findings: [...analysis.findings, ...findings] };
  }
  return changed ? (next as A) : analyses;
}
