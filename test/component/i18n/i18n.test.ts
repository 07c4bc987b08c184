import { describe, expect, it } from 'vitest';
import { da } from '../../../renderer/src/i18n/da';
import { en } from '../../../renderer/src/i18n/en';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'object' && inner !== null ? keys(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholders(value: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (node: object, prefix: string): void => {
    for (const [key, inner] of Object.entries(node)) {
      if (typeof inner === 'string') out[prefix + key] = [...inner.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();
      else walk(inner as object, `${prefix}${key}.`);
    }
  };
  walk(value, '');
  return out;
}

describe('translations', () => {
  it('gives Danish every key English has', () => {
    expect(keys(da).sort()).toEqual(keys(en).sort());
  });

  it('keeps the same placeholders in both languages', () => {
    expect(placeholders(da)).toEqual(placeholders(en));
  });

  it('translates every Danish string rather than copying the English', () => {
    const same = keys(en).filter((key) => {
      const pick = (source: object) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], source);
      return pick(en) === pick(da);
    });
    // Names and formats that are the same in both languages.
    // "private" is the Danish plural of "privat" too ("private opslag").
    expect(same.sort()).toEqual(['app.name', 'app.sectionShortcut', 'compose.counter', 'compose.tone', 'compose.tonesTaken.private', 'drafts.status', 'drafts.tone', 'settings.version']);
  });
});
