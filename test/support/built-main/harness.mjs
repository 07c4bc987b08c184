// Runs the BUILT main process (out/main/index.js) under plain Node, with `electron`,
// `electron-store` and `keytar` replaced by the stubs next to this file, and writes what the app
// did to a JSON report. The Electron binary cannot run on the build machines; this is how
// test/integration/built-bundles.test.ts checks the bundle the desktop app will load.
//
//   node test/support/built-main/harness.mjs <out/main/index.js> <temporary folder> <report.json>
//
// It runs in a child process so the module hooks below never reach the test runner.
import { registerHooks } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [mainFile, tempDir, reportFile] = process.argv.slice(2);
if (!mainFile || !tempDir || !reportFile) {
  console.error('usage: node harness.mjs <out/main/index.js> <temporary folder> <report.json>');
  process.exit(2);
}

const STUBS = {
  electron: new URL('./electron-stub.mjs', import.meta.url).href,
  'electron-store': new URL('./electron-store-stub.mjs', import.meta.url).href,
  keytar: new URL('./keytar-stub.cjs', import.meta.url).href,
};

// Synchronous hooks cover both `import` and `require` (keytar is required lazily from ESM).
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (Object.hasOwn(STUBS, specifier)) return { url: STUBS[specifier], shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

const paths = Object.fromEntries(
  ['home', 'appData', 'userData', 'sessionData', 'temp', 'documents', 'downloads', 'desktop', 'logs'].map((name) => {
    const folder = path.join(tempDir, name);
    mkdirSync(folder, { recursive: true });
    return [name, folder];
  }),
);

const recorder = {
  log: [],
  appListeners: {},
  ready: deferred(),
  isReady: false,
  paths,
  windows: [],
  ipcHandlers: [],
  protocolHandlers: [],
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  failures: [],
  windowLoaded: deferred(),
  quit: deferred(),
};
globalThis.__spheresBuiltMain = recorder;

const TRUSTED_FRAME = { url: 'app://spheres/index.html', parent: null };

function preventable() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

/** A web contents as `web-contents-created` hands it over: what main attaches to it is kept. */
function probeWebContents() {
  const listeners = {};
  const contents = {
    on: (event, listener) => (listeners[event] ??= []).push(listener),
    once: (event, listener) => (listeners[event] ??= []).push(listener),
    setWindowOpenHandler: (handler) => {
      contents.windowOpenHandler = handler;
    },
    windowOpenHandler: null,
  };
  for (const listener of recorder.appListeners['web-contents-created'] ?? []) listener(preventable(), contents);

  const emit = (event, ...args) => {
    const e = preventable();
    for (const listener of listeners[event] ?? []) listener(e, ...args);
    return { listeners: (listeners[event] ?? []).length, prevented: e.prevented };
  };
  const openedExternally = () => recorder.log.filter((entry) => entry.api === 'shell.openExternal').map((entry) => entry.args[0]);
  const windowOpen = {};
  for (const url of ['https://evil.example/phish', 'https://github.com/spheres', 'http://github.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
    const before = openedExternally().length;
    const answer = contents.windowOpenHandler === null ? null : contents.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' });
    windowOpen[url] = { answer, openedExternally: openedExternally().slice(before) };
  }
  const willNavigate = {};
  for (const url of ['https://evil.example/', 'app://spheres/index.html', 'file:///etc/passwd']) willNavigate[url] = emit('will-navigate', url);
  return {
    listenerCount: (recorder.appListeners['web-contents-created'] ?? []).length,
    hasWindowOpenHandler: contents.windowOpenHandler !== null,
    windowOpen,
    willNavigate,
    willAttachWebview: emit('will-attach-webview', {}, { src: 'https://evil.example/' }),
  };
}

const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'midi', 'hid', 'a-permission-electron-adds-later'];

function probePermissions() {
  const request = {};
  const check = {};
  for (const permission of PERMISSIONS) {
    if (recorder.permissionRequestHandler !== null) {
      let answer = 'no answer';
      recorder.permissionRequestHandler({}, permission, (granted) => {
        answer = granted;
      }, {});
      request[permission] = answer;
    }
    if (recorder.permissionCheckHandler !== null) check[permission] = recorder.permissionCheckHandler({}, permission, 'app://spheres', {});
  }
  return { request, check };
}

async function probeProtocol() {
  const answers = {};
  for (const { scheme, handler } of recorder.protocolHandlers) {
    for (const url of [`${scheme}://spheres/index.html`, `${scheme}://spheres/`, `${scheme}://elsewhere/index.html`, `${scheme}://spheres/%2e%2e/%2e%2e/package.json`]) {
      const response = await handler(new Request(url));
      const body = await response.text();
      answers[url] = {
        status: response.status,
        contentType: response.headers.get('content-type'),
        csp: response.headers.get('content-security-policy'),
        looksLikeTheApp: /<div id="root">|<!doctype html>/i.test(body),
      };
    }
  }
  return answers;
}

async function probeIpc() {
  const handler = (channel) => recorder.ipcHandlers.find((entry) => entry.channel === channel)?.handler;
  const call = async (channel, frame, input) => {
    const fn = handler(channel);
    return fn === undefined ? 'no handler' : await fn({ senderFrame: frame }, input);
  };
  return {
    trusted: await call('app.info', TRUSTED_FRAME, undefined),
    foreignOrigin: await call('app.info', { url: 'https://evil.example/', parent: null }, undefined),
    subframe: await call('app.info', { url: 'app://spheres/index.html', parent: {} }, undefined),
    invalidInput: await call('posts.get', TRUSTED_FRAME, { id: 42, extra: true }),
  };
}

let exitCode = 0;
const report = { log: recorder.log, failures: recorder.failures };
try {
  await import(pathToFileURL(mainFile).href);
  recorder.log.push({ api: '(harness) app is ready', args: [] });
  recorder.isReady = true;
  recorder.ready.resolve();
  for (const listener of recorder.appListeners.ready ?? []) listener();

  const quitEarly = recorder.quit.promise.then((how) => {
    throw new Error(`the app quit (${how}) before it opened a window`);
  });
  const window = await Promise.race([recorder.windowLoaded.promise, quitEarly]);
  Object.assign(report, {
    ipcChannels: recorder.ipcHandlers.map((entry) => entry.channel),
    protocolSchemes: recorder.protocolHandlers.map((entry) => entry.scheme),
    windows: recorder.windows.map((w) => ({ options: JSON.parse(JSON.stringify(w.options)), loadedUrl: w.loadedUrl ?? null })),
    mainWindowLoaded: window.loadedUrl ?? null,
    webContents: probeWebContents(),
    permissions: probePermissions(),
    protocol: await probeProtocol(),
    ipc: await probeIpc(),
  });
} catch (error) {
  report.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  exitCode = 1;
}
writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
// The core keeps timers (autosave, account refresh); the report is written, so stop here.
process.exit(exitCode);
