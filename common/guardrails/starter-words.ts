/**
 * Terms that often mean inside information at a listed company, in English and Danish: the words
 * of a market-abuse training, not a legal list. Singular forms; the matcher adds the inflections.
 */
export const STARTER_WORDS: readonly string[] = [
  // English
  'acquisition',
  'acquire',
  'merger',
  'takeover',
  'tender offer',
  'guidance',
  'profit warning',
  'earnings',
  'insider',
  'inside information',
  'quarterly results',
  'annual results',
  'divestment',
  'restructuring',
  'layoff',
  'buyback',
  'dividend',
  // Danish
  'opkøb',
  'fusion',
  'overtagelse',
  'overtagelsestilbud',
  'nedjustering',
  'opjustering',
  'resultatforventning',
  'resultatforventninger',
  'forventninger',
  'regnskab',
  'kvartalsregnskab',
  'årsregnskab',
  'insiderviden',
  'intern viden',
  'frasalg',
  'omstrukturering',
  'fyringsrunde',
  'aktietilbagekøb',
  'udbytte',
];
