// Stands in for the `electron` module when test/support/built-main/harness.mjs imports the BUILT
// main process (out/main/index.js) under plain Node. Every call is written to the harness's
// recorder in order, so the test can check what the app asked of Electron and when. It imitates
// only what a call needs to return; it decides nothing for the app.

/** The harness puts its recorder on globalThis before it imports the app. */
const recorder = globalThis.__spheresBuiltMain;
if (recorder === undefined) throw new Error('electron-stub.mjs is loaded only by test/support/built-main/harness.mjs');

/** Keeps what JSON can carry of a call's arguments (functions by name). */
function plain(value, depth = 0) {
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[deep]';
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item, depth + 1)]));
}

function record(api, args = []) {
  recorder.log.push({ api, args: plain(args) });
}

/**
 * An object whose listed methods do what the app needs, and whose every other method is recorded
 * and answers undefined, so a new Electron call elsewhere in main does not break the harness.
 */
function recording(name, methods = {}, fields = {}) {
  const target = { ...fields };
  for (const [key, fn] of Object.entries(methods)) {
    target[key] = (...args) => {
      record(`${name}.${key}`, args);
      return fn(...args);
    };
  }
  return new Proxy(target, {
    get(object, key) {
      if (key in object || typeof key === 'symbol' || key === 'then') return object[key];
      return (...args) => {
        record(`${name}.${String(key)}`, args);
        return undefined;
      };
    },
    set(object, key, value) {
      record(`${name}.${String(key)}=`, [value]);
      object[key] = value;
      return true;
    },
  });
}

/** Event-emitter methods that keep their listeners in `listeners` (name -> functions). */
function emitter(listeners) {
  const add = (event, listener) => {
    (listeners[event] ??= []).push(listener);
  };
  return {
    on: (event, listener) => add(event, listener),
    once: (event, listener) => add(event, listener),
    addListener: (event, listener) => add(event, listener),
    removeListener: () => undefined,
    off: () => undefined,
  };
}

export const app = recording(
  'app',
  {
    ...emitter(recorder.appListeners),
    whenReady: () => recorder.ready.promise,
    isReady: () => recorder.isReady,
    enableSandbox: () => undefined,
    requestSingleInstanceLock: () => true,
    getPath: (name) => recorder.paths[name] ?? `${recorder.paths.home}/${name}`,
    getLocale: () => 'en-US',
    getSystemLocale: () => 'en-US',
    getPreferredSystemLanguages: () => ['en-US'],
    getVersion: () => '0.0.0-test',
    getName: () => 'Spheres',
    setAppUserModelId: () => undefined,
    quit: () => recorder.quit.resolve('quit'),
    exit: (code) => recorder.quit.resolve(`exit ${code}`),
  },
  { isPackaged: true, name: 'Spheres' },
);

class FakeWebContents {
  constructor() {
    this.listeners = {};
    Object.assign(this, emitter(this.listeners));
    this.sent = [];
  }
  send(channel, payload) {
    this.sent.push(channel);
    record('webContents.send', [channel, payload]);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow {
  constructor(options) {
    record('new BrowserWindow', [options]);
    this.options = options;
    this.listeners = {};
    Object.assign(this, emitter(this.listeners));
    this.webContents = new FakeWebContents();
    recorder.windows.push(this);
  }
  loadURL(url) {
    record('BrowserWindow.loadURL', [url]);
    this.loadedUrl = url;
    recorder.windowLoaded.resolve(this);
    return Promise.resolve();
  }
  loadFile(file) {
    record('BrowserWindow.loadFile', [file]);
    recorder.windowLoaded.resolve(this);
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1200, height: 800 };
  }
  getBounds() {
    return this.getNormalBounds();
  }
  maximize() {}
  show() {}
  focus() {}
  restore() {}
  close() {}
  destroy() {}
  static getAllWindows() {
    return recorder.windows;
  }
}

export const ipcMain = recording('ipcMain', {
  handle: (channel, handler) => {
    recorder.ipcHandlers.push({ channel, handler });
  },
  on: () => undefined,
  removeHandler: () => undefined,
});

export const protocol = recording('protocol', {
  registerSchemesAsPrivileged: () => undefined,
  handle: (scheme, handler) => {
    recorder.protocolHandlers.push({ scheme, handler });
  },
});

const defaultSession = recording('session.defaultSession', {
  setPermissionRequestHandler: (handler) => {
    recorder.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler: (handler) => {
    recorder.permissionCheckHandler = handler;
  },
});
export const session = recording('session', { fromPartition: () => defaultSession }, { defaultSession });

export const Menu = recording('Menu', {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: () => undefined,
  getApplicationMenu: () => null,
});
export const MenuItem = class MenuItem {};

export const dialog = recording('dialog', {
  showErrorBox: (title, message) => {
    recorder.failures.push(`${title}: ${message}`);
    recorder.windowLoaded.reject(new Error(`the app showed an error box: ${title}: ${message}`));
  },
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showMessageBox: async () => ({ response: 0 }),
});

export const nativeTheme = recording('nativeTheme', {}, { shouldUseDarkColors: false, themeSource: 'system' });
export const screen = recording('screen', {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
});
export const shell = recording('shell', { openExternal: async () => undefined, openPath: async () => '' });

export class Notification {
  static isSupported() {
    return false;
  }
  constructor(options) {
    record('new Notification', [options]);
  }
  on() {}
  show() {}
}
export class Tray {
  constructor(image) {
    record('new Tray', [image]);
  }
  setToolTip(text) {
    record('Tray.setToolTip', [text]);
  }
  setContextMenu(menu) {
    record('Tray.setContextMenu', [menu]);
  }
  on(event) {
    record('Tray.on', [event]);
  }
  destroy() {}
}
/** An image that keeps what was asked of it, so the report shows its sizes and whether it is a template. */
function fakeImage(origin) {
  const image = { origin, representations: [], template: false, isEmpty: () => image.representations.length === 0 };
  image.addRepresentation = (options) => {
    record('NativeImage.addRepresentation', [{ scaleFactor: options.scaleFactor, bytes: options.buffer?.length ?? 0 }]);
    image.representations.push(options.scaleFactor);
  };
  image.setTemplateImage = (template) => {
    record('NativeImage.setTemplateImage', [template]);
    image.template = template;
  };
  return image;
}
export const nativeImage = recording('nativeImage', {
  createFromPath: () => ({ isEmpty: () => true }),
  createEmpty: () => fakeImage('empty'),
  createFromBuffer: (buffer, options) => {
    const image = fakeImage('buffer');
    image.representations.push(options?.scaleFactor ?? 1);
    // A PNG starts with these eight bytes; anything else would show no icon.
    image.isPng = buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    return image;
  },
});
export const clipboard = recording('clipboard');
export const powerMonitor = recording('powerMonitor', emitter({}));
export const globalShortcut = recording('globalShortcut');
export const net = recording('net');
export const safeStorage = recording('safeStorage', { isEncryptionAvailable: () => false });
export const systemPreferences = recording('systemPreferences');
export const crashReporter = recording('crashReporter');
export const autoUpdater = recording('autoUpdater', emitter({}));
export const webContents = recording('webContents', { getAllWebContents: () => recorder.windows.map((w) => w.webContents) });

export default {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  Menu,
  MenuItem,
  dialog,
  nativeTheme,
  screen,
  shell,
  Notification,
  Tray,
  nativeImage,
  clipboard,
  powerMonitor,
  globalShortcut,
  net,
  safeStorage,
  systemPreferences,
  crashReporter,
  autoUpdater,
  webContents,
};
