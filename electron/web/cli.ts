import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { openCore } from '../core';
import { startWebHost } from './server';

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
  const settings = new Conf<Record<string, unknown>>({ projectName: 'spheres', cwd: dataDir, configName: 'settings' });
  const core = await openCore({
    settingsStore: { get: (key) => settings.get(key), set: (key, value) => settings.set(key, value) },
    dataDir,
    // No save dialog on the web host: exports go to the data folder's exports/ folder.
    chooseExportPath: async (name) => path.join(dataDir, 'exports', name),
    systemLocale: Intl.DateTimeFormat().resolvedOptions().locale,
    platform: process.platform,
    version: process.env.npm_package_version ?? '0.0.0',
    transport: 'web',
    log: { error: (message, details) => console.error(`[core] ${message}`, details) },
  });
  const host = await startWebHost({ core, rendererDir, token: randomBytes(32).toString('base64url'), port });
  console.log(`Spheres web host: ${host.url}`);
  console.log(`Data folder: ${dataDir}`);
  const stop = (): void => {
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Spheres web host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
