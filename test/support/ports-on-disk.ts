import Conf from 'conf';
import type { CorePorts } from '../../electron/core';
import type { MemoryVault } from '../../electron/core/vault';

/**
 * The core's ports as the web host builds them over a data folder (electron/web/cli.ts): settings
 * and accounts in conf files, no dialogs, no browser. Tests that reopen a folder on disk share it.
 */
export function portsOnDisk(dataDir: string, options: { vault: MemoryVault; now: () => Date; recovered?: CorePorts['recovered'] }): CorePorts {
  const settings = new Conf<Record<string, unknown>>({ projectName: 'spheres', cwd: dataDir, configName: 'settings' });
  const accounts = new Conf<Record<string, unknown>>({ projectName: 'spheres', cwd: dataDir, configName: 'accounts' });
  return {
    settingsStore: { get: (key) => settings.get(key), set: (key, value) => settings.set(key, value) },
    accountsStore: { get: (key) => accounts.get(key), set: (key, value) => accounts.set(key, value) },
    dataDir,
    chooseExportPath: async () => null,
    chooseImportPath: async () => null,
    systemLocale: 'en-GB',
    platform: 'linux',
    version: '0.1.0',
    transport: 'web',
    vault: options.vault,
    openBrowser: async () => {
      throw new Error('no browser in this test');
    },
    now: options.now,
    ...(options.recovered === undefined ? {} : { recovered: options.recovered }),
  };
}
