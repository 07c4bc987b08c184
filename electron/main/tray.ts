import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../common/domain';

/**
 * Spheres in the tray (the menu bar on macOS): closing the window hides it instead of ending the
 * app, so scheduled posts still go out; the tray's menu opens it again or quits. Plain functions
 * and Electron-free ports; index.ts wires them to the Tray, the window's `close` and `before-quit`.
 */

const WORDS = {
  en: { open: 'Open Spheres', newPost: 'New Post', outbox: 'Outbox', quit: 'Quit Spheres', tooltip: 'Spheres' },
  da: { open: 'Åbn Spheres', newPost: 'Nyt opslag', outbox: 'Udbakke', quit: 'Afslut Spheres', tooltip: 'Spheres' },
} as const satisfies Record<Language, Record<string, string>>;

export interface TrayMenuOptions {
  language: Language;
  open(): void;
  newPost(): void;
  outbox(): void;
  /** The same quit as Cmd+Q: the save-before-quit flow of quit.ts runs on `before-quit`. */
  quit(): void;
}

export function trayTooltip(language: Language): string {
  return WORDS[language].tooltip;
}

export function buildTrayMenuTemplate(options: TrayMenuOptions): MenuItemConstructorOptions[] {
  const words = WORDS[options.language];
  return [
    { label: words.open, click: () => options.open() },
    { type: 'separator' },
    { label: words.newPost, click: () => options.newPost() },
    { label: words.outbox, click: () => options.outbox() },
    { type: 'separator' },
    { label: words.quit, click: () => options.quit() },
  ];
}

/** Which of the generated images (tray-images.ts) the tray shows, and whether macOS should tint it. */
export function trayImageFor(platform: string): { image: 'template' | 'colour'; template: boolean } {
  // macOS menu bar icons are template images (black + alpha) so they follow light and dark menu bars;
  // Windows and Linux show the app's own colours in their notification areas.
  return platform === 'darwin' ? { image: 'template', template: true } : { image: 'colour', template: false };
}

export interface CloseToTrayPorts {
  /** Whether the once-only "keeps running" notice was already shown (remembered across runs). */
  noticeShown(): boolean;
  rememberNoticeShown(): void;
  showNotice(): void;
}

export interface CloseToTray {
  /**
   * The window's `close`: 'hide' while the app is not quitting and the tray is there to bring it
   * back; 'close' when quitting (the quit guard then saves and closes for real) or with no tray.
   */
  windowClose(options: { trayShown: boolean }): 'hide' | 'close';
  /** `before-quit` (tray Quit, Cmd+Q, the OS ending the session): from now on the window really closes. */
  quitting(): void;
  readonly isQuitting: boolean;
}

export function createCloseToTray(ports: CloseToTrayPorts): CloseToTray {
  let isQuitting = false;
  return {
    windowClose({ trayShown }) {
      if (isQuitting || !trayShown) return 'close';
      if (!ports.noticeShown()) {
        ports.rememberNoticeShown();
        ports.showNotice();
      }
      return 'hide';
    },
    quitting() {
      isQuitting = true;
    },
    get isQuitting() {
      return isQuitting;
    },
  };
}
