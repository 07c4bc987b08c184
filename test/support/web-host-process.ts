import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningWebHost {
  /** The address with the token, as printed by `npm run start:web`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the host printed on stdout and stderr so far: its log. */
  output(): string;
  stop(): Promise<void>;
  /** Sends a signal, as Ctrl-C (SIGINT) or a service manager (SIGTERM) would. */
  kill(signal: NodeJS.Signals): void;
  /** How the process ended: its exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface WebHostProcessOptions {
  /** Extra environment, e.g. SPHERES_VAULT or SPHERES_TEST_ACCOUNTS. */
  env?: Record<string, string>;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Starts the real web host CLI as a child process, the same command `npm run start:web` runs. */
export async function startWebHostProcess(
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-e2e-')),
  options: WebHostProcessOptions = {},
): Promise<RunningWebHost> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', SPHERES_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let done = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (done) output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (done) output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      if (done) return;
      output += chunk.toString();
      const match = /Spheres web host: (\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        done = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output: () => output,
    kill: (signal) => void child.kill(signal),
    exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
