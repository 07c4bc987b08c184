import type { AccountNetwork } from '../../../../common/domain';
import { blueskyConnector } from './bluesky';
import { instagramConnector } from './instagram';
import { linkedinConnector } from './linkedin';
import { mastodonConnector } from './mastodon';
import { threadsConnector } from './threads';
import type { Connector } from './types';
import { xConnector } from './x';

/** Every network Spheres can connect, by id. */
export const DEFAULT_CONNECTORS: Readonly<Partial<Record<AccountNetwork, Connector<never>>>> = {
  x: xConnector as Connector<never>,
  bluesky: blueskyConnector as Connector<never>,
  mastodon: mastodonConnector as Connector<never>,
  linkedin: linkedinConnector as Connector<never>,
  threads: threadsConnector as Connector<never>,
  instagram: instagramConnector as Connector<never>,
};
