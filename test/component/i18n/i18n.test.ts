import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n';
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
      // "{{count, number}}" is the placeholder count with i18next's number format.
      if (typeof inner === 'string') out[prefix + key] = [...inner.matchAll(/\{\{(\w+)(, *\w+)?\}\}/g)].map((match) => `${match[1] ?? ''}${match[2] ?? ''}`).sort();
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
    expect(same.sort()).toEqual([
      'app.name', 'app.sectionShortcut',
      'calendar.chipPrefix', 'calendar.dayLabel', 'calendar.legend.weekend', 'calendar.more', 'calendar.scope', 'calendar.statusLabel', 'calendar.target.tone',
      'calendar.targetMix.value', 'calendar.toneCount.private_other', 'calendar.tonePredicate.private', 'calendar.toneShare', 'calendar.weekRange',
      'compose.counter', 'compose.tone', 'compose.tonesTaken.private', 'drafts.status', 'drafts.tone',
      'history.fromTo', 'history.summaryTitle',
      'previews.actions.send', 'previews.alt', 'previews.moreImages', 'previews.partCount', 'previews.tonePrefix',
      'settings.version',
    ]);
  });

  it('keeps the calendar, the previews and the error sentences in the one language system', () => {
    for (const group of ['calendar', 'previews', 'errors'] as const) {
      expect(keys(en[group]).length, group).toBeGreaterThan(10);
      expect(keys(da[group]).sort(), group).toEqual(keys(en[group]).sort());
    }
  });

  it('has both plural forms of every counted phrase, and i18next picks each in both languages', () => {
    const counted = [...new Set(keys(en).filter((key) => /_(one|other)$/.test(key)).map((key) => key.replace(/_(one|other)$/, '')))];
    expect(counted).toEqual(expect.arrayContaining(['calendar.posts', 'calendar.toneCount.private', 'calendar.untonedCount', 'drafts.found']));
    for (const language of ['en', 'da'] as const) {
      const all = new Set(keys(language === 'en' ? en : da));
      const i18n = createI18n(language);
      for (const base of counted) {
        expect(all.has(`${base}_one`) && all.has(`${base}_other`), `${language}: ${base}_one and _other`).toBe(true);
        // recoveredAccounts also names the accounts.
        const form = (key: string, count: number) => i18n.t(key as 'drafts.found', { count, accounts: 'A' });
        expect(form(base, 1), `${language}: ${base} for 1`).toBe(form(`${base}_one`, 1));
        expect(form(base, 2), `${language}: ${base} for 2`).toBe(form(`${base}_other`, 2));
      }
    }
  });

  it('writes counts in the language’s digit grouping', () => {
    expect(createI18n('da').t('calendar.posts', { count: 1234 })).toBe('1.234 opslag');
    expect(createI18n('en').t('calendar.posts', { count: 1234 })).toBe('1,234 posts');
  });
});
