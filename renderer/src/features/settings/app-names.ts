import type { AppNetwork } from '../../../../common/domain';

/** Where each developer app is created. */
export const APP_SITES: Readonly<Record<AppNetwork, string>> = {
  x: 'developer.x.com',
  linkedin: 'linkedin.com/developers',
  threads: 'developers.facebook.com',
  instagram: 'developers.facebook.com',
};

/** The redirect address every developer app registers (RFC 8252 loopback: the port is chosen per sign-in). */
export const REDIRECT_ADDRESS = 'http://127.0.0.1/callback';
