import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { da } from '../../../renderer/src/i18n/da';

/** Every string in a nested table of strings, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => strings(inner, path === '' ? key : `${path}.${key}`));
}

const DANISH = strings(da, 'i18n');

/** The words Danish uses for one thing each: "kladde" for a draft, "Ønsket toneblanding" for the target mix. */
const NOT_OURS = [/udkast/i, /ønsket blanding/i];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('Danish wording', () => {
  it('says “kladde”, never “udkast”, and “Ønsket toneblanding”, never “Ønsket blanding”, in every Danish string', () => {
    expect(DANISH.length).toBeGreaterThan(200);
    const offending = DANISH.filter(([, text]) => NOT_OURS.some((word) => word.test(text))).map(([path, text]) => `${path}: ${text}`);
    expect(offending).toEqual([]);
  });

  it('has no stray Danish text with those words anywhere in the renderer', () => {
    const offending = sourceFiles(join(__dirname, '../../../renderer/src')).filter((file) => NOT_OURS.some((word) => word.test(readFileSync(file, 'utf8'))));
    expect(offending).toEqual([]);
  });

  it('calls the target mix the same in the calendar and in Settings', () => {
    expect(da.calendar.target.heading).toBe('Ønsket toneblanding');
    expect(da.calendar.targetMix.heading).toBe('Ønsket toneblanding');
  });
});
