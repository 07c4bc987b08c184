import type * as AtprotoApi from '@atproto/api';
import type { ConnectInput } from '../../../../common/domain';
import { AppError } from '../../../../common/api';
import type { Credentials } from '../../vault';
import { accountError } from '../account-error';
import { DEFAULT_HTTP_TIMEOUT_MS, describeTransportFailure, requestJson } from '../oauth/http';
import { accountIdFor, asRecord, mergeEndpoints, safeUrl, stringField, type Connector, type ConnectorContext } from './types';

/**
 * Bluesky (AT Protocol) with an app password: `com.atproto.server.createSession` gives an access
 * and a refresh JWT, `refreshSession` rotates both, `deleteSession` ends the session.
 * https://docs.bsky.app/docs/api/com-atproto-server-create-session
 * https://docs.bsky.app/docs/advanced-guides/api-directory (PDS entryway, DID document endpoint)
 */
export const BLUESKY_ENDPOINTS = {
  /** Where people without their own hosting provider sign in (and where an email signs in). */
  service: 'https://bsky.social',
  /** Resolves any handle to its DID: com.atproto.identity.resolveHandle. https://docs.bsky.app/docs/advanced-guides/resolving-identities */
  resolver: 'https://public.api.bsky.app',
  /** The did:plc directory that serves DID documents. https://web.plc.directory/ */
  plc: 'https://plc.directory',
};

export type BlueskyConnectInput = Extract<ConnectInput, { network: 'bluesky' }>;

/** The PDS issues two-hour access tokens (`expiresIn = '120mins'` in @atproto/pds account-manager/helpers/auth). */
const ACCESS_TOKEN_FALLBACK_MS = 120 * 60_000;
const BLUESKY_REFRESH_MARGIN_MS = 5 * 60_000;
const REVOKE_TIMEOUT_MS = 5_000;
/** The `handle` a PDS reports when the account's handle no longer resolves (@atproto/syntax INVALID_HANDLE). */
const INVALID_HANDLE = 'handle.invalid';

const WRONG_PASSWORD =
  'Bluesky did not accept that handle and app password. Check both; create an app password in Bluesky under Settings → Privacy and security → App passwords. Your main password is not needed and should not be used.';
const SESSION_ENDED = 'Bluesky ended this sign-in (app password revoked or session expired). Connect again with an app password.';
const SERVER_ADDRESS_HINT = 'Enter your hosting provider\'s address, like bsky.social or https://pds.example.com, or leave it empty to sign in at Bluesky.';

