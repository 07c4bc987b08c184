import path from 'node:path';
import { GuardrailOverrideSchema, type GuardrailOverride } from '../../../common/domain';
import type { StorageFs } from '../storage';
import { SerialQueue } from '../storage/serial-queue';

/**
 * Every "post anyway" past a guardrail, for the company's compliance officer: one JSON line per
 * override in guardrails/overrides.jsonl, only ever appended. Each line is written whole in one
 * append and synced before the post goes on; a line cut off by a crash is left out when read.
 */
export class OverrideRecord {
  readonly #fs: StorageFs;
  readonly #file: string;
  readonly #queue = new SerialQueue();
  #cache: GuardrailOverride[] | null = null;

  constructor(options: { fs: StorageFs; dataDir: string }) {
    this.#fs = options.fs;
    this.#file = path.join(options.dataDir, 'guardrails', 'overrides.jsonl');
  }

  get file(): string {
    return this.#file;
  }

  async list(): Promise<GuardrailOverride[]> {
    if (this.#cache !== null) return [...this.#cache];
    let text = '';
    try {
      text = (await this.#fs.readFile(this.#file)).toString('utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    }
    const entries: GuardrailOverride[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = GuardrailOverrideSchema.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
      } catch {
        // A line cut off by a crash mid-append: the override it held was never acted on.
      }
    }
    this.#cache = entries;
    return [...entries];
  }

  /** The overrides given for one post: what its sending no longer stops for. */
  async forPost(postId: string): Promise<GuardrailOverride[]> {
    return (await this.list()).filter((entry) => entry.postId === postId);
  }

  async append(entries: readonly GuardrailOverride[]): Promise<void> {
    if (entries.length === 0) return;
    const lines = entries.map((entry) => JSON.stringify(GuardrailOverrideSchema.parse(entry))).join('\n');
    await this.#queue.run(async () => {
      const existing = await this.list();
      await this.#fs.mkdir(path.dirname(this.#file), { recursive: true });
      // After a cut-off line the next entry starts on a line of its own.
      let prefix = '';
      try {
        const bytes = await this.#fs.readFile(this.#file);
        if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) prefix = '\n';
      } catch {
        // No file yet.
      }
      const file = await this.#fs.openAppend(this.#file);
      try {
        await file.append(`${prefix}${lines}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      this.#cache = [...existing, ...entries];
    });
  }
}

const CSV_COLUMNS = ['at', 'postId', 'action', 'rule', 'ruleId', 'detail', 'postTime', 'tone', 'networks'] as const;
const CSV_HEADER = ['When', 'Post', 'Action', 'Rule', 'Rule id', 'Period or word', 'Post time', 'Tone', 'Networks'];

/**
 * RFC 4180: fields with a comma, quote or line break in double quotes, quotes doubled, CRLF between
 * records. A field a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' (OWASP).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function overridesCsv(entries: readonly GuardrailOverride[]): string {
  const rows = entries.map((entry) =>
    CSV_COLUMNS.map((column) => {
      const value = entry[column];
      return csvField(Array.isArray(value) ? value.join(' ') : (value ?? ''));
    }).join(','),
  );
  return [CSV_HEADER.map(csvField).join(','), ...rows].join('\r\n') + '\r\n';
}
