/** English UI strings. Keys are grouped by feature; Danish (da.ts) must have the same keys. */
export const en = {
  app: {
    name: 'Spheres',
    tagline: 'One person, every network',
    skipToContent: 'Skip to content',
    navigation: 'Sections',
    loadFailed: 'Spheres could not load its settings: {{message}}',
  },
  sections: {
    compose: 'Compose',
    calendar: 'Calendar',
    outbox: 'Outbox',
    accounts: 'Accounts',
    settings: 'Settings',
  },
  compose: {
    title: 'Compose',
    emptyTitle: 'Write once, as one person',
    emptyBody:
      'The composer will live here: one text, a tone — private, blend or professional — and a faithful preview for every network you pick.',
  },
  calendar: {
    title: 'Tone calendar',
    emptyTitle: 'No posts on the calendar yet',
    emptyBody:
      'Your posts will appear here day by day, coloured by tone, with the mix of private, blend and professional over each week and month.',
  },
  outbox: {
    title: 'Outbox',
    emptyTitle: 'Nothing is waiting to be sent',
    emptyBody:
      'Queued and scheduled posts will appear here with their progress on each network. A post is never lost and never sent twice.',
  },
  accounts: {
    title: 'Accounts',
    emptyTitle: 'No accounts connected yet',
    emptyBody:
      'Connect X, Bluesky, Mastodon, LinkedIn, Threads and Instagram here. Sign-in tokens stay in your system keychain and never reach this window.',
  },
  settings: {
    title: 'Settings',
    language: 'Language',
    languageHelp: 'The language of menus and screens.',
    theme: 'Appearance',
    themeHelp: 'Follow the system, or choose light or dark.',
    themes: { system: 'Follow system', light: 'Light', dark: 'Dark' },
    saved: 'Saved',
    saveFailed: 'Not saved: {{message}}',
    about: 'About',
    version: 'Version {{version}} · {{platform}} · {{transport}}',
  },
  tone: {
    private: 'Private',
    blend: 'Blend',
    professional: 'Professional',
  },
};

export type Messages = typeof en;
