import type { NetworkIdValue } from '../domain/network-id';
import type { Tone } from '../domain/tone';
import type { TonePolicy } from '../domain/tone-policy';

export interface ToneMismatch {
  network: NetworkIdValue;
  tone: Tone;
  welcomed: Tone[];
}

/** The targets that do not welcome the post's tone, in the order the targets were given. */
export function toneMismatches(tone: Tone | null, networks: readonly NetworkIdValue[], policy: TonePolicy): ToneMismatch[] {
  if (tone === null) return [];
  return networks
    .filter((network) => !policy[network].includes(tone))
    .map((network) => ({ network, tone, welcomed: policy[network] }));
}
