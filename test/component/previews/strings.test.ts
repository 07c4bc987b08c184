import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../../common/networks';
import { FOLDS } from '../../../common/networks/folds';
import { da as danish } from '../../../renderer/src/i18n/da';
import { en as english } from '../../../renderer/src/i18n/en';

/** The previews' strings live in i18n/en.ts and da.ts as the `previews` group; test/component/i18n/i18n.test.ts checks them with the rest. */
function leaves(value: object, prefix = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, inner]): [string, string][] =>
    typeof inner === 'string' ? [[`${prefix}${key}`, inner]] : leaves(inner as object, `${prefix}${key}.`),
  );
}

const en = new Map(leaves(english.previews));
const da = new Map(leaves(danish.previews));

describe('the previews\' strings', () => {
  it('gives Danish every key English has', () => {
    expect([...da.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    for (const [key, text] of en) expect([key, placeholders(da.get(key)!)]).toEqual([key, placeholders(text)]);
  });

  it('translates every Danish string except formats and words both languages share', () => {
    const same = [...en].filter(([key, text]) => da.get(key) === text).map(([key]) => key);
    expect(same.sort()).toEqual(['actions.send', 'alt', 'moreImages', 'partCount', 'tonePrefix']);
  });

  it('gives the English fold labels exactly as FOLDS has them', () => {
    for (const network of NETWORKS) expect((english.previews.folds as Partial<Record<string, string>>)[network]).toBe(FOLDS[network]?.label);
  });
});
