import type { AppCheck, AppNetwork } from '../../../common/domain';
import { redirectAddress } from '../../../common/accounts';
import { AppError } from '../../../common/api';
import { INSTAGRAM_ENDPOINTS } from './connectors/instagram';
import { LINKEDIN_ENDPOINTS } from './connectors/linkedin';
import { metaErrorOf } from './connectors/meta';
import { THREADS_ENDPOINTS } from './connectors/threads';
import { mergeEndpoints, type AppCredentials, type Endpoints } from './connectors/types';
import { X_ENDPOINTS } from './connectors/x';
import { oauthErrorOf, requestJson, type FetchLike } from './oauth/http';
import { createPkce } from './oauth/pkce';

/**
 * "Test the app", before any sign-in and without a browser: Spheres redeems an authorization code
 * no network ever issued, with the app's id (and secret). A token endpoint authenticates the client
 * before it looks at the code (RFC 6749 §5.2: `invalid_client` for a client it cannot authenticate,
 * `invalid_grant` for a bad code), so the refusal says which part is wrong:
 * - X and LinkedIn answer RFC 6749 errors. `invalid_client`/`unauthorized_client` (or 401) means the
 *   id, or the id with that secret, is not accepted; `invalid_grant`/`invalid_request` about the code
 *   means the app was recognised. X's public clients (PKCE, no secret) have nothing secret to check:
 *   the answer only shows that X does not refuse the id (`checked: 'id_only'`); the redirect address
 *   and permissions are checked by X at the first sign-in.
 * - Threads and Instagram answer Meta's errors: code 101 "Invalid application ID" for an unknown app
 *   id, "Error validating client secret" for a wrong secret, and a complaint about the code (code
 *   100) once both are accepted. https://developers.facebook.com/docs/graph-api/guides/error-handling
 * No token can come of it, nothing is stored, and the secret is never put into a message.
 */

/** Not a code any network issued: the probe must be refused for the code, never accepted. */
const PROBE_CODE = 'spheres-test-the-app-not-an-authorization-code';

const PROBE_TIMEOUT_MS = 15_000;

const SERVER_NAMES: Readonly<Record<AppNetwork, string>> = { x: 'X', linkedin: 'LinkedIn', threads: 'Threads', instagram: 'Instagram' };

export interface AppCheckContext {
  fetch: FetchLike;
  /** Endpoint overrides for the network (tests point them at the loopback fakes). */
  endpoints: Endpoints;
  signal?: AbortSignal;
}

type Outcome = AppCheck['outcome'];

function tokenUrl(app: AppNetwork, overrides: Endpoints): string {
  switch (app) {
    case 'x':
      return `${mergeEndpoints(X_ENDPOINTS, overrides).api}/2/oauth2/token`;
    case 'linkedin':
      return mergeEndpoints(LINKEDIN_ENDPOINTS, overrides).token;
    case 'threads':
      return mergeEndpoints(THREADS_ENDPOINTS, overrides).token;
    case 'instagram':
      return mergeEndpoints(INSTAGRAM_ENDPOINTS, overrides).token;
  }
}

/** The code grant as each connector sends it, with the probe's code; X's confidential apps use Basic auth. */
function probeRequest(app: AppNetwork, credentials: AppCredentials): { headers: Record<string, string>; form: Record<string, string | undefined> } {
  const form: Record<string, string | undefined> = {
    grant_type: 'authorization_code',
    code: PROBE_CODE,
    redirect_uri: redirectAddress(credentials.redirectPort ?? null),
    code_verifier: createPkce().verifier,
    client_id: credentials.clientId,
  };
  if (app === 'x' && credentials.clientSecret !== undefined) {
    const basic = Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`).toString('base64');
    return { headers: { authorization: `Basic ${basic}` }, form: { ...form, client_id: undefined } };
  }
  return { headers: {}, form: { ...form, client_secret: credentials.clientSecret } };
}

/** RFC 6749 §5.2 answers (X, LinkedIn). */
function readOAuthAnswer(status: number, body: unknown, hasSecret: boolean): { outcome: Outcome; detail: string | null } {
  const oauth = oauthErrorOf(body);
  const detail = oauth === null ? `HTTP ${status}` : `${oauth.error}${oauth.description === null ? '' : `: ${oauth.description}`}`;
  if (status >= 500 || status === 429) return { outcome: 'unreachable', detail };
  if (oauth?.error === 'invalid_client' || oauth?.error === 'unauthorized_client' || status === 401) {
    return { outcome: hasSecret ? 'refused' : 'unknown_client', detail };
  }
  if (status === 400 && (oauth?.error === 'invalid_grant' || oauth?.error === 'invalid_request')) return { outcome: 'recognised', detail: null };
  return { outcome: 'unexpected', detail };
}

/** Meta's answers (Threads, Instagram), in either of its two error shapes. */
function readMetaAnswer(status: number, body: unknown): { outcome: Outcome; detail: string | null } {
  const meta = metaErrorOf(body);
  const detail = meta === null ? `HTTP ${status}` : `${meta.message ?? `HTTP ${status}`}${meta.code === null ? '' : ` (code ${meta.code})`}`;
  if (status >= 500 || status === 429) return { outcome: 'unreachable', detail };
  if (meta === null) return { outcome: 'unexpected', detail };
  if (meta.code === 101 || /application id|app id/i.test(meta.message ?? '')) return { outcome: 'unknown_client', detail };
  if (/client[ _]secret|app secret/i.test(meta.message ?? '')) return { outcome: 'wrong_secret', detail };
  if (status === 400) return { outcome: 'recognised', detail: null };
  return { outcome: 'unexpected', detail };
}

/** Asks the network's token endpoint about the app; every failure is an outcome, never a throw. */
export async function checkApp(app: AppNetwork, credentials: AppCredentials, source: AppCheck['source'], context: AppCheckContext): Promise<AppCheck> {
  const hasSecret = credentials.clientSecret !== undefined;
  const checked: AppCheck['checked'] = hasSecret ? 'id_and_secret' : 'id_only';
  const serverName = SERVER_NAMES[app];
  // A network that quoted the secret back must not carry it to the screen.
  const clean = (text: string | null): string | null => {
    if (text === null) return null;
    const secret = credentials.clientSecret;
    return (secret === undefined ? text : text.split(secret).join('…')).slice(0, 400);
  };
  const request = probeRequest(app, credentials);
  let answer: { status: number; body: unknown };
  try {
    answer = await requestJson(context.fetch, tokenUrl(app, context.endpoints), {
      serverName,
      headers: request.headers,
      form: request.form,
      timeoutMs: PROBE_TIMEOUT_MS,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
  } catch (error) {
    const message = error instanceof AppError ? error.message : `Spheres could not reach ${serverName}.`;
    return { app, outcome: 'unreachable', checked, source, detail: clean(message) };
  }
  const read = app === 'threads' || app === 'instagram' ? readMetaAnswer(answer.status, answer.body) : readOAuthAnswer(answer.status, answer.body, hasSecret);
  return { app, outcome: read.outcome, checked, source, detail: clean(read.detail) };
}
