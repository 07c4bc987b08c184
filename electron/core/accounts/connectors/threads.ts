import { THREADS_SCOPES } from '../../../../common/accounts';
import { META_REFRESH_MARGIN_MS, metaCredentials, metaTokenHost, profileIncomplete, readGraph, refreshLongLived, signInLongLived } from './meta';
import { accountIdFor, mergeEndpoints, safeUrl, stringField, type Connector } from './types';

/**
 * Threads API, with the Threads app id and secret of the user's Meta app.
 * - https://developers.facebook.com/documentation/threads/get-started/get-access-tokens-and-permissions
 *   (the Authorization Window at threads.com/oauth/authorize with comma-separated scopes; POST
 *   graph.threads.net/oauth/access_token answers a one-hour token and the user id)
 * - https://developers.facebook.com/docs/threads/get-started/long-lived-tokens/
 *   (GET /access_token with th_exchange_token: 60 days; GET /refresh_access_token with th_refresh_token)
 * - https://developers.facebook.com/docs/threads/threads-profiles (GET /v1.0/me?fields=id,username,…)
 */
export const THREADS_ENDPOINTS = {
  authorize: 'https://threads.com/oauth/authorize',
  token: 'https://graph.threads.net/oauth/access_token',
  graph: 'https://graph.threads.net',
};

/** Read the profile (required by every endpoint) and publish (the guide shows the same list). */
export { THREADS_SCOPES };


export const threadsConnector: Connector<Record<string, never>> = {
  network: 'threads',
  app: 'threads',
  refreshMarginMs: META_REFRESH_MARGIN_MS,
  async connect(_input, appOrNull, context) {
    const endpoints = mergeEndpoints(THREADS_ENDPOINTS, context.endpoints);
    const { longLived } = await signInLongLived('Threads', endpoints, THREADS_SCOPES, appOrNull, context);
    const me = await readGraph(new URL(`${endpoints.graph}/v1.0/me?fields=id,username,name,threads_profile_picture_url`), longLived.accessToken, 'Threads', 'threads_basic', context);
    const id = stringField(me, 'id');
    const username = stringField(me, 'username');
    if (id === undefined || username === undefined) throw profileIncomplete('Threads');
    const scopes = [...THREADS_SCOPES];
    const { credentials, tokenExpiresAt } = metaCredentials(longLived, context.now(), scopes);
    return {
      profile: {
        id: accountIdFor('threads', id),
        network: 'threads',
        handle: `@${username}`,
        displayName: stringField(me, 'name') ?? username,
        avatarUrl: safeUrl(stringField(me, 'threads_profile_picture_url'), context.allowInsecureServers),
        serverUrl: null,
        tokenExpiresAt,
        refreshable: true,
        scopes,
        limits: null,
        facts: { userId: id },
      },
      credentials,
    };
  },
  async refresh(account, credentials, _app, context) {
    const endpoints = mergeEndpoints(THREADS_ENDPOINTS, context.endpoints);
    return refreshLongLived(metaTokenHost('Threads', endpoints.graph), account, credentials, context);
  },
};
