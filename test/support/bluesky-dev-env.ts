import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';

/** A real Bluesky PDS and PLC directory (@atproto/dev-env, no app view) on 127.0.0.1, with one account. */
export interface BlueskyDevEnv {
  /** As the account's DID document names it: http://localhost:<port>. */
  pdsUrl: string;
  /** The PDS at its IPv4 loopback address, for callers that must not depend on how "localhost" resolves. */
  pdsLoopbackUrl: string;
  handle: string;
  email: string;
  did: string;
  /** An app password made for this account at start; revoke it only in a test that makes its own. */
  appPassword: string;
  /** The account's own (main) password, which Spheres must refuse to keep. */
  mainPassword: string;
  /** Where the PDS and the PLC directory listen. */
  listening: { pds: AddressInfo; plc: AddressInfo };
  /** How long TestNetworkNoAppView.create took, in milliseconds. */
  startMs: number;
  createAppPassword(name: string): Promise<string>;
  revokeAppPassword(name: string): Promise<void>;
  /** `com.atproto.server.getSession` with an access JWT: the account's DID when the token works. */
  sessionDid(accessJwt: string): Promise<string>;
  /** `com.atproto.server.refreshSession` with a refresh JWT; rejects with the XRPC error when it is dead. */
  refreshWith(refreshJwt: string): Promise<void>;
  close(): Promise<void>;
}

async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type Listen = typeof net.Server.prototype.listen;

/**
 * dev-env's servers call `listen(port)`, which binds every interface. While they start, a listen
 * without a host gets 127.0.0.1 instead; nothing else in the process is affected afterwards.
 */
async function withLoopbackListen<T>(start: () => Promise<T>): Promise<T> {
  const original: Listen = net.Server.prototype.listen;
  const loopbackListen = function (this: net.Server, ...args: unknown[]) {
    const [first, second] = args;
    if ((typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) && typeof second !== 'string') {
      args.splice(1, 0, '127.0.0.1');
    } else if (typeof first === 'object' && first !== null && !('path' in first) && (first as net.ListenOptions).host === undefined) {
      args[0] = { ...first, host: '127.0.0.1' };
    }
    return (original as (...rest: unknown[]) => net.Server).apply(this, args);
  };
  net.Server.prototype.listen = loopbackListen as Listen;
  try {
    return await start();
  } finally {
    net.Server.prototype.listen = original;
  }
}

function addressOf(server: { address(): AddressInfo | string | null } | undefined, name: string): AddressInfo {
  const address = server?.address();
  if (address === null || address === undefined || typeof address === 'string') throw new Error(`${name} is not listening on a TCP port`);
  return address;
}

/**
 * Starts the network in a temporary folder (dev-env writes under os.tmpdir(), and reads it when
 * first imported, so TMPDIR is set before the import and restored on close). Any failure is
 * thrown with its reason: a test that needs this server must fail, not skip, without it.
 */
export async function startBlueskyDevEnv(options: { handle?: string; email?: string } = {}): Promise<BlueskyDevEnv> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'spheres-bluesky-'));
  const previousTmp = process.env['TMPDIR'];
  process.env['TMPDIR'] = folder;
  const restore = (): void => {
    if (previousTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previousTmp;
    rmSync(folder, { recursive: true, force: true });
  };

  let network: TestNetworkNoAppView | undefined;
  try {
    const { TestNetworkNoAppView } = await import('@atproto/dev-env');
    const [pdsPort, plcPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
    const started = performance.now();
    network = await withLoopbackListen(() =>
      TestNetworkNoAppView.create({
        // bsky.social sends the DID document with each session; the dev PDS only when asked.
        pds: { port: pdsPort, hostname: 'localhost', enableDidDocWithSession: true },
        plc: { port: plcPort },
      }),
    );
    const startMs = Math.round(performance.now() - started);
    const listening = { pds: addressOf(network.pds.server.server, 'The PDS'), plc: addressOf(network.plc.server.server, 'The PLC directory') };
    const pdsUrl = network.pds.url;
    const pdsLoopbackUrl = `http://127.0.0.1:${pdsPort}`;

    const handle = options.handle ?? 'alice.test';
    const email = options.email ?? 'alice@example.test';
    const password = `main-${crypto.randomUUID()}`;
    const owner = new AtpAgent({ service: pdsLoopbackUrl });
    const account = await owner.createAccount({ handle, email, password });

    const createAppPassword = async (name: string): Promise<string> => (await owner.com.atproto.server.createAppPassword({ name })).data.password;
    const appPassword = await createAppPassword('Spheres');
    const running = network;
    return {
      pdsUrl,
      pdsLoopbackUrl,
      handle,
      email,
      did: account.data.did,
      appPassword,
      mainPassword: password,
      listening,
      startMs,
      createAppPassword,
      revokeAppPassword: async (name) => {
        await owner.com.atproto.server.revokeAppPassword({ name });
      },
      sessionDid: async (accessJwt) => {
        const agent = new AtpAgent({ service: pdsLoopbackUrl });
        const response = await agent.com.atproto.server.getSession(undefined, { headers: { authorization: `Bearer ${accessJwt}` } });
        return response.data.did;
      },
      refreshWith: async (refreshJwt) => {
        const agent = new AtpAgent({ service: pdsLoopbackUrl });
        await agent.com.atproto.server.refreshSession(undefined, { headers: { authorization: `Bearer ${refreshJwt}` } });
      },
      close: async () => {
        try {
          await running.close();
        } finally {
          restore();
        }
      },
    };
  } catch (error) {
    await network?.close().catch(() => {});
    restore();
    throw new Error(`The local Bluesky PDS (@atproto/dev-env) could not start on 127.0.0.1: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
