import { createHash } from 'node:crypto';
import type { Account, AccountNetwork, AppNetwork } from '../../../../common/domain';
import type { Credentials } from '../../vault';
import type { FetchLike } from '../oauth/http';
import type { Authorize } from '../oauth/flow';

/** The user's own developer app for a network, as kept in the keychain. */
export interface AppCredentials {
  clientId: string;
  clientSecret: string | undefined;
  /** A fixed loopback port, for networks that compare the redirect address exactly (port included). */
  redirectPort?: number | undefined;
}

/** Base URLs a connector talks to; tests point them at loopback fakes, the app uses the defaults. */
export type Endpoints = Readonly<Record<string, string>>;

export interface ConnectorContext {
  fetch: FetchLike;
  /** The browser step (loopback + PKCE + state); only OAuth connectors use it. */
  authorize: Authorize;
  now(): Date;
  signal: AbortSignal;
  /** Endpoint overrides for this network, merged over the connector's defaults. */
  endpoints: Endpoints;
  /** Lets Mastodon and Bluesky servers be plain http on loopback: for tests only. */
  allowInsecureServers: boolean;
  /** Tells the UI which step the connect is at. */
  progress(step: ConnectStep, authorizeUrl?: string): void;
  /** The keychain-backed store of app registrations (Mastodon registers one per server). */
  apps: AppRegistry;
}

export type ConnectStep = 'registering_app' | 'waiting_for_browser' | 'signing_in' | 'reading_profile';

export interface AppRegistry {
  get(key: string): Promise<AppCredentials | null>;
  set(key: string, app: AppCredentials): Promise<void>;
}

/** What a connector knows about an account once connected; the service adds status and times. */
export type AccountProfile = Pick<Account, 'id' | 'network' | 'handle' | 'displayName' | 'avatarUrl' | 'serverUrl' | 'tokenExpiresAt' | 'refreshable' | 'scopes' | 'limits' | 'facts'>;

export interface Connected {
  profile: AccountProfile;
  credentials: Credentials;
}

export interface Refreshed {
  credentials: Credentials;
  tokenExpiresAt: string | null;
  /** False when the network was not asked (a token too young to renew): nothing changed. */
  renewed?: boolean;
}

export interface Connector<Input> {
  network: AccountNetwork;
  /** The developer app this network signs in with, if it needs the user's own. */
  app: AppNetwork | null;
  /** Refresh this long before the access token expires. */
  refreshMarginMs: number;
  connect(input: Input, app: AppCredentials | null, context: ConnectorContext): Promise<Connected>;
  /** A new access token; throws `reconnect_needed` when the network refuses (expired, revoked). */
  refresh(account: Account, credentials: Credentials, app: AppCredentials | null, context: ConnectorContext): Promise<Refreshed>;
  /** Best effort: tells the network to forget the token. Failures are ignored by the caller. */
  revoke?(account: Account, credentials: Credentials, app: AppCredentials | null, context: ConnectorContext): Promise<void>;
}

/**
 * A keychain-safe account id from a network and the network's own user id. Ids that are already
 * lowercase and plain are kept readable; others (LinkedIn's mixed-case `sub`) are hashed.
 */
export function accountIdFor(network: AccountNetwork, ...parts: string[]): string {
  const joined = parts.join(':');
  const readable = `${network}:${joined}`;
  if (/^[a-z0-9][a-z0-9:._-]{0,127}$/.test(readable)) return readable;
  return `${network}:h${createHash('sha256').update(joined).digest('hex').slice(0, 32)}`;
}

export function mergeEndpoints<T extends Endpoints>(defaults: T, overrides: Endpoints): T {
  return { ...defaults, ...overrides };
}

/** Reads a JSON object, or throws the given error: network answers are never trusted blindly. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function stringField(record: Record<string, unknown> | null, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** An avatar URL only if it is https (or http on loopback in tests); anything else is dropped. */
export function safeUrl(value: string | undefined, allowInsecure = false): string | null {
  if (value === undefined) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || (allowInsecure && url.protocol === 'http:')) return url.toString();
  } catch {
    return null;
  }
  return null;
}
