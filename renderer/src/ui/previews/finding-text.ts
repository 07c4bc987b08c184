import type { Finding, FindingCode } from '../../../../common/networks';
import { formatCount } from './format';

type Params = Readonly<Record<string, string | number>>;

const DA_UNITS: Readonly<Record<string, string>> = { 'weighted characters': 'vægtede tegn', graphemes: 'tegn', characters: 'tegn' };

/**
 * Danish wording of every finding the network rules give, from its code and params (the rules
 * write English sentences; the params carry everything a translation needs).
 */
const DA: Readonly<Record<FindingCode, (p: Params, n: (key: string) => string) => string>> = {
  empty: (p) => `Skriv noget, eller tilføj et billede, før du poster på ${p['network']}.`,
  over_limit: (p, n) =>
    `Opslaget er ${n('length')} ${DA_UNITS[String(p['unit'])] ?? p['unit']} langt, ${n('over')} over grænsen for ${p['network']} på ${n('limit')}: forkort den markerede del.`,
  thread: (p, n) => `${p['network']} tillader ${n('limit')} ${DA_UNITS[String(p['unit'])] ?? p['unit']} pr. opslag, så teksten udgives som en tråd på ${n('parts')} opslag. Vil du selv vælge, hvor et opslag slutter, så skriv --- på en linje for sig selv der.`,
  fixed_text_too_long: (p, n) =>
    `Indholdsadvarslen alene er ${n('fixed')} ${DA_UNITS[String(p['unit'])] ?? p['unit']}, længere end et opslag på ${p['network']} (${n('limit')}): forkort den.`,
  thread_room_too_small: (p, n) =>
    `Indholdsadvarslen og nummereringen efterlader kun ${n('room')} ${DA_UNITS[String(p['unit'])] ?? p['unit']} tekst i hvert opslag på ${p['network']}, så teksten ville blive en tråd af bittesmå opslag. Forkort indholdsadvarslen, eller slå nummereringen fra (mindst ${n('minimum')} ${DA_UNITS[String(p['unit'])] ?? p['unit']} tekst pr. opslag), eller forkort teksten, så den kan stå i ét opslag på ${n('limit')}.`,
  token_split: (p) => `Dette ord eller link er længere end ét opslag på ${p['network']}, så det deles midt over mellem to opslag: forkort det, eller tilføj mellemrum.`,
  split_marker_ignored: (p) => `${p['network']} udgiver ikke tråde: denne ---‑linje kommer med i opslaget, som den står. Fjern den, hvis den ikke skal med.`,
  control_character: (p) => `Fjern det usynlige kontroltegn ${p['character']}: netværk kan afvise opslaget eller fjerne tegnet.`,
  lone_surrogate: (p) => `Fjern det ødelagte tegn her (halvdelen af en emoji eller et symbol, ${p['character']}): det kan ikke udgives og ville blive vist som �.`,
  invalid_character: (p) => `${p['network']} godtager ikke tegnet ${p['character']}: fjern det.`,
  too_many_media: (p, n) =>
    `${p['network']} tager højst ${n('max')} billeder eller videoer pr. opslag; fjern ${formatDa(Number(p['count']) - Number(p['max']))} af de ${n('count')}.`,
  media_too_large: (p, n) =>
    `Billede ${p['index']} fylder ${n('bytes')} byte, og ${p['network']} tager højst ${n('max')} byte pr. billede: brug en mindre eller mere komprimeret fil.`,
  media_will_shrink: (p, n) =>
    `Billede ${p['index']} fylder ${n('bytes')} byte, og ${p['network']} tager højst ${n('max')} byte pr. billede: Spheres skalerer det ned, så det passer, når det udgives.`,
  media_required: (p) => `Opslag på ${p['network']} skal have mindst ét billede eller én video: tilføj et.`,
  alt_text_too_long: (p, n) => `Beskrivelsen af billede ${p['index']} er ${n('length')} tegn, og ${p['network']} tillader ${n('max')}: forkort den.`,
  alt_text_missing: (p) => `Billede ${p['index']} har ingen beskrivelse: tilføj en, så folk, der bruger skærmlæser, ved, hvad det viser.`,
  too_many_links: (p, n) => `${p['network']} afviser opslag med mere end ${n('max')} links: fjern dette link og dem efter det, eller flyt dem til et andet opslag.`,
  too_many_hashtags: (p, n) =>
    p['network'] === 'Threads'
      ? `Threads gør kun det første hashtag i et opslag til dets emne; de øvrige forbliver almindelig tekst.`
      : `${p['network']} afviser billedtekster med mere end ${n('max')} hashtags, og denne har ${n('count')}: fjern ${formatDa(Number(p['count']) - Number(p['max']))}.`,
  many_hashtags: (p, n) => `${p['network']} tillader nu ${n('max')} hashtags pr. opslag, og denne billedtekst har ${n('count')}: behold de ${n('max')}, der betyder mest.`,
  too_many_mentions: (p, n) => `${p['network']} tillader ${n('max')} @omtaler pr. billedtekst, og denne har ${n('count')}: fjern ${formatDa(Number(p['count']) - Number(p['max']))}.`,
  links_not_clickable: (p) => `Links i billedtekster på ${p['network']} kan ikke klikkes: henvis i stedet til linket i din bio.`,
  watched_word: (p) =>
    `»${p['found']}« er på dine overvågede ord${String(p['found']).toLowerCase() === String(p['word']).toLowerCase() ? '' : ` (${p['word']})`}: når du poster det, skal du bekræfte først.`,
};

function formatDa(n: number): string {
  return formatCount(n, 'da');
}

/** A finding in the UI language: the rules' own English sentence, or the Danish one from its params. */
export function findingText(finding: Finding, language: string): string {
  if (language !== 'da') return finding.message;
  const params = finding.params ?? {};
  const number = (key: string): string => {
    const value = params[key];
    return typeof value === 'number' ? formatDa(value) : String(value ?? '');
  };
  return DA[finding.code](params, number);
}
