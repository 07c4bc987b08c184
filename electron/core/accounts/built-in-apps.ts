import { SUGGESTED_REDIRECT_PORT } from '../../../common/accounts';
import type { AppNetwork } from '../../../common/domain';
import type { AppCredentials } from './connectors/types';

/*
 * Set at build time by electron-vite's `define` (electron.vite.config.ts, main process only) from
 * the environment variables SPHERES_X_CLIENT_ID and SPHERES_X_REDIRECT_PORT; absent in a build
 * without them, in the web host (run by tsx) and in tests. Only the main process holds the id: the
 * renderer learns no more than "this build has one" (AppCredentialsStatus.builtIn).
 */
declare const __SPHERES_X_CLIENT_ID__: string | undefined;
declare const __SPHERES_X_REDIRECT_PORT__: string | undefined;

/**
 * The client ids a build carries. Only X: it allows public clients with PKCE, so an id without a
 * secret can ship inside an app (https://docs.x.com/fundamentals/developer-apps, "Native App").
 * X compares the redirect address exactly, so the build's app registers one fixed port: the
 * given one, or the port the guide suggests. A malformed value is ignored rather than half-used.
 */
export function builtInAppsFrom(values: { xClientId?: string | undefined; xRedirectPort?: string | undefined }): Readonly<Partial<Record<AppNetwork, AppCredentials>>> {
  const clientId = values.xClientId?.trim() ?? '';
  if (!/^[\x21-\x7e]{1,300}$/.test(clientId)) return {};
  const rawPort = values.xRedirectPort?.trim() ?? '';
  const port = rawPort === '' ? SUGGESTED_REDIRECT_PORT : Number(rawPort);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) return {};
  return { x: { clientId, clientSecret: undefined, redirectPort: port } };
}

export const BUILT_IN_APPS = builtInAppsFrom({
  xClientId: typeof __SPHERES_X_CLIENT_ID__ === 'string' ? __SPHERES_X_CLIENT_ID__ : undefined,
  xRedirectPort: typeof __SPHERES_X_REDIRECT_PORT__ === 'string' ? __SPHERES_X_REDIRECT_PORT__ : undefined,
});
