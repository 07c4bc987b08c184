/**
 * Takes the data folder's sender lock and keeps it until killed or told `release` on stdin.
 * Prints one JSON line with the outcome, and `released` after a release.
 *
 *   node --import tsx test/support/sender-lock-holder.ts <data dir>
 */
import os from 'node:os';
import { isProcessAliveOnThisHost, SenderLock } from '../../electron/core/outbox/sender-lock';
import { nodeStorageFs } from '../../electron/core/storage';

const dataDir = process.argv[2];
if (dataDir === undefined) {
  process.stderr.write('usage: sender-lock-holder.ts <data dir>\n');
  process.exit(2);
}

const lock = new SenderLock({
  fs: nodeStorageFs,
  dataDir,
  now: () => new Date(),
  timers: { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
  pid: process.pid,
  host: os.hostname(),
  isProcessAlive: isProcessAliveOnThisHost,
  holder: 'the lock test',
});

const result = await lock.acquire();
process.stdout.write(`${JSON.stringify({ pid: process.pid, ...result })}\n`);
if (!result.ok) process.exit(0);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text: string) => {
  if (!text.includes('release')) return;
  void lock.release().then(() => {
    process.stdout.write('released\n');
    process.exit(0);
  });
});
