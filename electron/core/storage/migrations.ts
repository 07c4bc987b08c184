/**
 * One step forward: takes a document of version N (as read from disk, unvalidated) and returns the
 * same data in the shape of version N+1. Pure, so each step has a test of its own.
 */
export type Migration = (document: unknown) => unknown;

/** Index i migrates version i to version i+1, so the current version is the list's length. */
export type MigrationList = readonly Migration[];

export function currentVersion(migrations: MigrationList): number {
  return migrations.length;
}

/** A document without `schemaVersion` predates versioning: version 0. */
export function versionOf(document: unknown): number {
  if (typeof document !== 'object' || document === null || !('schemaVersion' in document)) return 0;
  const version = (document as { schemaVersion: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new TypeError(`schemaVersion must be a whole number, found ${JSON.stringify(version)}`);
  }
  return version;
}

export type Migrated = { kind: 'current'; document: unknown; fromVersion: number } | { kind: 'newer'; document: unknown; version: number };

/**
 * Brings a document up to the current version. A document from a newer app comes back untouched
 * as `newer`: the caller may still read it if it validates, but must never write it back.
 */
export function migrate(document: unknown, migrations: MigrationList): Migrated {
  const target = currentVersion(migrations);
  const version = versionOf(document);
  if (version > target) return { kind: 'newer', document, version };
  let result = document;
  for (let v = version; v < target; v++) {
    const step = migrations[v];
    if (step === undefined) throw new Error(`no migration from version ${v}`);
    result = step(result);
  }
  return { kind: 'current', document: result, fromVersion: version };
}