/** @atproto/api loads every Bluesky lexicon (about half a second): only on first Bluesky use, not at app start. */
let atproto: Promise<typeof AtprotoApi> | undefined;
function loadAtproto(): Promise<typeof AtprotoApi> {
  atproto ??= import('@atproto/api');
  return atproto;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * A Bluesky server address the person typed ("bsky.social", " https://pds.example.com/ ") as an
 * origin, or null when it is not one Spheres will send a password to: https only, plain http only
 * on loopback when tests allow it, no path, query or user info.
 */
export function blueskyServerUrl(text: string, allowInsecure: boolean): URL | null {
  const trimmed = text.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const loopback = isLoopbackHost(url.hostname);
  const schemeAllowed = url.protocol === 'https:' || (url.protocol === 'http:' && allowInsecure && loopback);
  const plainOrigin = url.username === '' && url.password === '' && url.search === '' && url.hash === '' && url.pathname === '/';
  if (!schemeAllowed || !plainOrigin || !(url.hostname.includes('.') || loopback)) return null;
  return new URL(url.origin);
}

/** A handle looks like a domain name (alice.bsky.social); an email has an "@". */
const HANDLE = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const DID = /^did:(plc:[a-z2-7]{24}|web:[a-z0-9.-]+(%3a\d+)?)$/i;

/**
 * Where a handle's account lives, as AT Protocol identity resolution finds it: handle → DID
 * (resolveHandle), DID → DID document (the PLC directory, or /.well-known/did.json for did:web),
 * document → the `#atproto_pds` service endpoint. Null when it cannot be resolved this way.
 * https://atproto.com/specs/handle, https://atproto.com/specs/did
 */
async function pdsOfHandle(handle: string, context: ConnectorContext): Promise<URL | null> {
  const endpoints = mergeEndpoints(BLUESKY_ENDPOINTS, context.endpoints);
  const resolver = new URL('/xrpc/com.atproto.identity.resolveHandle', endpoints.resolver);
  resolver.searchParams.set('handle', handle);
  const resolved = await requestJson(context.fetch, resolver, { serverName: resolver.host, signal: context.signal });
  const did = stringField(asRecord(resolved.body), 'did');
  if (resolved.status === 400 && stringField(asRecord(resolved.body), 'error') !== undefined) {
    throw accountError('invalid_input', `Bluesky found no account with the handle @${handle}. Check the spelling (the full handle, like alice.bsky.social), or sign in with your email instead.`);
  }
  if (resolved.status !== 200 || did === undefined || !DID.test(did)) return null;
  const documentUrl = did.startsWith('did:plc:')
    ? new URL(`/${did}`, endpoints.plc)
    : new URL('/.well-known/did.json', `https://${decodeURIComponent(did.slice('did:web:'.length))}`);
  const document = await requestJson(context.fetch, documentUrl, { serverName: documentUrl.host, signal: context.signal });
  const services = asRecord(document.body)?.['service'];
  if (document.status !== 200 || !Array.isArray(services)) return null;
  const pds = services.map(asRecord).find((service) => service !== null && (stringField(service, 'id') ?? '').endsWith('#atproto_pds'));
  return blueskyServerUrl(stringField(pds ?? null, 'serviceEndpoint') ?? '', context.allowInsecureServers);
}

async function serviceFor(input: BlueskyConnectInput, identifier: string, context: ConnectorContext): Promise<URL> {
  const typed = input.service?.trim() ?? '';
  if (typed === '' && HANDLE.test(identifier)) {
    // Sign in where the account lives: a self-hosted PDS never sees a password sent to bsky.social.
    const pds = await pdsOfHandle(identifier, context);
    if (pds !== null) return pds;
  }
  const text = typed === '' ? mergeEndpoints(BLUESKY_ENDPOINTS, context.endpoints).service : typed;
  const url = blueskyServerUrl(text, context.allowInsecureServers);
  if (url !== null) return url;
  if (/^http:\/\//i.test(text)) {
    throw accountError('invalid_server_url', `Spheres signs in to Bluesky servers only over https, so the password never travels unencrypted. ${SERVER_ADDRESS_HINT}`);
  }
  throw accountError('invalid_server_url', `That is not a Bluesky server address. ${SERVER_ADDRESS_HINT}`);
}

/** The claims Spheres reads from a JWT it was given; not verified, they only schedule the refresh. */
function jwtClaims(jwt: string): { expiresAt: Date | null; scopes: string[] | null } {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return { expiresAt: null, scopes: null };
  let claims: Record<string, unknown> | null;
  try {
    claims = asRecord(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { expiresAt: null, scopes: null };
  }
  const exp = claims?.['exp'];
  const expiresAt = typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : null;
  const scope = claims?.['scope'];
  const scopes = typeof scope === 'string' && scope.trim() !== '' ? scope.trim().split(/\s+/).slice(0, 50) : null;
  return { expiresAt: expiresAt !== null && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null, scopes };
}

function expiryOf(accessJwt: string, context: ConnectorContext): string {
  const { expiresAt } = jwtClaims(accessJwt);
  return (expiresAt ?? new Date(context.now().getTime() + ACCESS_TOKEN_FALLBACK_MS)).toISOString();
}

/**
 * The fetch @atproto/api calls, over the app's injected fetch: a deadline, the connect's cancel
 * signal, no redirects (a redirect could carry the password elsewhere), and transport failures
 * turned into `server_unreachable` before the library wraps them.
 */
function atprotoFetch(context: ConnectorContext, serverName: string, timeoutMs = DEFAULT_HTTP_TIMEOUT_MS): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([timeout, context.signal, request.signal]);
    try {
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      return await context.fetch(request.url, { method: request.method, headers: request.headers, body, signal, redirect: 'error' });
    } catch (error) {
      throw describeTransportFailure(error, serverName, { cancelled: context.signal.aborted, timedOut: timeout.aborted, timeoutMs });
    }
  };
}

/** The AppError our fetch threw, if the library wrapped one (XRPCError keeps it as `cause`). */
function transportCause(error: unknown): AppError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current instanceof AppError) return current;
    current = current.cause;
  }
  return null;
}

/** The XRPC error name only (a word like "ExpiredToken"): server messages are not shown or logged. */
function xrpcFailure(api: typeof AtprotoApi, error: unknown): { status: number; name: string } | null {
  if (!(error instanceof api.XRPCError)) return null;
  const name = typeof error.error === 'string' && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(error.error) ? error.error : `HTTP ${error.status}`;
  return { status: error.status, name };
}

