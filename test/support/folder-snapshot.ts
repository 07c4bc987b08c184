import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every file under `root` (relative path → sha256 of its bytes): compare two to see exactly what a write changed. */
export function snapshotFolder(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
  }
  return files;
}

/** The files added, removed or changed between two snapshots, sorted. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/** The changed files that are not `own`: what a write changed beyond what it names (should be none). */
export function changedBeyond(before: Map<string, string>, after: Map<string, string>, own: (name: string) => boolean): string[] {
  return changedFiles(before, after).filter((name) => !own(name));
}
