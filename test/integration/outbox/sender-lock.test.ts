import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HOLDER = path.join(ROOT, 'test/support/sender-lock-holder.ts');

interface Outcome {
  pid: number;
  ok: boolean;
  code?: string;
  message?: string;
  holder?: { pid: number; host: string } | null;
}

const children: ChildProcessWithoutNullStreams[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A separate Node process that tries to take the lock; resolves with what it printed first. */
function takeLock(dataDir: string): Promise<{ child: ChildProcessWithoutNullStreams; outcome: Outcome; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length === 1) resolve({ child, outcome: JSON.parse(line) as Outcome, lines });
      }
    });
    child.on('exit', (code) => {
      if (lines.length === 0) reject(new Error(`the lock holder exited with ${code} before answering: ${stderr}`));
    });
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

function dataFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'spheres-lock-'));
  folders.push(folder);
  return folder;
}

const lockFile = (dataDir: string) => path.join(dataDir, 'outbox', 'sender.lock');

describe('the data folder sender lock, between real processes', () => {
  it('lets one process send, refuses the next with who holds it, and lets a third take over once the first is killed', async () => {
    const dataDir = dataFolder();
    const first = await takeLock(dataDir);
    expect(first.outcome).toEqual({ pid: first.child.pid, ok: true });
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: first.child.pid, host: os.hostname(), holder: 'the lock test' });

    const second = await takeLock(dataDir);
    expect(second.outcome).toMatchObject({ ok: false, code: 'sender_lock_held', holder: { pid: first.child.pid, host: os.hostname() } });
    expect(second.outcome.message).toBe(
      `The lock test (process ${first.child.pid} on ${os.hostname()}) is sending posts from this data folder, so this one does not. Close it to send from here.`,
    );
    await exited(second.child);
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: first.child.pid });

    first.child.kill('SIGKILL');
    await exited(first.child);
    // The killed holder's file is still there; its process is gone on this host, so it is stale at once.
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: first.child.pid });
    const third = await takeLock(dataDir);
    expect(third.outcome).toEqual({ pid: third.child.pid, ok: true });
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: third.child.pid });

    third.child.stdin.write('release\n');
    await exited(third.child);
    expect(third.lines).toContain('released');
    expect(existsSync(lockFile(dataDir))).toBe(false);
    // Nothing else is left behind in the outbox folder: no temporary or moved-aside files.
    expect(readdirSync(path.join(dataDir, 'outbox'))).toEqual([]);
  });

  it('gives the lock to exactly one of several processes that start together', async () => {
    const dataDir = dataFolder();
    const all = await Promise.all(Array.from({ length: 4 }, () => takeLock(dataDir)));
    const winners = all.filter((each) => each.outcome.ok);
    expect(winners).toHaveLength(1);
    for (const loser of all.filter((each) => !each.outcome.ok)) {
      expect(loser.outcome).toMatchObject({ code: 'sender_lock_held', holder: { pid: winners[0]!.child.pid } });
    }
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: winners[0]!.child.pid });
  });
});
