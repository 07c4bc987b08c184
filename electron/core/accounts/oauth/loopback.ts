import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountError } from '../account-error';

export interface LoopbackOptions {
  /** The `state` sent with the authorization request; a callback with another is refused. */
  expectedState: string;
  timeoutMs: number;
  /** Path of the redirect URI; any other path answers 404 and does not end the wait. */
  path?: string;
  signal?: AbortSignal;
  /** Shown in the error messages: "X", "Mastodon (mastodon.social)". */
  networkName: string;
  /** A fixed port (a network that compares redirect addresses exactly); 0 = the OS picks. */
  port?: number;
}

export interface LoopbackListener {
  /** http://127.0.0.1:<ephemeral port>/callback, as RFC 8252 §7.3 describes. */
  redirectUri: string;
  /** Resolves with the authorization code; rejects with a clear AppError. Settles once. */
  code: Promise<string>;
  close(): void;
}

const PAGE_STYLE = 'font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5;color:#1f2937';

function page(title: string, body: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escape(title)}</title><body style="${PAGE_STYLE}"><h1>${escape(title)}</h1><p>${escape(body)}</p></body></html>`;
}

/**
 * The one-shot loopback redirect listener of RFC 8252 §7.3: bound to 127.0.0.1 (never all
 * interfaces) on a port the OS picks, it takes exactly one callback on its path, checks `state`,
 * answers the browser with a short page, and closes. It also closes on timeout or cancel.
 */
export async function startLoopback(options: LoopbackOptions): Promise<LoopbackListener> {
  const callbackPath = options.path ?? '/callback';
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may stop listening before awaiting; the rejection is still delivered to whoever awaits.
  code.catch(() => {});
  let done = false;
  const server = createServer((request, response) => handle(request, response));
  const finish = (outcome: { code: string } | { error: Error }): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.close();
    // Keep-alive sockets would keep the port open after close(); the browser has its answer already.
    server.closeAllConnections();
    if ('code' in outcome) settle?.resolve(outcome.code);
    else settle?.reject(outcome.error);
  };

  function respond(response: ServerResponse, status: number, title: string, body: string): void {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'referrer-policy': 'no-referrer',
      connection: 'close',
    });
    response.end(page(title, body));
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== callbackPath || done) {
      respond(response, 404, 'Not found', 'This address is only used to finish connecting an account to Spheres.');
      return;
    }
    const params = url.searchParams;
    const state = params.get('state');
    if (state !== options.expectedState) {
      respond(response, 400, 'Sign-in not accepted', 'This sign-in did not come from the connect attempt Spheres started, so it was refused. Start connecting again from Spheres.');
      finish({
        error: accountError(
          'auth_state_mismatch',
          `${options.networkName} sent back a sign-in that does not match the one Spheres started (the "state" check failed), so Spheres refused it. Nothing was connected. Start connecting again; if this keeps happening, another program may be interfering with the sign-in.`,
        ),
      });
      return;
    }
    const error = params.get('error');
    if (error !== null) {
      const description = params.get('error_description')?.slice(0, 300);
      respond(response, 200, 'Not connected', 'Spheres was not given access. You can close this tab.');
      finish({
        error:
          error === 'access_denied'
            ? accountError('auth_denied', `You declined access on ${options.networkName}, so the account was not connected. Connect again and choose Allow (or Authorize) to use it in Spheres.`)
            : accountError(
                'auth_failed',
                `${options.networkName} did not grant access (${error}${description ? `: ${description}` : ''}). Nothing was connected; check the app settings on ${options.networkName} and try again.`,
              ),
      });
      return;
    }
    const authorizationCode = params.get('code');
    if (authorizationCode === null || authorizationCode === '') {
      respond(response, 400, 'Not connected', 'The sign-in came back without a code. Start connecting again from Spheres.');
      finish({ error: accountError('auth_failed', `${options.networkName} came back without an authorization code. Nothing was connected; try again.`) });
      return;
    }
    respond(response, 200, 'Connected', 'You can close this tab and go back to Spheres.');
    finish({ code: authorizationCode });
  }

  const onAbort = (): void =>
    finish({ error: accountError('auth_cancelled', `Connecting ${options.networkName} was cancelled. Nothing was connected.`) });
  const timer = setTimeout(
    () =>
      finish({
        error: accountError(
          'auth_timeout',
          `Spheres waited ${Math.round(options.timeoutMs / 60_000) || 1} minute(s) for you to finish signing in to ${options.networkName} in the browser, then stopped waiting. Nothing was connected; connect again when you are ready.`,
        ),
      }),
    options.timeoutMs,
  );
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted === true) onAbort();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    finish({ error: accountError('auth_cancelled', 'The sign-in listener could not start.') });
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    throw accountError(
      'auth_failed',
      code === 'EADDRINUSE'
        ? `Port ${options.port} on 127.0.0.1, which your ${options.networkName} app uses for its redirect address, is in use by another program. Close that program, or register another port in your ${options.networkName} app and in Settings → Network apps, then try again.`
        : `Spheres could not listen for the ${options.networkName} sign-in on 127.0.0.1 (${code || 'unknown error'}). Nothing was connected; try again.`,
    );
  }
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${callbackPath}`, code, close: () => finish({ error: accountError('auth_cancelled', `Connecting ${options.networkName} was cancelled.`) }) };
}
