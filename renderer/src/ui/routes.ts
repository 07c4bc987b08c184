import { SECTIONS, type Section } from '../../../common/domain';

/** Keyboard shortcuts for sections; the desktop menu shows the same ones (electron/main/menu.ts). */
export const SECTION_KEYS: Record<string, Section> = {
  '1': 'compose',
  '2': 'calendar',
  '3': 'outbox',
  '4': 'accounts',
  '5': 'drafts',
  ',': 'settings',
};

/** The key that opens a section with Ctrl (⌘ on a Mac), as SECTION_KEYS has it. */
export function sectionKey(section: Section): string | undefined {
  return Object.keys(SECTION_KEYS).find((key) => SECTION_KEYS[key] === section);
}

/** `#/calendar` → calendar; `#/compose/<post id>` → compose, opening that post. */
export function routeFromHash(hash: string): { section: Section; postId: string | null } {
  const [name = '', postId] = hash.replace(/^#\/?/, '').split('/');
  const section = (SECTIONS as readonly string[]).includes(name) ? (name as Section) : 'compose';
  const id = section === 'compose' && postId !== undefined && /^[A-Za-z0-9_-]{8,64}$/.test(postId) ? postId : null;
  return { section, postId: id };
}

/** The one place section addresses are written: `#/calendar`, `#/settings/network-apps`. */
export function sectionHref(section: Section, part?: string): string {
  return part === undefined ? `#/${section}` : `#/${section}/${encodeURIComponent(part)}`;
}

/** The composer, opening one post: `#/compose/<post id>` (routeFromHash reads it back). */
export function composeHref(postId: string): string {
  return sectionHref('compose', postId);
}

/** Where "New post" goes: the composer, on an id no post has yet, which it opens as an empty draft. */
export function newPostHref(): string {
  return composeHref(crypto.randomUUID());
}

/** Settings, at the Network apps section: where the connect dialog sends a person to set up an app. */
export const NETWORK_APPS_HREF = sectionHref('settings', 'network-apps');

/** Settings → Import history, where the first-run offer in the empty library leads. */
export const IMPORT_HISTORY_HREF = sectionHref('settings', 'import-history');

export function sectionFromHash(hash: string): Section {
  return routeFromHash(hash).section;
}
