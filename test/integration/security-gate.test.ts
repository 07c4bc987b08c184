import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * `npm run security` (scripts/security.mjs) run against temporary copies of the project's
 * sources, each with one flaw planted in electron/main/index.ts, an already accepted file. The
 * gate must fail on each and name the new finding; the unmodified copy must pass. All copies are
 * scanned at once (Electronegativity takes a few seconds per run).
 */

const root = path.resolve(import.meta.dirname, '../..');
const GATE = path.join(root, 'scripts/security.mjs');
const MAIN = 'electron/main/index.ts';
const SOURCES = ['electron', 'renderer', 'common', 'security', 'package.json'];

interface GateRun {
  code: number | null;
  output: string;
  /** The line of the planted code in the copy, for naming the finding. */
  plantedLine: number;
}

/** Replaces exactly one occurrence of `anchor`, so a test cannot pass by planting nothing. */
function replaceOnce(text: string, anchor: string, replacement: string): string {
  const first = text.indexOf(anchor);
  if (first < 0 || text.indexOf(anchor, first + 1) >= 0) {
    throw new Error(`${MAIN} no longer contains exactly one "${anchor}": update this test's plant`);
  }
  return text.slice(0, first) + replacement + text.slice(first + anchor.length);
}

const INSECURE_WINDOW =
  "    const remote = new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true, sandbox: false } });\n    void remote.loadURL('https://example.com/');\n";

/** Each scenario edits the copy's main file; `marker` finds the planted line afterwards. */
const SCENARIOS: Record<string, { plant: (main: string) => string; marker: string | null }> = {
  unmodified: { plant: (main) => main, marker: null },
  insecureRemoteWindow: {
    plant: (main) => replaceOnce(main, '    mainWindow = createWindow(!hidden);\n', `    mainWindow = createWindow(!hidden);\n${INSECURE_WINDOW}`),
    marker: 'const remote = new BrowserWindow',
  },
  // The accepted main window keeps its line and its first line's text; only its options change.
  mainWindowMadeInsecure: {
    plant: (main) =>
      replaceOnce(
        main,
        'webPreferences: secureWebPreferences(preloadPath),',
        'webPreferences: { preload: preloadPath, contextIsolation: false, sandbox: false, nodeIntegration: true },',
      ),
    marker: 'webPreferences: { preload: preloadPath, contextIsolation: false',
  },
  // The accepted sign-in openExternal, with its guard gone: any URL, any scheme.
  signInGuardRemoved: {
    plant: (main) => replaceOnce(main, "if (!isSignInUrl(url)) throw new Error('the sign-in address is not a secure https address');", 'void isSignInUrl;'),
    marker: 'await shell.openExternal(url);',
  },
  // The tool's own suppression comment would hide the window from the scan altogether.
  suppressedByComment: {
    plant: (main) =>
      replaceOnce(
        main,
        '    mainWindow = createWindow(!hidden);\n',
        `    mainWindow = createWindow(!hidden);\n${INSECURE_WINDOW.replace('\n', ' // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK\n')}`,
      ),
    marker: 'const remote = new BrowserWindow',
  },
};

const workDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-gate-'));
const runs = new Map<string, GateRun>();

/** The planted window's copy is named by SPHERES_SECURITY_ROOT, the others by --root: both ways are used. */
function runGate(projectRoot: string, byEnvironment: boolean): Promise<{ code: number | null; output: string }> {
  const args = byEnvironment ? [GATE] : [GATE, '--root', projectRoot];
  const env = byEnvironment ? { ...process.env, SPHERES_SECURITY_ROOT: projectRoot } : process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

beforeAll(async () => {
  await Promise.all(
    Object.entries(SCENARIOS).map(async ([name, { plant, marker }]) => {
      const copy = path.join(workDir, name);
      for (const entry of SOURCES) cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
      const mainFile = path.join(copy, MAIN);
      const planted = plant(readFileSync(mainFile, 'utf8'));
      writeFileSync(mainFile, planted);
      const plantedLine = marker === null ? 0 : planted.split('\n').findIndex((line) => line.includes(marker)) + 1;
      runs.set(name, { ...(await runGate(copy, name === 'insecureRemoteWindow')), plantedLine });
    }),
  );
}, 180_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function run(name: keyof typeof SCENARIOS): GateRun {
  const result = runs.get(name);
  if (result === undefined) throw new Error(`the gate did not run for ${name}`);
  return result;
}

/** The "New findings" section of the gate's output: the findings it names. */
function newFindings(output: string): string {
  const at = output.indexOf('New findings (not in the baseline):');
  return at < 0 ? '' : output.slice(at);
}

describe('the security gate (npm run security)', () => {
  it('passes the project as it is, with every baseline entry still matching a finding', () => {
    const { code, output } = run('unmodified');
    expect(output).toMatch(/\d+ finding\(s\), \d+ accepted by the baseline, 0 new/);
    expect(output).not.toContain('no longer matches');
    expect(code, output).toBe(0);
  });

  it('fails on an unsandboxed, unisolated window loading a remote page, added to an accepted file', () => {
    const { code, output, plantedLine } = run('insecureRemoteWindow');
    expect(code, output).toBe(1);
    const named = newFindings(output);
    expect(named).toContain(`CONTEXT_ISOLATION_JS_CHECK  ${MAIN}:${plantedLine}:`);
    expect(named).toContain(`SANDBOX_JS_CHECK  ${MAIN}:${plantedLine}:`);
    expect(output).not.toContain('no longer matches');
  });

  it('fails when the accepted main window is given insecure preferences on the same line', () => {
    const { code, output, plantedLine } = run('mainWindowMadeInsecure');
    expect(code, output).toBe(1);
    expect(newFindings(output)).toContain(`CONTEXT_ISOLATION_JS_CHECK  ${MAIN}:${plantedLine}:`);
    expect(newFindings(output)).toContain(`SANDBOX_JS_CHECK  ${MAIN}:${plantedLine}:`);
    // The old entries no longer match: the reviewer is told to drop them.
    expect(output).toContain('baseline entry no longer matches any finding: CONTEXT_ISOLATION_JS_CHECK');
  });

  it('fails when the guard before the accepted sign-in openExternal is removed', () => {
    const { code, output, plantedLine } = run('signInGuardRemoved');
    expect(code, output).toBe(1);
    expect(newFindings(output)).toContain(`OPEN_EXTERNAL_JS_CHECK  ${MAIN}:${plantedLine}:`);
  });

  it('refuses an eng-disable comment that hides a finding from the scan', () => {
    const { code, output, plantedLine } = run('suppressedByComment');
    expect(code, output).toBe(1);
    expect(output).toContain(`eng-disable  ${MAIN}:${plantedLine}`);
  });
});
