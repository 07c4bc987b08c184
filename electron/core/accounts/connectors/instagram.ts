import { INSTAGRAM_SCOPES } from '../../../../common/accounts';
import { accountError } from '../account-error';
import { META_REFRESH_MARGIN_MS, metaCredentials, metaTokenHost, profileIncomplete, readGraph, refreshLongLived, signInLongLived } from './meta';
import { accountIdFor, asRecord, mergeEndpoints, safeUrl, stringField, type Connector } from './types';

/**
 * Instagram API with Instagram Login (Business Login for Instagram), with the Instagram app id and
 * secret of the user's Meta app.
 * - https://developers.facebook.com/documentation/instagram-platform/instagram-api-with-instagram-login/business-login
 *   (www.instagram.com/oauth/authorize; POST api.instagram.com/oauth/access_token answers a one-hour
 *   token, the Instagram-scoped user id and the granted permissions; professional accounts only)
 * - https://developers.facebook.com/documentation/instagram-platform/reference/access_token (ig_exchange_token)
 * - https://developers.facebook.com/documentation/instagram-platform/reference/refresh_access_token (ig_refresh_token)
 * - https://developers.facebook.com/documentation/instagram-platform/reference/me and the IG User
 *   reference (user_id, username, name, account_type, profile_picture_url on graph.instagram.com)
 */
export const INSTAGRAM_ENDPOINTS = {
  authorize: 'https://www.instagram.com/oauth/authorize',
  token: 'https://api.instagram.com/oauth/access_token',
  graph: 'https://graph.instagram.com',
};

/** Read the profile and publish (the scope names that replaced business_* in January 2025; the guide shows the same list). */
export { INSTAGRAM_SCOPES };

/** Instagram lets apps publish only for professional accounts; PERSONAL is the third account_type. */
const PROFESSIONAL_ACCOUNT_TYPES = new Set(['BUSINESS', 'MEDIA_CREATOR']);


/** `permissions` comes as a comma-separated string (or a list); the granted scopes, if it says. */
function grantedScopes(value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const scopes = list.map((scope) => scope.trim()).filter(Boolean);
  return scopes.length === 0 ? undefined : scopes.slice(0, 50);
}

function notProfessional(handle: string, accountType: string | undefined): Error {
  if (accountType === undefined) {
    return accountError('auth_failed', `Instagram did not say whether ${handle} is a Business or Creator account, and Instagram only lets apps publish for those. Nothing was connected; try again later.`);
  }
  return accountError(
    'auth_failed',
    `${handle} is a personal Instagram account. Instagram only lets apps publish for Business or Creator accounts: switch it to a professional account in the Instagram app (Settings → Account type and tools), then connect again.`,
  );
}

export const instagramConnector: Connector<Record<string, never>> = {
  network: 'instagram',
  app: 'instagram',
  refreshMarginMs: META_REFRESH_MARGIN_MS,
  async connect(_input, appOrNull, context) {
    const endpoints = mergeEndpoints(INSTAGRAM_ENDPOINTS, context.endpoints);
    const { shortLived, longLived } = await signInLongLived('Instagram', endpoints, INSTAGRAM_SCOPES, appOrNull, context);
    const scopes = grantedScopes(shortLived.record['permissions']) ?? [...INSTAGRAM_SCOPES];
    const answer = await readGraph(new URL(`${endpoints.graph}/me?fields=user_id,username,name,account_type,profile_picture_url`), longLived.accessToken, 'Instagram', 'instagram_business_basic', context);
    const data = answer['data'];
    const me = Array.isArray(data) ? asRecord(data[0]) : answer;
    const userId = stringField(me, 'user_id') ?? stringField(me, 'id');
    const username = stringField(me, 'username');
    if (userId === undefined || username === undefined) throw profileIncomplete('Instagram');
    const handle = `@${username}`;
    const accountType = stringField(me, 'account_type')?.toUpperCase();
    // Nothing is stored yet: failing here leaves no account and no token in the keychain.
    if (accountType === undefined || !PROFESSIONAL_ACCOUNT_TYPES.has(accountType)) throw notProfessional(handle, accountType);
    const { credentials, tokenExpiresAt } = metaCredentials(longLived, context.now(), scopes);
    return {
      profile: {
        id: accountIdFor('instagram', userId),
        network: 'instagram',
        handle,
        displayName: stringField(me, 'name') ?? username,
        avatarUrl: safeUrl(stringField(me, 'profile_picture_url'), context.allowInsecureServers),
        serverUrl: null,
        tokenExpiresAt,
        refreshable: true,
        scopes,
        limits: null,
        facts: { userId, accountType },
      },
      credentials,
    };
  },
  async refresh(account, credentials, _app, context) {
    const endpoints = mergeEndpoints(INSTAGRAM_ENDPOINTS, context.endpoints);
    return refreshLongLived(metaTokenHost('Instagram', endpoints.graph), account, credentials, context);
  },
};