function signInError(api: typeof AtprotoApi, error: unknown, serverName: string): AppError {
  const transport = transportCause(error);
  if (transport !== null) return transport;
  const failure = xrpcFailure(api, error);
  if (failure === null) return accountError('auth_failed', 'Signing in to Bluesky failed unexpectedly. Nothing was connected; try again.');
  const { status, name } = failure;
  if (name === 'AuthFactorTokenRequired') {
    // Bluesky asks for an emailed code only when the main password is used; app passwords skip it.
    return accountError(
      'wrong_password',
      'Bluesky asked for the sign-in code it emails you, so the password entered is your main password. Use an app password instead: create one in Bluesky under Settings → Privacy and security → App passwords. App passwords need no code.',
      { reason: name },
    );
  }
  if (name === 'AccountTakedown') {
    return accountError('auth_failed', 'Bluesky says this account has been taken down or suspended, so Spheres cannot sign in to it (AccountTakedown).', { reason: name });
  }
  if (status === 429 || name === 'RateLimitExceeded') {
    return accountError('auth_failed', 'Bluesky is limiting sign-in attempts for this account right now (RateLimitExceeded). Wait a few minutes, then try again.', { reason: name });
  }
  if (status === 401 || name === 'AuthenticationRequired') return accountError('wrong_password', WRONG_PASSWORD, { reason: name });
  // 2 is @atproto/xrpc's ResponseType.InvalidResponse: an answer that is not the lexicon's output.
  if (status === 404 || status === 501 || status === 2) {
    return accountError('auth_failed', `${serverName} did not answer like a Bluesky server (${name}). ${SERVER_ADDRESS_HINT}`, { reason: name });
  }
  return accountError('auth_failed', `Bluesky refused the sign-in (${name}). Nothing was connected; try again later.`, { reason: name });
}

function refreshError(api: typeof AtprotoApi, error: unknown): AppError {
  const transport = transportCause(error);
  if (transport !== null) return transport;
  const failure = xrpcFailure(api, error);
  if (failure === null) return accountError('auth_failed', 'Renewing the Bluesky sign-in failed unexpectedly; Spheres will try again later.');
  const { status, name } = failure;
  // What CredentialSession itself treats as a dead refresh token, plus a taken-down account.
  if (status === 401 || ['ExpiredToken', 'InvalidToken', 'InvalidDID', 'AuthenticationRequired', 'AccountTakedown'].includes(name)) {
    return accountError('reconnect_needed', SESSION_ENDED, { reason: name });
  }
  return accountError('auth_failed', `Bluesky could not renew the sign-in right now (${name}); Spheres will try again later.`, { reason: name });
}

/** The account's own PDS from its DID document, when the server sent one Spheres accepts; else where it signed in. */
function pdsOf(session: AtprotoApi.CredentialSession, fallback: URL, allowInsecure: boolean): URL | null {
  if (session.pdsUrl === undefined) return fallback;
  return blueskyServerUrl(session.pdsUrl.toString(), allowInsecure);
}

async function readProfile(api: typeof AtprotoApi, session: AtprotoApi.CredentialSession, did: string) {
  try {
    const response = await new api.Agent(session).app.bsky.actor.getProfile({ actor: did });
    return response.data;
  } catch (error) {
    const transport = transportCause(error);
    if (transport?.code === 'auth_cancelled') throw transport;
    // A PDS without a Bluesky app view (self-hosted, or the dev network) cannot serve profiles:
    // the account still connects, with the handle from the session.
    return null;
  }
}

/** `deleteSession` with the refresh JWT; its own short deadline so a cancelled connect can still clean up. */
async function endSession(api: typeof AtprotoApi, server: URL, refreshJwt: string, context: ConnectorContext): Promise<void> {
  const cleanup: ConnectorContext = { ...context, signal: new AbortController().signal };
  const agent = new api.Agent({ service: server, fetch: atprotoFetch(cleanup, server.host, REVOKE_TIMEOUT_MS) });
  try {
    await agent.com.atproto.server.deleteSession(undefined, { headers: { authorization: `Bearer ${refreshJwt}` } });
  } catch (error) {
    throw transportCause(error) ?? accountError('auth_failed', `Bluesky did not end the session (${xrpcFailure(api, error)?.name ?? 'unexpected error'}).`);
  }
}

function credentialsFor(session: AtprotoApi.AtpSessionData, pds: URL, context: ConnectorContext): Credentials & { expiresAt: string; scopes: string[] } {
  return {
    accessToken: session.accessJwt,
    refreshToken: session.refreshJwt,
    expiresAt: expiryOf(session.accessJwt, context),
    scopes: jwtClaims(session.accessJwt).scopes ?? ['app-password'],
    extra: { did: session.did, handle: session.handle, service: pds.origin },
  };
}

