import type { Messages } from './en';

/** Danish UI strings: Danish is the first user's language. */
export const da: Messages = {
  app: {
    name: 'Spheres',
    tagline: 'Én person, alle netværk',
    skipToContent: 'Spring til indhold',
    navigation: 'Sektioner',
    loadFailed: 'Spheres kunne ikke indlæse sine indstillinger: {{message}}',
  },
  sections: {
    compose: 'Skriv',
    calendar: 'Kalender',
    outbox: 'Udbakke',
    accounts: 'Konti',
    settings: 'Indstillinger',
  },
  compose: {
    title: 'Skriv',
    emptyTitle: 'Skriv én gang, som én person',
    emptyBody:
      'Her kommer editoren: én tekst, en tone — privat, blandet eller professionel — og en tro forhåndsvisning for hvert netværk, du vælger.',
  },
  calendar: {
    title: 'Tonekalender',
    emptyTitle: 'Der er ingen opslag i kalenderen endnu',
    emptyBody:
      'Dine opslag vises her dag for dag, farvet efter tone, med blandingen af privat, blandet og professionel for hver uge og måned.',
  },
  outbox: {
    title: 'Udbakke',
    emptyTitle: 'Intet venter på at blive sendt',
    emptyBody:
      'Opslag i kø og planlagte opslag vises her med deres fremskridt på hvert netværk. Et opslag går aldrig tabt og sendes aldrig to gange.',
  },
  accounts: {
    title: 'Konti',
    emptyTitle: 'Ingen konti forbundet endnu',
    emptyBody:
      'Forbind X, Bluesky, Mastodon, LinkedIn, Threads og Instagram her. Login-nøgler bliver i systemets nøglering og når aldrig dette vindue.',
  },
  settings: {
    title: 'Indstillinger',
    language: 'Sprog',
    languageHelp: 'Sproget i menuer og skærmbilleder.',
    theme: 'Udseende',
    themeHelp: 'Følg systemet, eller vælg lyst eller mørkt.',
    themes: { system: 'Følg systemet', light: 'Lyst', dark: 'Mørkt' },
    saved: 'Gemt',
    saveFailed: 'Ikke gemt: {{message}}',
    about: 'Om',
    version: 'Version {{version}} · {{platform}} · {{transport}}',
  },
  tone: {
    private: 'Privat',
    blend: 'Blandet',
    professional: 'Professionel',
  },
};
