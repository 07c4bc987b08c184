import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES } from '../../common/api';
import { SECURE_WEB_PREFERENCES } from '../support/secure-window';

/*
 * The Electron binary cannot run on the build machines, so these tests check the BUILT bundles
 * the desktop app will load (`npm run build` -> out/): the preload run the way a sandboxed
 * renderer runs it (only `require('electron')`), and the main process imported under Node with a
 * stand-in for Electron (test/support/built-main/), in a child process so its module hooks stay
 * out of the test runner.
 */

const root = path.resolve(import.meta.dirname, '../..');
const OUT_MAIN = path.join(root, 'out/main/index.js');
const OUT_PRELOAD = path.join(root, 'out/preload/index.cjs');
const OUT_RENDERER = path.join(root, 'out/renderer/index.html');
const HARNESS = path.join(root, 'test/support/built-main/harness.mjs');
const SOURCES = ['electron', 'common', 'renderer', 'electron.vite.config.ts'];

/** The value, or a test failure naming what was missing. */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}

function newestSource(entry: string): number {
  const full = path.join(root, entry);
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const file of readdirSync(full, { recursive: true, withFileTypes: true })) {
    if (file.isFile()) newest = Math.max(newest, statSync(path.join(file.parentPath, file.name)).mtimeMs);
  }
  return newest;
}

/** `npm test` builds before Vitest; run alone, this builds when out/ is missing or older than the sources. */
function ensureBuilt(): void {
  const outputs = [OUT_MAIN, OUT_PRELOAD, OUT_RENDERER];
  const missing = outputs.filter((file) => !existsSync(file));
  const stale = missing.length === 0 && Math.min(...outputs.map((file) => statSync(file).mtimeMs)) < Math.max(...SOURCES.map(newestSource));
  if (missing.length === 0 && !stale) return;
  console.log(`built-bundles: ${missing.length > 0 ? `${missing.map((f) => path.relative(root, f)).join(', ')} missing` : 'out/ is older than the sources'}; running electron-vite build`);
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`the bundles in out/ could not be built (run \`npm run build\`): ${output}`, { cause: error });
  }
  for (const file of outputs) {
    if (!existsSync(file)) throw new Error(`electron-vite build did not produce ${path.relative(root, file)}`);
  }
}

beforeAll(ensureBuilt, 120_000);

// ---------------------------------------------------------------------------------------------
// The preload, as a sandboxed renderer runs it.

interface Invocation {
  channel: string;
  args: unknown[];
}
type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** What the preload saw and did, run in its own V8 context with only `require('electron')`. */
interface PreloadRun {
  required: string[];
  exposed: { key: string; api: unknown }[];
  invocations: Invocation[];
  listeners: Map<string, IpcListener[]>;
  removed: { channel: string; listener: IpcListener }[];
  /** Everything of Electron's and the loader's that must not be reachable from the page. */
  privileged: Set<unknown>;
  /** The answer every ipcRenderer.invoke gets, by channel. */
  answers: Map<string, unknown>;
}

