import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import Conf from 'conf';
import { z } from 'zod';
import { AppError } from '../../common/api';
import { openCore, repairConfigFiles } from '../core';
import { followRedirects } from '../core/accounts/oauth/follow-redirects';
import { KeytarVault, MemoryVault, type CredentialVault } from '../core/vault';
import { startWebHost } from './server';

/**
 * Test hooks, as JSON in SPHERES_TEST_ACCOUNTS: network endpoints pointed at loopback fakes, and
 * `browser: "follow"` to play a user who approves every sign-in (the page is fetched and its
 * redirects followed, ending at the app's loopback listener). Never set in the desktop app.
 */
const TestAccountsSchema = z
  .object({
    endpoints: z.record(z.string(), z.record(z.string(), z.string().url())).optional(),
    allowInsecureServers: z.boolean().optional(),
    authTimeoutMs: z.number().int().positive().optional(),
    browser: z.enum(['system', 'follow']).optional(),
  })
  .strict();

/** How long a stop waits for open pages to save what they hold. */
const PAGE_FLUSH_DEADLINE_MS = 2_000;

/** The system browser, as the desktop app's shell.openExternal would use it. */
async function openSystemBrowser(url: string): Promise<void> {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  console.log(`Sign-in page: ${new URL(url).origin} (opening your browser)`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

function chooseVault(): CredentialVault {
  // SPHERES_VAULT=memory keeps secrets in memory (for machines without a keychain); the keychain otherwise.
  if (process.env.SPHERES_VAULT === 'memory') return new MemoryVault();
  const service = process.env.SPHERES_KEYCHAIN_SERVICE;
  return new KeytarVault({ platform: process.platform, ...(service === undefined || service === '' ? {} : { service }) });
}

/**
 * `npm run start:web`: the core and the built renderer on loopback, for development and for the
 * end-to-end tests. PORT picks the port (default: a free one); SPHERES_DATA_DIR the data folder
 * (default: a fresh temporary folder).
 */
async function main(): Promise<void> {
  const dataDir = process.env.SPHERES_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'spheres-web-'));
  mkdirSync(dataDir, { recursive: true });
  const port = Number.parseInt(process.env.PORT ?? '0', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number from 0 to 65535, not "${process.env.PORT}".`);
  }
  const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
  // Before conf reads them: a damaged settings or accounts file is set aside and restored, not a refusal to start.
  const recovered = await repairConfigFiles(dataDir, { now: () => new Date() });
  const settings = new Conf<Record<string, unknown>>({ projectName: 'spheres', cwd: dataDir, configName: 'settings' });
  const accountsFile = new Conf<Record<string, unknown>>({ projectName: 'spheres', cwd: dataDir, configName: 'accounts' });
  const testAccounts = process.env.SPHERES_TEST_ACCOUNTS === undefined ? undefined : TestAccountsSchema.parse(JSON.parse(process.env.SPHERES_TEST_ACCOUNTS));
  if (testAccounts !== undefined) console.log('Accounts test hooks are on (SPHERES_TEST_ACCOUNTS): networks may be loopback fakes.');
  const core = await openCore({
    settingsStore: { get: (key) => settings.get(key), set: (key, value) => settings.set(key, value) },
    dataDir,
    // No save dialog on the web host: exports go to the data folder's exports/ folder, made on first use.
    chooseExportPath: async (name) => {
      const folder = path.join(dataDir, 'exports');
      await mkdir(folder, { recursive: true });
      return path.join(folder, name);
    },
    // No open dialog either: the page's bridge picks the file and uploads it to /api/upload/library.
    chooseImportPath: async () => {
      throw new AppError('invalid_input', 'On the web host the page uploads the archive (POST /api/upload/library); there is no file dialog to open.');
    },
    systemLocale: Intl.DateTimeFormat().resolvedOptions().locale,
    platform: process.platform,
    version: process.env.npm_package_version ?? '0.0.0',
    transport: 'web',
    vault: chooseVault(),
    accountsStore: { get: (key) => accountsFile.get(key), set: (key, value) => accountsFile.set(key, value) },
    recovered,
    openBrowser: testAccounts?.browser === 'follow' ? followRedirects : openSystemBrowser,
    ...(testAccounts === undefined
      ? {}
      : {
          accountsTesting: {
            ...(testAccounts.endpoints === undefined ? {} : { endpoints: testAccounts.endpoints }),
            ...(testAccounts.allowInsecureServers === undefined ? {} : { allowInsecureServers: testAccounts.allowInsecureServers }),
            ...(testAccounts.authTimeoutMs === undefined ? {} : { authTimeoutMs: testAccounts.authTimeoutMs }),
          },
        }),
    log: { error: (message, details) => console.error(`[core] ${message}`, details) },
  });
  core.accounts.start();
  // Sends what is due (a post missed while closed, beyond the grace window, waits for the person).
  void core.outbox.start();
  // Each printed address opens one tab, once; after a use the next one is printed for another tab.
  const host = await startWebHost({
    core,
    rendererDir,
    token: randomBytes(32).toString('base64url'),
    port,
    onAddressUsed: () => console.log(`Next one-time address (for another tab or browser): ${host.newAddress()}`),
  });
  console.log(`Spheres web host: ${host.url}`);
  console.log(`Data folder: ${dataDir}`);
  // One stop, however many signals: conf's file writer (atomically, through when-exit) re-sends
  // the signal it caught, and an impatient user presses Ctrl-C twice. A second stop that exited
  // at once would cut the final fold of the posts in half and leave a partial temporary file.
  let stopping: Promise<never> | null = null;
  const stop = (): void => {
    stopping ??= (async () => {
      console.log('Stopping: saving what is pending…');
      try {
        // Open pages send what their autosave still holds (the last second of typing) first.
        if (host.openPages > 0) await core.requestFlush(PAGE_FLUSH_DEADLINE_MS);
        await host.close();
        await core.close();
        process.exit(0);
      } catch (error) {
        console.error(`Spheres web host could not save everything before stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Spheres web host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
