import type { AppNetwork } from '../domain';

/**
 * The developer-app guide of each network that needs the person's own app: where to create it,
 * what to enter there, and where its id and secret are shown. The step sentences are i18n keys
 * (`settings.apps.guides.<app>.<step>`); this file holds the facts the sentences point at, and the
 * scopes the connectors request (they import them from here, so the guide cannot drift from them).
 */

/**
 * X: OAuth 2.0 with PKCE. A "Native App" is a public client (no secret); the callback must match
 * exactly, port included, and must use 127.0.0.1, not localhost.
 * - https://docs.x.com/fundamentals/developer-apps (console.x.com → Create App; app types; callback URLs)
 * - https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code (scopes)
 */
export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] as const;

/**
 * LinkedIn: the products "Sign In with LinkedIn using OpenID Connect" (openid, profile, email) and
 * "Share on LinkedIn" (w_member_social); redirect URLs, Client ID and Primary Client Secret on the Auth tab.
 * - https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
 * - https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2
 */
export const LINKEDIN_SCOPES = ['openid', 'profile', 'email', 'w_member_social'] as const;

/**
 * Threads: a Meta app with the "Access the Threads API" use case; threads_basic is always there,
 * threads_content_publish is added under the use case's permissions; Redirect Callback URLs under its
 * settings; the Threads app id and secret (not the Meta app's) under App settings → Basic.
 * - https://developers.facebook.com/documentation/threads/get-started
 * - https://developers.facebook.com/documentation/development/create-an-app/threads-use-case
 * - https://developers.facebook.com/documentation/threads/get-started/get-access-tokens-and-permissions
 */
/**
 * threads_read_replies: after a lost answer on a thread's reply, the outbox finds the reply among the
 * person's own replies (GET /{user-id}/replies needs it); without it such a reply waits as "unknown".
 */
export const THREADS_SCOPES = ['threads_basic', 'threads_content_publish', 'threads_read_replies'] as const;

/**
 * Instagram: "Instagram API with Instagram login" (Business Login for Instagram); the scope names
 * that replaced business_* in January 2025; the Instagram app id and secret are shown apart from the
 * Meta app's, under the use case's API setup, with the business login's OAuth redirect URIs.
 * - https://developers.facebook.com/documentation/instagram-platform/instagram-api-with-instagram-login/business-login
 */
export const INSTAGRAM_SCOPES = ['instagram_business_basic', 'instagram_business_content_publish'] as const;

/** One numbered step: its sentence is `settings.apps.guides.<app>.<id>`; some offer a link or a value to copy. */
export interface GuideStep {
  id: string;
  /** A page of the developer site the step happens on. */
  link?: string;
  /** What the step asks to enter, with a Copy button: the redirect address, the scopes, or fixed text. */
  copy?: 'redirect' | 'scopes' | { texts: readonly string[] };
}

export interface AppGuide {
  app: AppNetwork;
  /** The developer site's start page, shown as the first link. */
  site: string;
  scopes: readonly string[];
  /**
   * Whether the site compares the redirect address exactly, port included: then the app needs a
   * fixed port, and the guide suggests one. Otherwise any port on 127.0.0.1 works (RFC 8252 §7.3).
   */
  exactRedirect: boolean;
  /** Whether the network needs the app's secret besides its id. */
  needsSecret: boolean;
  steps: readonly GuideStep[];
}

/** The port the guide suggests for a site that wants an exact redirect address: high, unassigned, easy to read. */
export const SUGGESTED_REDIRECT_PORT = 53682;

/** The redirect address the loopback listener answers on (electron/core/accounts/oauth/loopback.ts). */
export function redirectAddress(port: number | null): string {
  return port === null ? 'http://127.0.0.1/callback' : `http://127.0.0.1:${port}/callback`;
}

export const APP_GUIDES: Readonly<Record<AppNetwork, AppGuide>> = {
  x: {
    app: 'x',
    site: 'https://console.x.com',
    scopes: X_SCOPES,
    exactRedirect: true,
    needsSecret: false,
    steps: [
      { id: 'create', link: 'https://console.x.com' },
      { id: 'auth', copy: { texts: ['Native App', 'Read and write'] } },
      { id: 'redirect', copy: 'redirect' },
      { id: 'scopes', copy: 'scopes' },
      { id: 'credentials' },
    ],
  },
  linkedin: {
    app: 'linkedin',
    site: 'https://www.linkedin.com/developers/apps',
    scopes: LINKEDIN_SCOPES,
    exactRedirect: true,
    needsSecret: true,
    steps: [
      { id: 'create', link: 'https://www.linkedin.com/developers/apps/new' },
      { id: 'products', copy: { texts: ['Sign In with LinkedIn using OpenID Connect', 'Share on LinkedIn'] } },
      { id: 'redirect', copy: 'redirect' },
      { id: 'scopes', copy: 'scopes' },
      { id: 'credentials' },
    ],
  },
  threads: {
    app: 'threads',
    site: 'https://developers.facebook.com/apps',
    scopes: THREADS_SCOPES,
    exactRedirect: true,
    needsSecret: true,
    steps: [
      { id: 'create', link: 'https://developers.facebook.com/apps/creation/', copy: { texts: ['Access the Threads API'] } },
      { id: 'scopes', copy: 'scopes' },
      { id: 'redirect', copy: 'redirect' },
      { id: 'tester' },
      { id: 'credentials' },
    ],
  },
  instagram: {
    app: 'instagram',
    site: 'https://developers.facebook.com/apps',
    scopes: INSTAGRAM_SCOPES,
    exactRedirect: true,
    needsSecret: true,
    steps: [
      { id: 'create', link: 'https://developers.facebook.com/apps/creation/', copy: { texts: ['Manage messaging & content on Instagram'] } },
      { id: 'scopes', copy: 'scopes' },
      { id: 'redirect', copy: 'redirect' },
      { id: 'tester' },
      { id: 'credentials' },
    ],
  },
};