export const blueskyConnector: Connector<BlueskyConnectInput> = {
  network: 'bluesky',
  app: null,
  refreshMarginMs: BLUESKY_REFRESH_MARGIN_MS,
  async connect(input, _app, context) {
    // People copy handles with the "@" Bluesky shows; an email keeps its "@".
    const identifier = input.identifier.trim().replace(/^@(?=[^@]+$)/, '');
    context.progress('signing_in');
    const service = await serviceFor(input, identifier, context);
    const api = await loadAtproto();
    const session = new api.CredentialSession(service, atprotoFetch(context, service.host));
    try {
      await session.login({ identifier, password: input.appPassword });
    } catch (error) {
      throw signInError(api, error, service.host);
    }
    const signedIn = session.session;
    if (signedIn === undefined) throw accountError('auth_failed', 'Bluesky signed you in but sent no session. Nothing was connected; try again.');
    // An app password's session carries the scope com.atproto.appPass; the account password's
    // com.atproto.access. Spheres keeps only app-password sessions, which the person can revoke.
    if (jwtClaims(signedIn.accessJwt).scopes?.includes('com.atproto.access') === true) {
      await endSession(api, service, signedIn.refreshJwt, context).catch(() => {});
      throw accountError(
        'wrong_password',
        'That is your main Bluesky password. Spheres only signs in with an app password, which you can revoke at any time: create one in Bluesky under Settings → Privacy and security → App passwords, then connect with it.',
      );
    }
    const pds = pdsOf(session, service, context.allowInsecureServers);
    if (pds === null) {
      await endSession(api, service, signedIn.refreshJwt, context).catch(() => {});
      throw accountError('auth_failed', 'Bluesky says this account is hosted at an address Spheres will not use (not a plain https address). Nothing was connected.');
    }
    context.progress('reading_profile');
    const profile = await readProfile(api, session, signedIn.did);
    const current = session.session ?? signedIn;
    const credentials = credentialsFor(current, pds, context);
    const handle = profile?.handle ?? current.handle;
    return {
      profile: {
        id: accountIdFor('bluesky', current.did),
        network: 'bluesky',
        handle: handle === INVALID_HANDLE ? current.did : `@${handle}`,
        displayName: (profile?.displayName ?? '').trim().slice(0, 300),
        avatarUrl: safeUrl(profile?.avatar, context.allowInsecureServers),
        serverUrl: pds.origin,
        tokenExpiresAt: credentials.expiresAt,
        refreshable: true,
        scopes: credentials.scopes,
        limits: null,
        facts: { did: current.did },
      },
      credentials,
    };
  },
  async refresh(account, credentials, _app, context) {
    const did = credentials.extra?.['did'] ?? account.facts['did'];
    const server = blueskyServerUrl(credentials.extra?.['service'] ?? account.serverUrl ?? '', context.allowInsecureServers);
    if (did === undefined || server === null || credentials.refreshToken === undefined || credentials.accessToken === undefined) {
      throw accountError('reconnect_needed', 'Spheres is missing part of this Bluesky sign-in, so it cannot be renewed. Connect again with an app password.');
    }
    const api = await loadAtproto();
    const session = new api.CredentialSession(server, atprotoFetch(context, server.host));
    try {
      // resumeSession always calls refreshSession, which rotates the refresh JWT (the old one stops working).
      await session.resumeSession({
        did,
        handle: credentials.extra?.['handle'] ?? account.handle.replace(/^@/, ''),
        accessJwt: credentials.accessToken,
        refreshJwt: credentials.refreshToken,
        active: true,
      });
    } catch (error) {
      throw refreshError(api, error);
    }
    const renewed = session.session;
    if (renewed === undefined) throw accountError('reconnect_needed', SESSION_ENDED);
    const next = credentialsFor(renewed, pdsOf(session, server, context.allowInsecureServers) ?? server, context);
    return { tokenExpiresAt: next.expiresAt, credentials: { ...credentials, ...next, extra: { ...credentials.extra, ...next.extra } } };
  },
  async revoke(account, credentials, _app, context) {
    const server = blueskyServerUrl(credentials.extra?.['service'] ?? account.serverUrl ?? '', context.allowInsecureServers);
    if (server === null || credentials.refreshToken === undefined) return;
    await endSession(await loadAtproto(), server, credentials.refreshToken, context);
  },
};
