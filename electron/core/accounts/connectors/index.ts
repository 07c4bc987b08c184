import type { AccountNetwork } from '../../../../common/domain';
import type { Connector } from './types';
import { xConnector } from './x';

/** Every network Spheres can connect, by id. */
export const DEFAULT_CONNECTORS: Readonly<Partial<Record<AccountNetwork, Connector<never>>>> = {
  x: xConnector as Connector<never>,
};
