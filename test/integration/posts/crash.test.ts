import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PostsService } from '../../../electron/core/posts';
import type { StoreRecovered } from '../../../electron/core/storage';
import { removeTempDirs, tempDir } from '../../support/storage-fixtures';

afterAll(removeTempDirs);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WRITER = path.join(ROOT, 'test/support/storage-crash-writer.ts');
const KILLS = 55;

interface Run {
  acked: Map<string, number>;
  stderr: string;
  recovered: string[];
}

/** Starts the writer, lets it autosave for `ms` after its first acknowledged save, then SIGKILLs it. */
function runAndKill(dataDir: string, ms: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<string, number>();
    const recovered: string[] = [];
    let stderr = '';
    let buffered = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const ack = /^ack (\S+) (\d+)$/.exec(line);
        if (ack?.[1] !== undefined && ack[2] !== undefined) {
          acked.set(ack[1], Math.max(acked.get(ack[1]) ?? 0, Number(ack[2])));
          timer ??= setTimeout(() => child.kill('SIGKILL'), ms);
        } else if (line.startsWith('recovered ')) {
          recovered.push(line);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer !== null) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the writer stopped by itself (code ${code}): ${stderr}`));
      else resolve({ acked, stderr, recovered });
    });
  });
}

function counterIn(text: string): number {
  return Number(/ n=(\d+) /.exec(text)?.[1] ?? -1);
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('a crash at any moment', () => {
  it(
    `loses no acknowledged save and damages no file across ${KILLS} SIGKILLs of an autosaving writer`,
    async () => {
      const dataDir = tempDir('spheres-crash-');
      const acked = new Map<string, number>();
      let acksTotal = 0;
      for (let round = 1; round <= KILLS; round++) {
        const run = await runAndKill(dataDir, 20 + Math.floor(Math.random() * 131));
        expect(run.recovered, `round ${round}: the writer had to recover a file`).toEqual([]);
        for (const [id, n] of run.acked) acked.set(id, Math.max(acked.get(id) ?? 0, n));
        acksTotal += run.acked.size;

        // Every store file that is not a temp file must parse: no torn writes, ever.
        for (const file of allFiles(path.join(dataDir, 'posts'))) {
          expect(file, `round ${round}`).not.toContain('.corrupt-');
          if (file.endsWith('.json') || /\.json\.bak\d$/.test(file)) expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
        }

        const notices: StoreRecovered[] = [];
        const posts = await PostsService.open({
          dataDir,
          foldAfterIdleMs: 0,
          retryDelaysMs: [],
          prefetchCurrentMonth: false,
          onRecovered: (n) => notices.push(n),
        });
        expect(notices, `round ${round}`).toEqual([]);
        for (const [id, n] of acked) {
          const post = await posts.get(id);
          expect(counterIn(post.text), `round ${round}: ${id} lost its save n=${n}`).toBeGreaterThanOrEqual(n);
        }
      }
      expect(acksTotal).toBeGreaterThan(KILLS);
    },
    120_000,
  );
});
