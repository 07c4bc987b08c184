import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../../electron/main/menu';
import { restoreWindowState } from '../../../electron/main/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };

describe('window size and position', () => {
  it('reopens where the user left it', () => {
    const saved = { x: 100, y: 80, width: 1000, height: 700, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual(saved);
  });

  it('comes back onto the screen when the monitor it was on is gone', () => {
    const saved = { x: 2200, y: 100, width: 1000, height: 700, maximized: true };
    expect(restoreWindowState(saved, [laptop])).toEqual({ x: 80, y: 40, width: 1280, height: 820, maximized: true });
  });

  it('ignores a damaged saved state', () => {
    expect(restoreWindowState({ x: 'left' }, [laptop])).toEqual({ x: 80, y: 40, width: 1280, height: 820, maximized: false });
  });
});

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => item.label ?? item.role ?? '');
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const inner = find(item.submenu, label);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

describe('the native menu', () => {
  it('has the macOS app menu with standard roles', () => {
    const template = buildMenuTemplate({ platform: 'darwin', language: 'en', isDev: false, navigate: () => undefined, newPost: () => undefined });
    expect(template[0]?.role).toBe('appMenu');
    const roles = (template[0]?.submenu as MenuItemConstructorOptions[]).map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(labels(template)).toEqual(['appMenu', 'File', 'Edit', 'View', 'Go', 'Window', 'Help']);
  });

  it('puts Settings and Quit in the File menu on Windows and Linux', () => {
    const template = buildMenuTemplate({ platform: 'win32', language: 'en', isDev: false, navigate: () => undefined, newPost: () => undefined });
    const file = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(file.map((item) => item.label ?? item.role ?? item.type)).toEqual(['New Post', 'separator', 'Settings…', 'separator', 'quit']);
  });

  it('goes to each section by its shortcut', () => {
    const navigate = vi.fn();
    const template = buildMenuTemplate({ platform: 'linux', language: 'en', isDev: false, navigate, newPost: () => undefined });
    const calendar = find(template, 'Tone calendar');
    expect(calendar?.accelerator).toBe('CmdOrCtrl+2');
    calendar?.click?.({} as never, undefined, {} as never);
    expect(navigate).toHaveBeenCalledWith('calendar');
    expect(find(template, 'Settings…')?.accelerator).toBe('CmdOrCtrl+,');
  });

  it('starts a new post from the File menu with Ctrl/⌘+N, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      const newPost = vi.fn();
      const template = buildMenuTemplate({ platform, language: 'en', isDev: false, navigate: () => undefined, newPost });
      const item = find(template, 'New Post');
      expect(item?.accelerator, platform).toBe('CmdOrCtrl+N');
      expect(find(template, 'File')?.submenu, platform).toContain(item);
      item?.click?.({} as never, undefined, {} as never);
      expect(newPost, platform).toHaveBeenCalledOnce();
    }
    expect(find(buildMenuTemplate({ platform: 'linux', language: 'da', isDev: false, navigate: () => undefined, newPost: () => undefined }), 'Nyt opslag')?.accelerator).toBe('CmdOrCtrl+N');
  });

  it('goes to the drafts library from the Go menu', () => {
    const navigate = vi.fn();
    const template = buildMenuTemplate({ platform: 'linux', language: 'en', isDev: false, navigate, newPost: () => undefined });
    const drafts = find(template, 'Drafts');
    expect(drafts?.accelerator).toBe('CmdOrCtrl+5');
    drafts?.click?.({} as never, undefined, {} as never);
    expect(navigate).toHaveBeenCalledWith('drafts');
  });

  it('speaks Danish when the UI does', () => {
    const template = buildMenuTemplate({ platform: 'linux', language: 'da', isDev: false, navigate: () => undefined, newPost: () => undefined });
    expect(labels(template)).toEqual(['Filer', 'Rediger', 'Vis', 'Gå til', 'Vindue', 'Hjælp']);
  });

  it('offers reload and developer tools only in development', () => {
    const dev = buildMenuTemplate({ platform: 'linux', language: 'en', isDev: true, navigate: () => undefined, newPost: () => undefined });
    const prod = buildMenuTemplate({ platform: 'linux', language: 'en', isDev: false, navigate: () => undefined, newPost: () => undefined });
    const viewRoles = (template: MenuItemConstructorOptions[]) =>
      (find(template, 'View')?.submenu as MenuItemConstructorOptions[]).map((item) => item.role).filter(Boolean);
    expect(viewRoles(dev)).toContain('toggleDevTools');
    expect(viewRoles(prod)).not.toContain('toggleDevTools');
    expect(viewRoles(prod)).not.toContain('reload');
  });
});
