import { z } from 'zod';
import { NETWORK_IDS, NetworkIdSchema } from './network-id';
import { ToneSchema } from './tone';

/** Which tones each network welcomes. Editable in Settings; later per account. */
const WelcomedTones = z.array(ToneSchema).min(1, 'each network needs at least one tone').max(3);
/** zod 4: a record keyed by an enum must name every network. */
export const TonePolicySchema = z.record(NetworkIdSchema, WelcomedTones);
export type TonePolicy = z.infer<typeof TonePolicySchema>;

/**
 * Defaults from how each network is used: LinkedIn is a professional network, Instagram and
 * Threads are where everyday moments live; X, Mastodon, Bluesky and Facebook carry all three.
 */
export const DEFAULT_TONE_POLICY: TonePolicy = {
  x: ['private', 'blend', 'professional'],
  bluesky: ['private', 'blend', 'professional'],
  mastodon: ['private', 'blend', 'professional'],
  threads: ['private', 'blend'],
  linkedin: ['blend', 'professional'],
  instagram: ['private', 'blend'],
  facebook: ['private', 'blend', 'professional'],
};

/** A stored policy may lack networks added later or hold nonsense: repair it network by network. */
export function completeTonePolicy(stored: unknown): TonePolicy {
  const policy = copyTonePolicy(DEFAULT_TONE_POLICY);
  if (typeof stored !== 'object' || stored === null) return policy;
  for (const network of NETWORK_IDS) {
    const tones = WelcomedTones.safeParse((stored as Record<string, unknown>)[network]);
    if (tones.success) policy[network] = [...new Set(tones.data)];
  }
  return policy;
}

export function copyTonePolicy(policy: TonePolicy): TonePolicy {
  return Object.fromEntries(NETWORK_IDS.map((network) => [network, [...policy[network]]])) as TonePolicy;
}
