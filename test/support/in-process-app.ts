import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSpheresApi, type SpheresApi } from '../../common/api';
import { openCore, type Core, type CorePorts } from '../../electron/core';
import { MemoryVault, type CredentialVault } from '../../electron/core/vault';

/** A settings store in memory, shaped like electron-store / conf. */
export function memorySettingsStore(initial: Record<string, unknown> = {}) {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    data,
    get: (key: 'settings') => data.get(key),
    set: (key: 'settings', value: unknown) => void data.set(key, value),
  };
}

export interface InProcessOptions {
  locale?: string;
  stored?: Record<string, unknown>;
  /** A data folder to reuse (a "restart"); a fresh temporary one by default. */
  dataDir?: string;
  now?: () => Date;
  vault?: CredentialVault;
  /** Where a sign-in page would open; by default the test fails loudly if one is opened. */
  openBrowser?: (url: string) => Promise<void>;
  accountsTesting?: CorePorts['accountsTesting'];
  /** How the media host is made from its settings and secret (an S3MediaHost by default). */
  mediaHostTesting?: CorePorts['mediaHostTesting'];
  /** Account metadata already on disk, as the accounts store would hold it. */
  accounts?: unknown[];
  /** The desktop app's open dialog: the archive the user picks, or null for Cancel. By default the test fails loudly if one opens. */
  chooseImportPath?: () => Promise<string | null>;
  /** The desktop app's open dialog of Settings → Import history (absent: the web host, where the page names the path). */
  chooseHistoryPath?: () => Promise<string | null>;
  /** The media host Threads and Instagram post images through (absent: none set up). */
  mediaHost?: CorePorts['mediaHost'];
  /** The desktop app's opening of an assisted post's folder or compose page (absent: the web host, which opens nothing). */
  openForPerson?: CorePorts['openForPerson'];
  /** Which host app.info names, with its platform: the web host on Linux by default. */
  host?: { transport: 'electron' | 'web'; platform: string };
  /** Client ids "built into" this run, as a build with SPHERES_X_CLIENT_ID carries; none by default. */
  builtInApps?: CorePorts['builtInApps'];
}

/**
 * fetch for tests: loopback only. A fake that names a real CDN (a profile picture) fails the way
 * an offline machine does instead of reaching out to the internet.
 */
export function loopbackOnlyFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const { hostname } = new URL(String(input));
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') {
    const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return Promise.reject(new TypeError('fetch failed', { cause }));
  }
  // Looked up on every call, so tests may spy on globalThis.fetch.
  return globalThis.fetch(input, init);
}

/** An accounts metadata store in memory, shaped like electron-store / conf. */
export function memoryAccountsStore(initial?: unknown) {
  let value: unknown = initial;
  return {
    get: (_key: 'accounts') => value,
    set: (_key: 'accounts', next: unknown) => {
      value = structuredClone(next);
    },
  };
}

/** The real core and router, on a real data folder, behind a `window.spheres` built from the contract. */
export async function inProcessApp(options: InProcessOptions = {}): Promise<{ core: Core; api: SpheresApi; dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'spheres-core-'));
  const core = await openCore({
    settingsStore: memorySettingsStore(options.stored),
    dataDir,
    systemLocale: options.locale ?? 'en-US',
    platform: options.host?.platform ?? 'linux',
    version: '0.1.0',
    transport: options.host?.transport ?? 'web',
    // As the web host does: its exports/ folder, made on first use.
    chooseExportPath: async (name) => {
      mkdirSync(path.join(dataDir, 'exports'), { recursive: true });
      return path.join(dataDir, 'exports', name);
    },
    chooseImportPath:
      options.chooseImportPath ??
      (async () => {
        throw new Error('this test did not expect a file dialog to open');
      }),
    ...(options.chooseHistoryPath === undefined ? {} : { chooseHistoryPath: options.chooseHistoryPath }),
    vault: options.vault ?? new MemoryVault(),
    accountsStore: memoryAccountsStore(options.accounts),
    fetch: loopbackOnlyFetch,
    openBrowser: options.openBrowser ?? (async (url) => {
      throw new Error(`this test did not expect a browser to open (${new URL(url).origin})`);
    }),
    ...(options.accountsTesting === undefined ? {} : { accountsTesting: options.accountsTesting }),
    ...(options.mediaHostTesting === undefined ? {} : { mediaHostTesting: options.mediaHostTesting }),
    ...(options.now === undefined ? {} : { now: options.now }),
    builtInApps: options.builtInApps ?? {},
    ...(options.mediaHost === undefined ? {} : { mediaHost: options.mediaHost }),
    ...(options.openForPerson === undefined ? {} : { openForPerson: options.openForPerson }),
  });
  const api = createSpheresApi({
    invoke: (method, input) => core.router.call(method, input),
    subscribe: (event, listener) =>
      core.events.subscribe((name, payload) => {
        if (name === event) listener(payload);
      }),
  });
  return { core, api, dataDir };
}
