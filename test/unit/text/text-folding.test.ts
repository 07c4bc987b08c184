import { describe, expect, it } from 'vitest';
import { foldBare, foldForSearch, matchesSearch, searchForms, searchWords } from '../../../common/text';

describe('folding text for search', () => {
  it('lets å and aa, æ and ae, ø and oe find each other, in either case', () => {
    expect(foldForSearch('Århus')).toBe(foldForSearch('Aarhus'));
    expect(foldForSearch('ÆBLE')).toBe(foldForSearch('aeble'));
    expect(foldForSearch('Smørrebrød')).toBe(foldForSearch('smoerrebroed'));
    expect(foldForSearch('Smørrebrød')).toBe('smoerrebroed');
  });

  it('drops accents, so é finds e and ü finds u', () => {
    expect(foldForSearch('Café Crème')).toBe('cafe creme');
    expect(foldForSearch('Über')).toBe('uber');
  });

  it('spells out ß and unifies ligatures and full-width letters', () => {
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('ﬁnd ＡＢＣ')).toBe('find abc');
  });

  it('folds a decomposed å (a plus ring) like a composed one', () => {
    expect(foldForSearch('a\u030Arhus')).toBe('aarhus');
    expect(foldForSearch('\u00C5rhus')).toBe('aarhus');
  });

  it('has a bare form for letters typed without å, æ and ø', () => {
    expect(foldBare('Smørrebrød på Ærø')).toBe('smorrebrod pa aro');
  });

  it('splits a search into folded words and ignores extra space', () => {
    expect(searchWords('  Blåbær   TÆRTE ').map((word) => word.spelled)).toEqual(['blaabaer', 'taerte']);
    expect(searchWords('   ')).toEqual([]);
  });

  it('matches every spelling of a Danish word, and needs every word of the search', () => {
    const text = searchForms('Smørrebrød på Ærø i Århus');
    for (const search of ['smørrebrød', 'smoerrebroed', 'smorrebrod', 'AEROE', 'aro', 'aarhus', 'arhus', 'århus paa']) {
      expect(matchesSearch(text, searchWords(search)), search).toBe(true);
    }
    expect(matchesSearch(text, searchWords('århus odense'))).toBe(false);
    expect(matchesSearch(searchForms('Smorrebrod'), searchWords('smørrebrød'))).toBe(true);
    expect(matchesSearch(searchForms('Aarhus'), searchWords('Århus'))).toBe(true);
  });
});
