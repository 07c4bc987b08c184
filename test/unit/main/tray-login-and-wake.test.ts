import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createLoginItemSync, loginItemSettings, startedHidden } from '../../../electron/main/login-item';
import { createQuitGuard } from '../../../electron/main/quit';
import { buildTrayMenuTemplate, createCloseToTray, trayImageFor } from '../../../electron/main/tray';
import { createConnectionWatch } from '../../../electron/main/wake';

function trayMenu(language: 'en' | 'da') {
  const calls: string[] = [];
  const template = buildTrayMenuTemplate({
    language,
    open: () => void calls.push('open'),
    newPost: () => void calls.push('new post'),
    outbox: () => void calls.push('outbox'),
    quit: () => void calls.push('quit'),
  });
  const click = (label: string): void => template.find((item) => item.label === label)?.click?.({} as never, undefined, {} as never);
  return { template, calls, click };
}

const labels = (items: MenuItemConstructorOptions[]) => items.map((item) => item.label ?? item.type);

describe('the tray menu', () => {
  it('offers Open Spheres, New Post, Outbox and Quit, each doing what it says', () => {
    const { template, calls, click } = trayMenu('en');
    expect(labels(template)).toEqual(['Open Spheres', 'separator', 'New Post', 'Outbox', 'separator', 'Quit Spheres']);
    for (const label of ['Open Spheres', 'New Post', 'Outbox', 'Quit Spheres']) click(label);
    expect(calls).toEqual(['open', 'new post', 'outbox', 'quit']);
  });

  it('speaks Danish', () => {
    expect(labels(trayMenu('da').template)).toEqual(['Åbn Spheres', 'separator', 'Nyt opslag', 'Udbakke', 'separator', 'Afslut Spheres']);
  });

  it('uses a template image in the macOS menu bar and the app icon elsewhere', () => {
    expect(trayImageFor('darwin')).toEqual({ image: 'template', template: true });
    expect(trayImageFor('win32')).toEqual({ image: 'colour', template: false });
    expect(trayImageFor('linux')).toEqual({ image: 'colour', template: false });
  });
});

describe('closing the window into the tray', () => {
  function closeToTray(alreadyShown = false) {
    let shown = alreadyShown;
    const notices: string[] = [];
    const guard = createCloseToTray({
      noticeShown: () => shown,
      rememberNoticeShown: () => {
        shown = true;
      },
      showNotice: () => void notices.push('Spheres keeps running to send scheduled posts'),
    });
    return { guard, notices };
  }

  it('hides the window instead of closing it, and says so the first time only', () => {
    const { guard, notices } = closeToTray();
    expect(guard.windowClose({ trayShown: true })).toBe('hide');
    expect(guard.windowClose({ trayShown: true })).toBe('hide');
    expect(notices).toEqual(['Spheres keeps running to send scheduled posts']);
  });

  it('says nothing when the notice was shown in an earlier run', () => {
    const { guard, notices } = closeToTray(true);
    expect(guard.windowClose({ trayShown: true })).toBe('hide');
    expect(notices).toEqual([]);
  });

  it('closes the window for real once the app is quitting (tray Quit or Cmd+Q)', () => {
    const { guard, notices } = closeToTray();
    guard.quitting();
    expect(guard.windowClose({ trayShown: true })).toBe('close');
    expect(notices).toEqual([]);
  });

  it('closes the window as before when there is no tray to bring it back from', () => {
    expect(closeToTray().guard.windowClose({ trayShown: false })).toBe('close');
  });

  it('still saves before quitting when Quit comes from the tray with the window hidden', async () => {
    const steps: string[] = [];
    const { guard: tray } = closeToTray(true);
    const quit = createQuitGuard({
      flushWindow: async () => {
        steps.push('the hidden window saves');
        return true;
      },
      closeCore: async () => void steps.push('the core closes'),
      quit: () => void steps.push('quit'),
      wait: () => new Promise(() => undefined),
      log: (message) => void steps.push(message),
    });
    expect(tray.windowClose({ trayShown: true })).toBe('hide');
    // What index.ts does on before-quit:
    tray.quitting();
    expect(quit.beforeQuit()).toBe('hold');
    await quit.finished;
    expect(steps).toEqual(['the hidden window saves', 'the core closes', 'quit']);
    expect(tray.windowClose({ trayShown: true })).toBe('close');
    expect(quit.windowClose({ close: () => undefined })).toBe('let-it-happen');
  });
});

describe('open at login', () => {
  it('registers the login item from the setting, with the hidden-start argument on Windows', () => {
    expect(loginItemSettings({ openAtLogin: true }, 'darwin')).toEqual({ openAtLogin: true });
    expect(loginItemSettings({ openAtLogin: false }, 'win32')).toEqual({ openAtLogin: false, args: ['--hidden'] });
  });

  it('applies it at start and again only when it changes', () => {
    const apply = vi.fn();
    const sync = createLoginItemSync({ platform: 'darwin', apply });
    sync.settingsChanged({ openAtLogin: false });
    sync.settingsChanged({ openAtLogin: false });
    sync.settingsChanged({ openAtLogin: true });
    sync.settingsChanged({ openAtLogin: true });
    expect(apply.mock.calls).toEqual([[{ openAtLogin: false }], [{ openAtLogin: true }]]);
  });

  it('starts with the window hidden when the login item started it', () => {
    expect(startedHidden({ argv: ['Spheres.exe', '--hidden'], wasOpenedAtLogin: false })).toBe(true);
    expect(startedHidden({ argv: ['Spheres'], wasOpenedAtLogin: true })).toBe(true);
    expect(startedHidden({ argv: ['Spheres'], wasOpenedAtLogin: false })).toBe(false);
  });
});

describe('waking the outbox', () => {
  it('wakes it when the connection comes back, not while it stays up or down', () => {
    const answers = [false, false, true, true, false, true];
    let online = answers.shift()!;
    const backOnline = vi.fn();
    const watch = createConnectionWatch({ isOnline: () => online, backOnline });
    for (const next of answers) {
      online = next;
      watch.check();
    }
    expect(backOnline).toHaveBeenCalledTimes(2);
  });
});
