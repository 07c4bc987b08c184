import type { AccountNetwork, AppNetwork } from '../../../../common/domain';

/** The developer apps by network; Threads and Instagram have their own app id and secret in a Meta app. */
export const APP_NAMES: Readonly<Record<AppNetwork, string>> = { x: 'X', linkedin: 'LinkedIn', threads: 'Threads', instagram: 'Instagram' };

/** Where each developer app is created. */
export const APP_SITES: Readonly<Record<AppNetwork, string>> = {
  x: 'developer.x.com',
  linkedin: 'linkedin.com/developers',
  threads: 'developers.facebook.com',
  instagram: 'developers.facebook.com',
};

/** The address the connect dialog links to: Settings, at the Network apps section. */
export const NETWORK_APPS_HASH = '#/settings/network-apps';

/** The redirect address every developer app registers (RFC 8252 loopback: the port is chosen per sign-in). */
export const REDIRECT_ADDRESS = 'http://127.0.0.1/callback';

export function networksOfApp(app: AppNetwork, mapping: Readonly<Partial<Record<AccountNetwork, AppNetwork>>>): AccountNetwork[] {
  return (Object.entries(mapping) as [AccountNetwork, AppNetwork][]).filter(([, value]) => value === app).map(([network]) => network);
}
