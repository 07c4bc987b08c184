import type { Settings } from '../../common/domain';

/**
 * "Open at login" (settings.openAtLogin): Spheres starts hidden in the tray / menu bar when the
 * person logs in, so scheduled posts go out without the window. Plain functions; index.ts hands
 * their answer to app.setLoginItemSettings.
 *
 * Electron 45 has no `openAsHidden` any more (macOS 13 dropped it): the app hides its own window
 * when it was started by the login item, which macOS tells by `wasOpenedAtLogin` and Windows by
 * the argument the login item passes.
 */

/** On Windows the login item starts the app with this argument. */
export const STARTED_HIDDEN_ARG = '--hidden';

export interface LoginItemSettings {
  openAtLogin: boolean;
  /** Windows only: turning the item off must name the same arguments it was added with. */
  args?: string[];
}

export function loginItemSettings(settings: Pick<Settings, 'openAtLogin'>, platform: string): LoginItemSettings {
  return {
    openAtLogin: settings.openAtLogin,
    ...(platform === 'win32' ? { args: [STARTED_HIDDEN_ARG] } : {}),
  };
}

/** Whether this start came from the login item, so the window stays hidden until the person opens it. */
export function startedHidden(options: { argv: readonly string[]; wasOpenedAtLogin: boolean }): boolean {
  return options.wasOpenedAtLogin || options.argv.includes(STARTED_HIDDEN_ARG);
}

/**
 * Applies the setting at start and again when it changes, and only then: settings.changed fires
 * for every setting, and each call rewrites the OS's login items.
 */
export function createLoginItemSync(options: { platform: string; apply(settings: LoginItemSettings): void }): {
  settingsChanged(settings: Pick<Settings, 'openAtLogin'>): void;
} {
  let applied: boolean | null = null;
  return {
    settingsChanged(settings) {
      if (applied === settings.openAtLogin) return;
      applied = settings.openAtLogin;
      options.apply(loginItemSettings(settings, options.platform));
    },
  };
}
