import type { Finding, NetworkAnalysis, NetworkId } from '../../../../common/networks';
import type { TonePolicy } from '../../../../common/domain';
import { toneMismatches, type ToneMismatch } from '../../../../common/tone';
import type { ComposerDraft } from './draft';

export type QueueBlocker =
  | { kind: 'no_tone' }
  | { kind: 'no_network' }
  | { kind: 'empty' }
  /** The planned date or time as typed cannot be read. */
  | { kind: 'planned_invalid' }
  /** Schedule without a planned time: there is no time to send it at. */
  | { kind: 'not_planned' }
  | { kind: 'finding'; network: NetworkId; finding: Finding };

export interface QueueCheck {
  /** Reasons the post cannot be queued at all. */
  blockers: QueueBlocker[];
  /** Targets that do not welcome the tone: queueing needs an explicit confirmation. */
  mismatches: ToneMismatch[];
}

/** What stands between the draft and the outbox. Pure, so the rule is tested without a UI. */
export function checkQueue(
  draft: ComposerDraft,
  analyses: Readonly<Partial<Record<NetworkId, NetworkAnalysis>>>,
  policy: TonePolicy,
  plannedValid = true,
): QueueCheck {
  const blockers: QueueBlocker[] = [];
  if (!plannedValid) blockers.push({ kind: 'planned_invalid' });
  if (draft.tone === null) blockers.push({ kind: 'no_tone' });
  if (draft.networks.length === 0) blockers.push({ kind: 'no_network' });
  if (draft.text.trim() === '' && draft.images.length === 0 && Object.values(draft.overrides).every((text) => text.trim() === '')) {
    blockers.push({ kind: 'empty' });
  }
  for (const network of draft.networks) {
    for (const finding of analyses[network]?.findings ?? []) {
      if (finding.severity === 'error' && finding.code !== 'empty') blockers.push({ kind: 'finding', network, finding });
    }
  }
  return { blockers, mismatches: toneMismatches(draft.tone, draft.networks, policy) };
}
