import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, Notification, Tray, app, dialog, ipcMain, nativeImage, nativeTheme, net, powerMonitor, protocol, screen, session, shell } from 'electron';
import Store from 'electron-store';
import { EVENT_NAMES } from '../../common/api';
import type { OutboxChanged, Section } from '../../common/domain';
import { openCore, repairConfigFiles, type Core } from '../core';
import { KeytarVault } from '../core/vault';
import { readMediaForUrl } from '../core/media';
import { ASSISTED_FOLDER } from '../core/outbox/assisted';
import { isComposeUrl } from '../../common/networks';
import { readRendererFile, rendererResponseHeaders } from '../core/security';
import { registerIpcHandlers } from './ipc';
import { createLoginItemSync, startedHidden } from './login-item';
import { buildMenuTemplate } from './menu';
import { createOutboxNotifier, keepsRunningText, type NoticeText } from './outbox-notices';
import { createQuitGuard } from './quit';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME_PRIVILEGES,
  accountHostsOf,
  decideWindowOpen,
  isSignInUrl,
  secureWebPreferences,
  shouldBlockNavigation,
  shouldGrantPermission,
} from './security';
import { buildTrayMenuTemplate, createCloseToTray, trayImageFor, trayTooltip, type CloseToTrayPorts } from './tray';
import { TRAY_IMAGES } from './tray-images';
import { CONNECTION_CHECK_MS, createConnectionWatch } from './wake';
import { MIN_SIZE, restoreWindowState, type WindowState } from './window-state';

