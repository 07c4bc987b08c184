import type { MenuItemConstructorOptions } from 'electron';
import type { Language, Section } from '../../common/domain';

/** Menu words Spheres owns; items with a role get the OS's own, localised label. */
const LABELS = {
  en: { newPost: 'New Post', drafts: 'Drafts', file: 'File', edit: 'Edit', view: 'View', go: 'Go', window: 'Window', help: 'Help', compose: 'Compose', calendar: 'Tone calendar', outbox: 'Outbox', accounts: 'Accounts', settings: 'Settings…', about: 'About Spheres' },
  da: { newPost: 'Nyt opslag', drafts: 'Kladder', file: 'Filer', edit: 'Rediger', view: 'Vis', go: 'Gå til', window: 'Vindue', help: 'Hjælp', compose: 'Skriv', calendar: 'Tonekalender', outbox: 'Udbakke', accounts: 'Konti', settings: 'Indstillinger…', about: 'Om Spheres' },
} as const satisfies Record<Language, Record<string, string>>;

/** The accelerator for each section, shared by the menu and the renderer's own key handling. */
export const SECTION_ACCELERATORS: Record<Section, string> = {
  compose: 'CmdOrCtrl+1',
  drafts: 'CmdOrCtrl+5',
  calendar: 'CmdOrCtrl+2',
  outbox: 'CmdOrCtrl+3',
  accounts: 'CmdOrCtrl+4',
  settings: 'CmdOrCtrl+,',
};

export interface MenuOptions {
  platform: string;
  language: Language;
  isDev: boolean;
  navigate(section: Section): void;
  /** Saves the draft being written and starts an empty one (Ctrl/⌘+N). */
  newPost(): void;
}

/** The accelerator of New post, shared by the menu and the renderer's own key handling. */
export const NEW_POST_ACCELERATOR = 'CmdOrCtrl+N';

/** Standard roles and shortcuts per platform (https://www.electronjs.org/docs/latest/api/menu#examples). */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const words = LABELS[options.language];
  const isMac = options.platform === 'darwin';
  const go = (section: Exclude<Section, 'settings'>): MenuItemConstructorOptions => ({
    label: words[section],
    accelerator: SECTION_ACCELERATORS[section],
    click: () => options.navigate(section),
  });
  const settingsItem: MenuItemConstructorOptions = {
    label: words.settings,
    accelerator: SECTION_ACCELERATORS.settings,
    click: () => options.navigate('settings'),
  };
  const newPostItem: MenuItemConstructorOptions = { label: words.newPost, accelerator: NEW_POST_ACCELERATOR, click: () => options.newPost() };
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settingsItem,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: words.file,
    submenu: isMac ? [newPostItem, { type: 'separator' }, { role: 'close' }] : [newPostItem, { type: 'separator' }, settingsItem, { type: 'separator' }, { role: 'quit' }],
  });
  template.push({ role: 'editMenu', label: words.edit });
  template.push({
    label: words.view,
    submenu: [
      ...(options.isDev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ label: words.go, submenu: [go('compose'), go('drafts'), go('calendar'), go('outbox'), go('accounts')] });
  template.push({ role: 'windowMenu', label: words.window });
  template.push({ role: 'help', label: words.help, submenu: isMac ? [] : [{ role: 'about', label: words.about }] });
  return template;
}
