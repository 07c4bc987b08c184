import { useTranslation } from 'react-i18next';
import type { NetworkId } from '../../../../common/networks';

/**
 * The previews' UI strings, in i18next's `{{name}}` format so they can move into i18n/en.ts and
 * da.ts as a `previews` group unchanged. Until then the previews pick them by the i18n language.
 */
const en = {
  emptyTitle: 'Pick a network to see how the post will look',
  emptyBody: 'Every network you pick gets a preview here that looks like its feed.',
  regionLabel: 'Previews',
  modeLabel: 'Layout',
  modeGrid: 'All side by side',
  modeFocus: 'One at a time',
  networksLabel: 'Networks',
  focusOn: 'Show only {{network}}',
  previewOf: '{{network}} preview',
  mentionsNotLinked: 'On {{network}} a typed @name tags nobody: it is posted as plain text. To tag someone, add the tag on {{network}} after the post is out.',
  now: 'now',
  justNow: 'Just now',
  public: 'Public',
  headlinePlaceholder: 'Your LinkedIn headline',
  showAsFeed: 'Show as the feed does',
  foldAnnouncement: 'The feed folds here. The rest is below the fold:',
  belowTheFold: 'Below the fold',
  foldHere: 'The feed folds here.',
  overLimit: 'Over the limit:',
  partCount: '{{length}}/{{limit}}',
  partLabel: 'Post {{index}} of {{count}}',
  threadOf: 'Thread of {{count}} posts',
  counting: 'Counting a long text…',
  trimmedPosts: 'The preview shows the first {{shown}} of {{count}} posts.',
  trimmedCharacters: 'The preview shows the first {{shown}} of {{count}} characters.',
  bytes: '{{bytes}}/{{limit}} bytes',
  units: { 'weighted characters': 'weighted characters', graphemes: 'characters', characters: 'characters' },
  severity: { error: 'Error', warning: 'Warning', hint: 'Hint' },
  findingsLabel: 'Notes for {{network}}',
  toneMissing: 'No tone',
  tonePrefix: 'Tone:',
  alt: 'ALT',
  altLabel: 'Has a description',
  imageWithoutAlt: 'Image {{index}}, no description',
  noImage: 'Instagram needs an image or video',
  moreImages: '+{{count}}',
  carouselLabel: 'Images, {{index}} of {{count}}',
  previousImage: 'Previous image',
  nextImage: 'Next image',
  actionsLabel: 'Actions',
  actions: {
    reply: 'Reply',
    repost: 'Repost',
    boost: 'Boost',
    like: 'Like',
    favourite: 'Favourite',
    views: 'Views',
    bookmark: 'Bookmark',
    save: 'Save',
    share: 'Share',
    send: 'Send',
    comment: 'Comment',
    more: 'More',
  },
  /** The feeds' own "see more" labels, as FOLDS in common/networks/folds.ts gives them. */
  folds: { x: 'Show more', linkedin: '…more', instagram: '… more', facebook: 'See more' } as Partial<Record<NetworkId, string>>,
};

type PreviewStrings = typeof en;

const da: PreviewStrings = {
  emptyTitle: 'Vælg et netværk for at se, hvordan opslaget kommer til at se ud',
  emptyBody: 'Hvert netværk, du vælger, får her en forhåndsvisning, der ligner dets feed.',
  regionLabel: 'Forhåndsvisninger',
  modeLabel: 'Visning',
  modeGrid: 'Alle side om side',
  modeFocus: 'Én ad gangen',
  networksLabel: 'Netværk',
  focusOn: 'Vis kun {{network}}',
  previewOf: 'Forhåndsvisning af {{network}}',
  mentionsNotLinked: 'På {{network}} tagger et skrevet @navn ingen: det udgives som almindelig tekst. Vil du tagge nogen, så tilføj tagget på {{network}}, når opslaget er udgivet.',
  now: 'nu',
  justNow: 'Lige nu',
  public: 'Offentlig',
  headlinePlaceholder: 'Din overskrift på LinkedIn',
  showAsFeed: 'Vis som i feedet',
  foldAnnouncement: 'Feedet folder her. Resten er under folden:',
  belowTheFold: 'Under folden',
  foldHere: 'Feedet folder her.',
  overLimit: 'Over grænsen:',
  partCount: '{{length}}/{{limit}}',
  partLabel: 'Opslag {{index}} af {{count}}',
  threadOf: 'Tråd med {{count}} opslag',
  counting: 'Tæller en lang tekst…',
  trimmedPosts: 'Forhåndsvisningen viser de første {{shown}} af {{count}} opslag.',
  trimmedCharacters: 'Forhåndsvisningen viser de første {{shown}} af {{count}} tegn.',
  bytes: '{{bytes}}/{{limit}} byte',
  units: { 'weighted characters': 'vægtede tegn', graphemes: 'tegn', characters: 'tegn' },
  severity: { error: 'Fejl', warning: 'Advarsel', hint: 'Tip' },
  findingsLabel: 'Bemærkninger til {{network}}',
  toneMissing: 'Ingen tone',
  tonePrefix: 'Tone:',
  alt: 'ALT',
  altLabel: 'Har en beskrivelse',
  imageWithoutAlt: 'Billede {{index}}, ingen beskrivelse',
  noImage: 'Instagram kræver et billede eller en video',
  moreImages: '+{{count}}',
  carouselLabel: 'Billeder, {{index}} af {{count}}',
  previousImage: 'Forrige billede',
  nextImage: 'Næste billede',
  actionsLabel: 'Handlinger',
  actions: {
    reply: 'Svar',
    repost: 'Del igen',
    boost: 'Fremhæv',
    like: 'Synes godt om',
    favourite: 'Favorit',
    views: 'Visninger',
    bookmark: 'Bogmærke',
    save: 'Gem',
    share: 'Del',
    send: 'Send',
    comment: 'Kommentér',
    more: 'Mere',
  },
  folds: { x: 'Vis mere', linkedin: '…mere', instagram: '… mere', facebook: 'Se mere' },
};

export const previewStrings = { en, da } as const;

export type { PreviewStrings };

export function previewStringsFor(language: string): PreviewStrings {
  return language.startsWith('da') ? previewStrings.da : previewStrings.en;
}

/** The previews' strings in the app's language (English when it has no translation), and that language. */
export function usePreviewStrings(): { readonly strings: PreviewStrings; readonly language: string } {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return { strings: previewStringsFor(language), language };
}

/** Fills `{{name}}` placeholders, as i18next will once the strings move there. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
