import type * as AtprotoApi from '@atproto/api';
import type { Credentials } from '../../vault';
import { classifyTransportError, PublishFailure } from '../publish-failure';

/** How long one request to the PDS may take before its outcome counts as unknown. */
export const BLUESKY_REQUEST_TIMEOUT_MS = 30_000;

export interface BlueskyAgentOptions {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

interface Signed {
  accessToken: string;
  agent: AtprotoApi.Agent;
}

/**
 * One Agent per account, reused for every post while its access token stays the same: no login
 * per post. The token comes from AccountsService.credentialsFor (which renews it before it
 * expires); this class never signs in or refreshes by itself, so the stored refresh token is never
 * rotated behind the accounts service's back.
 */
export class BlueskyAgents {
  readonly #agents = new Map<string, Signed>();

  constructor(
    readonly api: typeof AtprotoApi,
    readonly options: BlueskyAgentOptions,
  ) {}

  agentFor(accountId: string, credentials: Credentials): { agent: AtprotoApi.Agent; did: string } {
    const did = credentials.extra?.['did'];
    const service = credentials.extra?.['service'];
    const accessToken = credentials.accessToken;
    if (did === undefined || service === undefined || accessToken === undefined) {
      throw new PublishFailure('reconnect', 'reconnect_needed', 'Spheres is missing part of this Bluesky sign-in. Connect the account again; its posts wait until then.');
    }
    const cached = this.#agents.get(accountId);
    if (cached?.accessToken === accessToken) return { agent: cached.agent, did };
    const agent = new this.api.Agent({ did, fetchHandler: this.#fetchHandler(new URL(service), accessToken) });
    this.#agents.set(accountId, { accessToken, agent });
    return { agent, did };
  }

  #fetchHandler(service: URL, accessToken: string) {
    const { fetch, timeoutMs } = this.options;
    return async (url: string, init: RequestInit): Promise<Response> => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${accessToken}`);
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        // No redirects: a redirect could carry the token elsewhere.
        return await fetch(new URL(url, service), { ...init, headers, signal: timeout, redirect: 'error' });
      } catch (error) {
        throw classifyTransportError(error, 'Bluesky', timeout.aborted);
      }
    };
  }
}
