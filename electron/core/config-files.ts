import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSettings } from '../../common/domain';
import { readableAccounts, storedAccountsValid } from './accounts';
import { repairSettings, storedSettingsValid } from './settings';
import { TEMP_MARKER, backupPath, readStoreFile, writeFileAtomic, type StoreRecovered } from './storage/atomic-file';
import { nodeStorageFs, type StorageFs } from './storage/fs-port';

/*
 * settings.json and accounts.json: written by electron-store in the app and by conf in the web
 * host, one key each. conf refuses to start on a file it cannot parse ("The config file … is not
 * valid JSON"), reads an emptied one as empty, and the services would quietly drop what does not
 * validate: a damaged file would stop the app or lose an account or a setting without a word.
 * So, before either store is made, each file is checked here as the posts store checks its own:
 * a bad one is set aside (`.corrupt-<time>`), its last good copy (`.bak1`) takes its place, or,
 * without one, what can still be read of it (the valid accounts, the valid settings fields), and
 * the person is told. After every change the file is copied to `.bak1` (keepConfigCopy), so the
 * copy always holds the last acknowledged change.
 */

interface ConfigFileRule {
  name: 'settings' | 'accounts';
  kind: 'settings' | 'accounts';
  valid(value: unknown): boolean;
  /** What can be kept of a value that is not valid. */
  salvage(value: unknown): unknown;
}

const RULES: readonly ConfigFileRule[] = [
  { name: 'settings', kind: 'settings', valid: storedSettingsValid, salvage: (value) => repairSettings(value, defaultSettings('en')) },
  { name: 'accounts', kind: 'accounts', valid: storedAccountsValid, salvage: readableAccounts },
];

function parseConfig(bytes: Buffer): Record<string, unknown> {
  // Editors may add a byte order mark; conf skips it, so does this.
  const document: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new Error('not a settings object');
  return document as Record<string, unknown>;
}

function decoderFor(rule: ConfigFileRule): (bytes: Buffer) => Record<string, unknown> {
  return (bytes) => {
    const document = parseConfig(bytes);
    if (Object.hasOwn(document, rule.name) && !rule.valid(document[rule.name])) throw new Error(`${rule.name} of the wrong shape`);
    return document;
  };
}

/**
 * Checks settings.json and accounts.json in `dataDir` before the stores open them; returns what
 * was repaired, for the core to tell the person (CorePorts.recovered).
 */
export async function repairConfigFiles(dataDir: string, options: { now: () => Date; fs?: StorageFs }): Promise<StoreRecovered[]> {
  const fs = options.fs ?? nodeStorageFs;
  const notices: StoreRecovered[] = [];
  for (const rule of RULES) {
    const file = path.join(dataDir, `${rule.name}.json`);
    const decode = decoderFor(rule);
    const found: StoreRecovered[] = [];
    const good = await readStoreFile(fs, file, decode, { backups: 1, now: options.now, onRecovered: (n) => found.push(n), canWrite: true });
    for (const notice of found) {
      let restoredFrom = notice.restoredFrom;
      if (good === null && notice.movedTo !== null) {
        // No good copy: keep what can still be read of the damaged file rather than start empty.
        const salvaged = salvage(await fs.readFile(notice.movedTo).catch(() => null), rule);
        if (salvaged !== null) {
          const body = JSON.stringify(salvaged, undefined, '\t');
          await writeFileAtomic(fs, file, body, { backups: 0 });
          restoredFrom = notice.movedTo;
        }
      }
      notices.push({ ...notice, restoredFrom, kind: rule.kind, postIds: [], lostPostIds: [], accountIds: [] });
    }
    // The copy follows the file: a store made before copies were kept gets its first one now.
    const bytes = await fs.readFile(file).catch(() => null);
    const copy = await fs.readFile(backupPath(file, 1)).catch(() => null);
    if (bytes !== null && (copy === null || !copy.equals(bytes))) {
      await writeFileAtomic(fs, backupPath(file, 1), bytes, { backups: 0 }).catch(() => undefined);
    }
  }
  return notices;
}

function salvage(bytes: Buffer | null, rule: ConfigFileRule): Record<string, unknown> | null {
  if (bytes === null) return null;
  try {
    const document = parseConfig(bytes);
    if (!Object.hasOwn(document, rule.name)) return null;
    return { ...document, [rule.name]: rule.salvage(document[rule.name]) };
  } catch {
    return null;
  }
}

/**
 * Copies `<name>.json` to `.bak1` after a change, so the copy holds the last acknowledged change.
 * Synchronous, as the stores' own writes are; only a file that validates becomes the copy. A copy
 * that fails (a full disk) is retried at the next change or start; the file itself is already saved.
 */
export function keepConfigCopy(dataDir: string, name: 'settings' | 'accounts'): void {
  const rule = RULES.find((candidate) => candidate.name === name);
  if (rule === undefined) return;
  const file = path.join(dataDir, `${name}.json`);
  const copy = backupPath(file, 1);
  try {
    const bytes = readFileSync(file);
    decoderFor(rule)(bytes);
    const tmp = `${copy}${TEMP_MARKER}${process.pid}-copy`;
    writeFileSync(tmp, bytes, { flush: true });
    renameSync(tmp, copy);
  } catch {
    // no file (a store kept in memory), or not one worth copying
  }
}
