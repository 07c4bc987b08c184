import { z } from 'zod';

/**
 * The networks an account can be connected for. Facebook pages are not here yet: posting to them
 * needs a page token flow Spheres does not have, so Facebook stays a preview-only target.
 */
export const ACCOUNT_NETWORKS = Object.freeze(['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram'] as const);
export const AccountNetworkSchema = z.enum(ACCOUNT_NETWORKS);
export type AccountNetwork = z.infer<typeof AccountNetworkSchema>;

/**
 * `connected`: the token works (as far as Spheres last knew). `reconnect_needed`: the token expired
 * or was revoked and could not be refreshed; posts for this network wait until the user reconnects.
 */
export const AccountStatusSchema = z.enum(['connected', 'reconnect_needed']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

/** A Mastodon server's limits from `/api/v2/instance`, fed to the composer's Mastodon rules. */
export const ServerLimitsSchema = z.object({
  maxCharacters: z.number().int().positive(),
  charactersReservedPerUrl: z.number().int().nonnegative(),
  maxMediaAttachments: z.number().int().positive(),
  imageSizeLimit: z.number().int().positive().nullable(),
});
export type ServerLimits = z.infer<typeof ServerLimitsSchema>;

/** A profile picture of at most 200 KB, as base64 in a data: URL. */
export const MAX_AVATAR_BYTES = 200 * 1024;
const MAX_AVATAR_DATA_URL = 40 + Math.ceil(MAX_AVATAR_BYTES / 3) * 4;

/**
 * What Spheres knows about a connected account, apart from its secrets: this is all the renderer
 * (and the metadata file) ever sees. Tokens live in the OS keychain only.
 */
export const AccountSchema = z.object({
  /** Also the account's key in the keychain, e.g. "x:2244994945", "mastodon:mastodon.social:109". */
  id: z.string().min(1).max(128),
  network: AccountNetworkSchema,
  /** As the network shows it: "@alice" on X, "@alice@mastodon.social", "@alice.bsky.social". */
  handle: z.string().min(1).max(300),
  displayName: z.string().max(300),
  avatarUrl: z.string().url().nullable(),
  /**
   * The profile picture itself, fetched once by main as a data: URL (the page loads no remote
   * images); null when there is none, it is too large, or it could not be fetched.
   */
  avatarImage: z.string().max(MAX_AVATAR_DATA_URL).regex(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/).nullable().default(null),
  /** The Mastodon server or Bluesky PDS the account lives on; null for single-server networks. */
  serverUrl: z.string().url().nullable(),
  /** When the access token stops working unless refreshed; null when it does not expire. */
  tokenExpiresAt: z.iso.datetime({ offset: true }).nullable(),
  /** Whether Spheres can renew the token by itself (a refresh token or a refreshable long-lived token). */
  refreshable: z.boolean(),
  scopes: z.array(z.string().max(200)).max(50),
  status: AccountStatusSchema,
  /** Why the account needs reconnecting, in a sentence; null when connected. */
  statusReason: z.string().max(1000).nullable(),
  connectedAt: z.iso.datetime({ offset: true }),
  lastRefreshedAt: z.iso.datetime({ offset: true }).nullable(),
  limits: ServerLimitsSchema.nullable(),
  /** Network-specific, non-secret facts: the LinkedIn member URN, the Instagram account type. */
  facts: z.record(z.string(), z.string().max(500)),
});
export type Account = z.infer<typeof AccountSchema>;

/**
 * Networks that need the user's own developer app (client id, and a secret where the network
 * requires one). A Meta app that has both use cases still shows a separate Threads app id/secret
 * and Instagram app id/secret in its dashboard, so they are two entries here.
 */
export const APP_NETWORKS = Object.freeze(['x', 'linkedin', 'threads', 'instagram'] as const);
export const AppNetworkSchema = z.enum(APP_NETWORKS);
export type AppNetwork = z.infer<typeof AppNetworkSchema>;

/** Which developer app each account network signs in with. */
export const APP_FOR_NETWORK: Readonly<Partial<Record<AccountNetwork, AppNetwork>>> = Object.freeze({
  x: 'x',
  linkedin: 'linkedin',
  threads: 'threads',
  instagram: 'instagram',
});

/** Whether each developer app is set up; the client id is not secret, the secret never leaves main. */
export const AppCredentialsStatusSchema = z.object({
  app: AppNetworkSchema,
  configured: z.boolean(),
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
  /** Whether this network needs a client secret besides the id (LinkedIn, Meta). */
  needsSecret: z.boolean(),
  /** A fixed loopback port for the redirect address; null: any port (RFC 8252 §7.3). */
  redirectPort: z.number().int().nullable(),
  /** This build of Spheres carries its own client id for the network (X): it connects without an app of the person's own. Absent: false. */
  builtIn: z.boolean().optional(),
});
export type AppCredentialsStatus = z.infer<typeof AppCredentialsStatusSchema>;

/**
 * What "Test the app" found, before any sign-in. `recognised`: the network accepted the app (with
 * `checked` saying whether that covered the secret or only the id); `unknown_client`: it does not
 * know the id; `wrong_secret`: it knows the id but not with this secret; `refused`: it refused the
 * id and secret together without saying which; `unreachable`: no answer; `not_set_up`: nothing to
 * test; `unexpected`: an answer Spheres cannot read. `detail` is the network's own words, if any.
 */
export const AppCheckSchema = z.object({
  app: AppNetworkSchema,
  outcome: z.enum(['recognised', 'unknown_client', 'wrong_secret', 'refused', 'unreachable', 'not_set_up', 'unexpected']),
  checked: z.enum(['id_and_secret', 'id_only']),
  /** Whose app was tested: the person's own, or the one this build carries. */
  source: z.enum(['own', 'built_in']),
  detail: z.string().max(400).nullable(),
});
export type AppCheck = z.infer<typeof AppCheckSchema>;

const Host = z.string().trim().min(1, 'Enter the address of your Mastodon server, for example mastodon.social.').max(300);

/** What the connect dialog sends; the main process does the rest. */
export const ConnectInputSchema = z.discriminatedUnion('network', [
  z.object({ network: z.literal('x') }).strict(),
  z.object({ network: z.literal('mastodon'), server: Host }).strict(),
  z
    .object({
      network: z.literal('bluesky'),
      /** A handle (alice.bsky.social) or the account's email. */
      identifier: z.string().trim().min(1, 'Enter your Bluesky handle or email.').max(300),
      /** An app password from Bluesky's settings, never the account password's place to be stored. */
      appPassword: z.string().min(1, 'Enter an app password.').max(200),
      /** The hosting provider to sign in at; bsky.social when empty. */
      service: z.string().trim().max(300).optional(),
    })
    .strict(),
  z.object({ network: z.literal('linkedin') }).strict(),
  z.object({ network: z.literal('threads') }).strict(),
  z.object({ network: z.literal('instagram') }).strict(),
]);
export type ConnectInput = z.infer<typeof ConnectInputSchema>;

/** Progress of a running connect, for the dialog: which step, and the sign-in page to reopen. */
export const ConnectProgressSchema = z.object({
  network: AccountNetworkSchema,
  step: z.enum(['registering_app', 'waiting_for_browser', 'signing_in', 'reading_profile', 'done', 'failed']),
  authorizeUrl: z.string().url().nullable(),
});
export type ConnectProgress = z.infer<typeof ConnectProgressSchema>;
