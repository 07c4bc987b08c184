import type { Account, AccountNetwork, ConnectInput } from '../../../../common/domain';

/** What the connect dialog's forms hold; each network reads the fields it needs. */
export interface ConnectValues {
  server: string;
  identifier: string;
  appPassword: string;
  service: string;
}

export type ConnectField = keyof ConnectValues;

export const EMPTY_VALUES: Readonly<ConnectValues> = { server: '', identifier: '', appPassword: '', service: '' };

/** Which required field is missing, in the order the form shows them; the core checks again. */
export function missingFields(network: AccountNetwork, values: ConnectValues): ConnectField[] {
  if (network === 'mastodon') return values.server.trim() === '' ? ['server'] : [];
  if (network !== 'bluesky') return [];
  const missing: ConnectField[] = [];
  if (values.identifier.trim() === '') missing.push('identifier');
  if (values.appPassword === '') missing.push('appPassword');
  return missing;
}

export function connectInput(network: AccountNetwork, values: ConnectValues): ConnectInput {
  switch (network) {
    case 'mastodon':
      return { network, server: values.server.trim() };
    case 'bluesky': {
      const service = values.service.trim();
      return { network, identifier: values.identifier.trim(), appPassword: values.appPassword, ...(service === '' ? {} : { service }) };
    }
    default:
      return { network };
  }
}

/**
 * What a reconnect already knows: the Mastodon server, the Bluesky handle and provider. Accounts
 * on Bluesky's own hosts sign in through bsky.social, the default, so the provider stays empty.
 */
export function reconnectValues(account: Pick<Account, 'network' | 'handle' | 'serverUrl'>): ConnectValues {
  if (account.network === 'mastodon') return { ...EMPTY_VALUES, server: account.serverUrl ?? account.handle.split('@')[2] ?? '' };
  if (account.network !== 'bluesky') return { ...EMPTY_VALUES };
  const host = account.serverUrl === null ? '' : new URL(account.serverUrl).hostname;
  const ownHost = host === '' || host === 'bsky.social' || host.endsWith('.bsky.network');
  return { ...EMPTY_VALUES, identifier: account.handle.replace(/^@/, ''), service: ownHost ? '' : (account.serverUrl ?? '') };
}

/** Bluesky needs a fresh app password to reconnect; the other networks need nothing new. */
export function reconnectsWithoutInput(network: AccountNetwork): boolean {
  return network !== 'bluesky';
}
