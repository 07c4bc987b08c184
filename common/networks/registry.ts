import { NETWORK_IDS } from '../domain/network-id';
import { blueskyRules } from './bluesky';
import { facebookRules } from './facebook';
import { instagramRules } from './instagram';
import { linkedinRules } from './linkedin';
import { mastodonRules } from './mastodon';
import type { NetworkRules } from './rules';
import { threadsRules } from './threads';
import type { NetworkId, NetworkInfo } from './types';
import { xRules } from './x';

/** The networks, in the order the composer shows them. */
export const NETWORKS: readonly NetworkId[] = NETWORK_IDS;

export const NETWORK_RULES: Readonly<Record<NetworkId, NetworkRules>> = {
  x: xRules,
  bluesky: blueskyRules,
  mastodon: mastodonRules,
  threads: threadsRules,
  linkedin: linkedinRules,
  instagram: instagramRules,
  facebook: facebookRules,
};

/** Display name, default limit, unit and threading of every network. */
export const NETWORK_INFO: Readonly<Record<NetworkId, NetworkInfo>> = Object.freeze(
  Object.fromEntries(NETWORKS.map((id) => [id, NETWORK_RULES[id].info])) as Record<NetworkId, NetworkInfo>,
);

export function isNetworkId(value: string): value is NetworkId {
  return (NETWORKS as readonly string[]).includes(value);
}