/*
 * The composition root: the only module that imports Electron at run time. It builds the core
 * with real adapters and wires windows, protocol, menus and IPC. Everything it decides is made
 * by plain functions in this folder (security.ts, menu.ts, window-state.ts, ipc.ts) that tests
 * import without Electron.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const isDev = !app.isPackaged;

// Every renderer sandboxed, whatever its webPreferences say (checklist 4).
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let coreRef: Core | null = null;
  let tray: Tray | null = null;
  /** Brings the window back (from the tray, the Dock, a notification or a second launch); set once the app is ready. */
  let showWindow: () => void = () => undefined;
  /** Outcomes reached before this run started were announced in the run that reached them. */
  const startedAt = new Date();
  /** The once-only "keeps running" notice; its store and the notifications exist once the app is ready. */
  let trayNotice: CloseToTrayPorts | null = null;
  const closeToTray = createCloseToTray({
    noticeShown: () => trayNotice?.noticeShown() ?? true,
    rememberNoticeShown: () => trayNotice?.rememberNoticeShown(),
    showNotice: () => trayNotice?.showNotice(),
  });

  app.on('second-instance', () => showWindow());

  // Checklist 13 and 14: no navigation, no new windows, on any web contents ever created.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (shouldBlockNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url, accountHostsOf(coreRef?.accounts.list() ?? []));
      if (decision.openExternally !== null) void shell.openExternal(decision.openExternally);
      return { action: decision.action };
    });
  });

  app.whenReady().then(async () => {
    // Before electron-store reads them: a damaged settings or accounts file is set aside and restored, and the person told.
    const recovered = await repairConfigFiles(app.getPath('userData'), { now: () => new Date() });
    const settingsStore = new Store<Record<string, unknown>>({ name: 'settings' });
    // Only where the window was (and whether the tray notice was shown): a damaged file is cleared rather than stopping the app from starting.
    const windowStore = new Store<{ window?: WindowState; trayNoticeShown?: boolean }>({ name: 'window-state', clearInvalidConfig: true });
    // Metadata only (handles, expiry, status); tokens go to the OS keychain through the vault.
    const accountsStore = new Store<Record<string, unknown>>({ name: 'accounts' });
    const core = await openCore({
      settingsStore: { get: (key) => settingsStore.get(key), set: (key, value) => settingsStore.set(key, value) },
      dataDir: app.getPath('userData'),
      chooseExportPath: async (suggestedName) => {
        const choice = await dialog.showSaveDialog({
          defaultPath: path.join(app.getPath('documents'), suggestedName),
          filters: [{ name: 'Spheres archive', extensions: ['zip'] }],
        });
        return choice.canceled || choice.filePath === undefined ? null : choice.filePath;
      },
      chooseImportPath: async () => {
        const choice = await dialog.showOpenDialog({
          defaultPath: app.getPath('documents'),
          properties: ['openFile'],
          filters: [{ name: 'Spheres archive', extensions: ['zip'] }],
        });
        return choice.canceled ? null : (choice.filePaths[0] ?? null);
      },
      chooseHistoryPath: async () => {
        const choice = await dialog.showOpenDialog({
          defaultPath: app.getPath('downloads'),
          properties: ['openFile'],
          filters: [
            { name: 'Data export', extensions: ['zip', 'gz', 'tgz', 'json', 'js', 'csv'] },
            { name: 'All files', extensions: ['*'] },
          ],
        });
        return choice.canceled ? null : (choice.filePaths[0] ?? null);
      },
      systemLocale: app.getLocale(),
      platform: process.platform,
      version: app.getVersion(),
      transport: 'electron',
      vault: new KeytarVault({ platform: process.platform }),
      accountsStore: { get: (key) => accountsStore.get(key), set: (key, value) => accountsStore.set(key, value) },
      recovered,
      // RFC 8252 §8.12: sign-in happens in the user's own browser, never in a web view of ours.
      openBrowser: async (url) => {
        if (!isSignInUrl(url)) throw new Error('the sign-in address is not a secure https address');
        await shell.openExternal(url);
      },
      // Assisted posting: only a folder of assisted/ under the data folder, only a network's own compose page.
      openForPerson: async (what) => {
        if ('url' in what) {
          if (!isComposeUrl(what.url)) throw new Error('not a network compose page Spheres opens');
          await shell.openExternal(what.url);
          return true;
        }
        const assisted = path.join(app.getPath('userData'), ASSISTED_FOLDER) + path.sep;
        if (!path.resolve(what.folder).startsWith(assisted)) throw new Error('not an assisted posting folder');
        return (await shell.openPath(what.folder)) === '';
      },
      log: { error: (message, details) => console.error(`[core] ${message}`, details) },
    });

    coreRef = core;
    core.accounts.start();
    // Sends what is due (a post missed while closed, beyond the grace window, waits for the person).
    void core.outbox.start();
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(shouldGrantPermission(permission)),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => shouldGrantPermission(permission));

    protocol.handle(APP_SCHEME_PRIVILEGES.scheme, async (request) => {
      const url = new URL(request.url);
      if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
      const file = (await readMediaForUrl(core.media, url.pathname)) ?? (await readRendererFile(rendererDir, url.pathname));
      if (file === null) return new Response('Not found', { status: 404 });
      return new Response(new Uint8Array(file.body), { headers: rendererResponseHeaders(file.contentType) });
    });

    registerIpcHandlers(ipcMain, core.router);

    trayNotice = {
      noticeShown: () => windowStore.get('trayNoticeShown') === true,
      rememberNoticeShown: () => windowStore.set('trayNoticeShown', true),
      showNotice: () => notify(keepsRunningText(core.settings.get().language, process.platform), null),
    };

    const createWindow = (visible: boolean): BrowserWindow => {
      const saved = restoreWindowState(
        windowStore.get('window'),
        screen.getAllDisplays().map((display) => display.workArea),
      );
      const window = new BrowserWindow({
        ...saved,
        minWidth: MIN_SIZE.width,
        minHeight: MIN_SIZE.height,
        show: false,
        title: 'Spheres',
        backgroundColor: nativeTheme.shouldUseDarkColors ? '#0b0b12' : '#ffffff',
        webPreferences: secureWebPreferences(preloadPath),
      });
      if (saved.maximized) window.maximize();
      if (visible) window.once('ready-to-show', () => window.show());
      // Windows ends the session without before-quit: the window must not hide from a log-off.
      window.on('session-end', () => closeToTray.quitting());
      window.on('close', (event) => {
        // Scheduled posts still go out with the window closed: it hides into the tray until Quit.
        if (closeToTray.windowClose({ trayShown: tray !== null }) === 'hide') {
          event.preventDefault();
          window.hide();
          return;
        }
        // The renderer saves what it holds first; the close comes again once it has.
        if (quitGuard.windowClose(window) === 'hold') return event.preventDefault();
        windowStore.set('window', { ...window.getNormalBounds(), maximized: window.isMaximized() });
      });
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null;
      });
      void window.loadURL(APP_ENTRY_URL);
      return window;
    };

    showWindow = () => {
      if (mainWindow === null || mainWindow.isDestroyed()) {
        mainWindow = createWindow(true);
        return;
      }
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    };
    const navigate = (section: Section): void => core.events.emit('app.navigate', { section });
    const newPost = (): void => core.events.emit('app.newPost', {});

    // Electron drops a notification's click handler once the object is garbage-collected: keep each until it is done.
    const shownNotices = new Set<Notification>();
    const notify = (text: NoticeText, postId: string | null): void => {
      if (!Notification.isSupported()) return;
      const notice = new Notification({ title: text.title, body: text.body });
      shownNotices.add(notice);
      notice.on('click', () => {
        shownNotices.delete(notice);
        showWindow();
        if (postId !== null) navigate('outbox');
      });
      notice.on('close', () => shownNotices.delete(notice));
      notice.show();
    };
    const outboxNotifier = createOutboxNotifier({
      language: () => core.settings.get().language,
      show: (text, postId) => notify(text, postId),
      since: startedAt,
    });

    try {
      const choice = trayImageFor(process.platform);
      const image = nativeImage.createFromBuffer(Buffer.from(TRAY_IMAGES[choice.image].x1, 'base64'), { scaleFactor: 1 });
      image.addRepresentation({ scaleFactor: 2, buffer: Buffer.from(TRAY_IMAGES[choice.image].x2, 'base64') });
      image.setTemplateImage(choice.template);
      tray = new Tray(image);
      // Windows and Linux open the window on a click; macOS opens the menu, as menu bar items do.
      tray.on('click', () => showWindow());
    } catch (error) {
      // Without a tray the window closes as before (and the app with it, but on macOS).
      console.error('[main] the tray icon could not be shown', error);
      tray = null;
    }
    const loginItem = createLoginItemSync({ platform: process.platform, apply: (settings) => app.setLoginItemSettings(settings) });

    // The native menu speaks the UI's language; native controls follow the chosen appearance.
    const applySettings = (): void => {
      const settings = core.settings.get();
      const { language, theme } = settings;
      nativeTheme.themeSource = theme;
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, language, isDev, navigate, newPost })),
      );
      if (tray !== null) {
        tray.setToolTip(trayTooltip(language));
        const menu = buildTrayMenuTemplate({
          language,
          open: showWindow,
          newPost: () => {
            showWindow();
            newPost();
          },
          outbox: () => {
            showWindow();
            navigate('outbox');
          },
          quit: () => app.quit(),
        });
        tray.setContextMenu(Menu.buildFromTemplate(menu));
      }
      loginItem.settingsChanged(settings);
    };
    applySettings();

    core.events.subscribe((event, payload) => {
      if (event === 'settings.changed') applySettings();
      if (event === 'outbox.changed') outboxNotifier.changed(payload as OutboxChanged);
      if (EVENT_NAMES.includes(event) && mainWindow !== null && !mainWindow.isDestroyed()) {
        mainWindow.webContents.send(event, payload);
      }
    });

    // Started by the login item: the window waits in the tray until the person opens it.
    const hidden =
      tray !== null &&
      startedHidden({ argv: process.argv, wasOpenedAtLogin: process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin });
    mainWindow = createWindow(!hidden);
    // macOS keeps the app running with no window; clicking the Dock icon brings one back.
    app.on('activate', () => showWindow());

    // After sleep, a locked screen or a lost connection, the outbox looks again at once rather than at its next timer.
    powerMonitor.on('resume', () => core.outbox.wake());
    powerMonitor.on('unlock-screen', () => core.outbox.wake());
    const connection = createConnectionWatch({ isOnline: () => net.isOnline(), backOnline: () => core.outbox.wake() });
    setInterval(() => connection.check(), CONNECTION_CHECK_MS);
  }).catch((error: unknown) => {
    // Without its data folder the app cannot work: say so plainly rather than show an empty window.
    dialog.showErrorBox(
      'Spheres could not start',
      `Spheres could not open its data folder (${app.getPath('userData')}): ${error instanceof Error ? error.message : String(error)}`,
    );
    app.exit(1);
  });

  // The window's last edits, then the core's pending saves, reach the disk before the process ends.
  const quitGuard = createQuitGuard({
    flushWindow: (timeoutMs) =>
      coreRef !== null && mainWindow !== null && !mainWindow.isDestroyed() ? coreRef.requestFlush(timeoutMs) : Promise.resolve(false),
    closeCore: () => coreRef?.close() ?? Promise.resolve(),
    quit: () => app.quit(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: (message) => console.error(`[main] ${message}`),
  });
  app.on('before-quit', (event) => {
    closeToTray.quitting();
    if (quitGuard.beforeQuit() === 'hold') event.preventDefault();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
