import { SECTIONS, type Section } from '../../../common/domain';

/** Keyboard shortcuts for sections; the desktop menu shows the same ones (electron/main/menu.ts). */
export const SECTION_KEYS: Record<string, Section> = {
  '1': 'compose',
  '2': 'calendar',
  '3': 'outbox',
  '4': 'accounts',
  ',': 'settings',
};

export function sectionFromHash(hash: string): Section {
  const name = hash.replace(/^#\/?/, '');
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : 'compose';
}