function runPreload(): PreloadRun {
  const run: PreloadRun = { required: [], exposed: [], invocations: [], listeners: new Map(), removed: [], privileged: new Set(), answers: new Map() };
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      run.invocations.push({ channel, args });
      return Promise.resolve(run.answers.get(channel) ?? { ok: true, value: { answeredBy: channel } });
    },
    on: (channel: string, listener: IpcListener) => {
      run.listeners.set(channel, [...(run.listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: IpcListener) => {
      run.removed.push({ channel, listener });
      run.listeners.set(channel, (run.listeners.get(channel) ?? []).filter((l) => l !== listener));
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      run.exposed.push({ key, api });
    },
  };
  const electron = { contextBridge, ipcRenderer };
  const requireInSandbox = (specifier: string): unknown => {
    run.required.push(specifier);
    if (specifier === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require "${specifier}"`);
  };
  const module = { exports: {} as unknown };
  for (const value of [ipcRenderer, ipcRenderer.invoke, ipcRenderer.on, ipcRenderer.removeListener, contextBridge, electron, requireInSandbox, module]) {
    run.privileged.add(value);
  }

  // A fresh context: no Node globals (process, Buffer, require) unless the preload is handed them.
  const context = vm.createContext({});
  const code = readFileSync(OUT_PRELOAD, 'utf8');
  const wrapper = vm.compileFunction(code, ['exports', 'require', 'module'], { parsingContext: context, filename: OUT_PRELOAD });
  wrapper(module.exports, requireInSandbox, module);
  return run;
}

/** Every value reachable from `value` through own properties (and prototypes that are not the context's builtins). */
function reachable(value: unknown): { values: Set<unknown>; functionPaths: string[]; keys: Set<string> } {
  const values = new Set<unknown>();
  const functionPaths: string[] = [];
  const keys = new Set<string>();
  const walk = (current: unknown, at: string): void => {
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null || values.has(current)) return;
    values.add(current);
    if (typeof current === 'function') functionPaths.push(at);
    for (const key of Reflect.ownKeys(current)) {
      const name = String(key);
      // A function's own name/length/prototype are the language's, not the API's.
      if (typeof current === 'function' && ['length', 'name', 'prototype'].includes(name)) continue;
      keys.add(name);
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      if (descriptor === undefined) continue;
      for (const part of [descriptor.value, descriptor.get, descriptor.set]) walk(part, at === '' ? name : `${at}.${name}`);
    }
    const proto: unknown = Object.getPrototypeOf(current);
    // Plain objects and functions of the preload's context have that context's Object/Function
    // prototypes; anything else (a class instance, an Electron object) is walked into.
    if (proto !== null && Object.getPrototypeOf(proto) !== null && typeof current !== 'function') walk(proto, `${at}.[[prototype]]`);
  };
  walk(value, '');
  return { values, functionPaths, keys };
}

describe('the built preload (out/preload/index.cjs), run as a sandboxed renderer runs it', () => {
  let run: PreloadRun;
  let spheres: Record<string, unknown>;
  beforeAll(() => {
    run = runPreload();
    spheres = (run.exposed[0]?.api ?? {}) as Record<string, unknown>;
  });

  it('needs nothing but electron and exposes one thing to the page: window.spheres', () => {
    expect(run.required).toEqual(['electron']);
    expect(run.exposed.map((e) => e.key)).toEqual(['spheres']);
    expect(run.listeners.size).toBe(0);
    expect(run.invocations).toEqual([]);
  });

  it('offers every contract method at its path and the event subscription, and nothing else', () => {
    const { functionPaths } = reachable(spheres);
    expect(functionPaths.sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    const namespaces = [...new Set(METHOD_NAMES.map((m) => m.slice(0, m.indexOf('.'))))];
    expect(Object.keys(spheres).sort()).toEqual([...namespaces, 'on'].sort());
  });

  it('sends each method to its own channel with the argument, and answers with the value', async () => {
    for (const method of METHOD_NAMES) {
      const [namespace, name] = [method.slice(0, method.indexOf('.')), method.slice(method.indexOf('.') + 1)];
      const call = present((spheres[namespace] as Record<string, ((input: unknown) => Promise<unknown>) | undefined>)[name], `window.spheres.${method}`);
      const input = { probe: method };
      const before = run.invocations.length;
      await expect(call(input), method).resolves.toEqual({ answeredBy: method });
      expect(run.invocations.slice(before), method).toEqual([{ channel: method, args: [input] }]);
    }
  });

  it('turns an error answer into a SpheresError with its code, and an answer of the wrong shape into a rejection', async () => {
    const get = present((spheres.posts as Record<string, ((input: unknown) => Promise<unknown>) | undefined>).get, 'window.spheres.posts.get');
    run.answers.set('posts.get', { ok: false, error: { code: 'not_found', message: 'No such post.' } });
    await expect(get({ id: 'p1' })).rejects.toMatchObject({ name: 'SpheresError', code: 'not_found', message: 'No such post.' });
    run.answers.set('posts.get', { value: 'no envelope' });
    await expect(get({ id: 'p1' })).rejects.toMatchObject({ name: 'SpheresError', code: 'offline' });
    run.answers.delete('posts.get');
  });

  it('subscribes each event on its own channel, hands the listener only the payload, and unsubscribes', () => {
    const on = spheres.on as (event: string, listener: (...args: unknown[]) => void) => () => void;
    // What Electron hands a listener first: its `sender` is the ipcRenderer itself.
    const fakeIpcEvent = { sender: { send: () => undefined }, ports: [] };
    for (const event of EVENT_NAMES) {
      const received: unknown[][] = [];
      const unsubscribe = on(event, (...args) => received.push(args));
      const registered = run.listeners.get(event) ?? [];
      expect(registered, event).toHaveLength(1);
      const handler = present(registered[0], `the ipcRenderer listener of ${event}`);
      handler(fakeIpcEvent, { payloadOf: event });
      expect(received, event).toEqual([[{ payloadOf: event }]]);
      unsubscribe();
      expect(run.listeners.get(event), event).toEqual([]);
      expect(run.removed.at(-1)).toEqual({ channel: event, listener: handler });
    }
    expect([...run.listeners.keys()].sort()).toEqual([...EVENT_NAMES].sort());
    expect(() => on('not.an.event', () => undefined)).toThrow();
    expect(run.listeners.has('not.an.event')).toBe(false);
  });

  it('lets no ipcRenderer, require, module or other Electron object through to the page', () => {
    const { values, keys } = reachable(spheres);
    for (const privileged of run.privileged) expect(values.has(privileged)).toBe(false);
    for (const name of ['ipcRenderer', 'contextBridge', 'require', 'module', 'process', 'Buffer', 'invoke', 'send', 'sendSync']) {
      expect(keys.has(name), name).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The main process, imported with a stand-in for Electron.

interface LogEntry {
  api: string;
  args: unknown[];
}
interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: { code: string };
}
interface MainReport {
  error?: string;
  failures: string[];
  log: LogEntry[];
  ipcChannels: string[];
  protocolSchemes: string[];
  windows: { options: { webPreferences?: Record<string, unknown> }; loadedUrl: string | null }[];
  mainWindowLoaded: string | null;
  webContents: {
    listenerCount: number;
    hasWindowOpenHandler: boolean;
    windowOpen: Record<string, { answer: { action: string } | null; openedExternally: string[] }>;
    willNavigate: Record<string, { listeners: number; prevented: boolean }>;
    willAttachWebview: { listeners: number; prevented: boolean };
  };
  permissions: { request: Record<string, unknown>; check: Record<string, unknown> };
  protocol: Record<string, { status: number; csp: string | null; looksLikeTheApp: boolean }>;
  ipc: { trusted: Envelope; foreignOrigin: Envelope; subframe: Envelope; invalidInput: Envelope };
}

describe('the built main process (out/main/index.js), started with a stand-in for Electron', () => {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-built-main-'));
  let report: MainReport;

  beforeAll(async () => {
    const reportFile = path.join(tempDir, 'report.json');
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(process.execPath, [HARNESS, OUT_MAIN, tempDir, reportFile], { cwd: tempDir, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, output: `${stdout}\n${stderr}` });
      });
    });
    if (!existsSync(reportFile)) throw new Error(`the harness wrote no report (exit ${code}):\n${output}`);
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as MainReport;
    if (report.error !== undefined || code !== 0) throw new Error(`the built main process did not start (exit ${code}): ${report.error ?? ''}\n${output}`);
  }, 90_000);

  afterAll(() => {
    rmSync(tempDir, { recursive: true, force: true });
  });

  const indexOf = (api: string): number => report.log.findIndex((entry) => entry.api === api);
  const calls = (api: string): LogEntry[] => report.log.filter((entry) => entry.api === api);
  const READY = '(harness) app is ready';

  it('starts without an error box and keeps its data in the folder Electron gives it', () => {
    expect(report.failures).toEqual([]);
    expect(readdirSync(path.join(tempDir, 'userData')).length).toBeGreaterThan(0);
  });

  it('enables the sandbox for every renderer before the app is ready', () => {
    expect(calls('app.enableSandbox')).toHaveLength(1);
    expect(indexOf(READY)).toBeGreaterThan(0);
    expect(indexOf('app.enableSandbox')).toBeLessThan(indexOf(READY));
  });

  it('registers app:// as a privileged scheme before the app is ready and serves the built renderer through it with the CSP', () => {
    expect(calls('protocol.registerSchemesAsPrivileged')).toEqual([
      { api: 'protocol.registerSchemesAsPrivileged', args: [[{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]] },
    ]);
    expect(indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(indexOf(READY));
    expect(report.protocolSchemes).toEqual(['app']);
    const index = present(report.protocol['app://spheres/index.html'], 'the answer for app://spheres/index.html');
    expect(index).toMatchObject({ status: 200, looksLikeTheApp: true });
    expect(index.csp).toMatch(/script-src 'self'/);
    expect(index.csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(report.protocol['app://elsewhere/index.html']?.status).toBe(404);
    expect(report.protocol['app://spheres/%2e%2e/%2e%2e/package.json']?.status).toBe(404);
  });

  it('registers one IPC handler per contract method, each checking the sender and the input', () => {
    expect([...report.ipcChannels].sort()).toEqual([...METHOD_NAMES].sort());
    expect(new Set(report.ipcChannels).size).toBe(report.ipcChannels.length);
    expect(report.ipc.trusted).toMatchObject({ ok: true, value: { name: 'Spheres', transport: 'electron' } });
    expect(report.ipc.foreignOrigin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.ipc.subframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.ipc.invalidInput).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('creates one window with the secure preferences and the built preload, loading app://', () => {
    expect(report.windows).toHaveLength(1);
    const window = present(report.windows[0], 'the main window');
    expect(window.options.webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
    const preload = window.options.webPreferences?.preload;
    expect(preload).toBe(OUT_PRELOAD);
    expect(existsSync(String(preload))).toBe(true);
    expect(window.loadedUrl).toBe('app://spheres/index.html');
  });

  it('denies every permission a page asks for or checks, but writing plain text to the clipboard', () => {
    const { request, check } = report.permissions;
    expect(Object.keys(request).length).toBeGreaterThan(5);
    for (const answers of [request, check]) {
      for (const [permission, granted] of Object.entries(answers)) {
        expect(granted, permission).toBe(permission === 'clipboard-sanitized-write');
      }
    }
  });

  it('keeps running in the tray with a 16 and 32 px icon and the menu Open Spheres, New Post, Outbox, Quit', () => {
    const trays = calls('new Tray');
    expect(trays).toHaveLength(1);
    // Linux (where the harness runs) shows the app's colours; only macOS gets the template image.
    expect(trays[0]?.args[0]).toMatchObject({ origin: 'buffer', isPng: true, representations: [1, 2], template: false });
    const menus = calls('Tray.setContextMenu');
    expect(menus).toHaveLength(1);
    const template = (menus[0]?.args[0] as { template: { label?: string; type?: string }[] }).template;
    expect(template.map((item) => item.label ?? item.type)).toEqual(['Open Spheres', 'separator', 'New Post', 'Outbox', 'separator', 'Quit Spheres']);
    expect(calls('Tray.setToolTip')).toEqual([{ api: 'Tray.setToolTip', args: ['Spheres'] }]);
  });

  it('applies Open at login from the settings when it starts, off by default', () => {
    expect(calls('app.setLoginItemSettings')).toEqual([{ api: 'app.setLoginItemSettings', args: [{ openAtLogin: false }] }]);
  });

  it('listens for waking from sleep and unlocking the screen', () => {
    const events = calls('powerMonitor.on').map((entry) => entry.args[0]);
    expect(events).toEqual(['resume', 'unlock-screen']);
  });

  it('blocks navigation and web views in every web contents, and opens no new window', () => {
    const contents = report.webContents;
    expect(contents.listenerCount).toBe(1);
    expect(contents.hasWindowOpenHandler).toBe(true);
    for (const [url, outcome] of Object.entries(contents.willNavigate)) expect(outcome, url).toEqual({ listeners: 1, prevented: true });
    expect(contents.willAttachWebview.prevented).toBe(true);
    for (const [url, outcome] of Object.entries(contents.windowOpen)) {
      expect(outcome.answer, url).toEqual({ action: 'deny' });
      // Only an allow-listed https link goes to the system browser.
      expect(outcome.openedExternally, url).toEqual(url === 'https://github.com/spheres' ? [url] : []);
    }
  });
});
