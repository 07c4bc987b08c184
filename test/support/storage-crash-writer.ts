/**
 * Autosaves drafts in a loop until it is killed, printing each save once it is acknowledged
 * (`ack <id> <n>`, where n is also written into the post's text). The crash test kills it with
 * SIGKILL at random moments and checks that every acknowledged save is still there.
 *
 *   node --import tsx test/support/storage-crash-writer.ts <data dir>
 *
 * Besides plain autosaves it moves drafts between months, folds recent saves into month files
 * (every few saves) and imports small batches, so a kill can land inside each of those.
 */
import { PostsService, type StoredPost } from '../../electron/core/posts';
import { testPost } from './posts';

const dataDir = process.argv[2];
if (dataDir === undefined) {
  process.stderr.write('usage: storage-crash-writer.ts <data dir>\n');
  process.exit(2);
}

const DRAFTS = Array.from({ length: 6 }, (_, i) => `crash-draft-${i}`);
const MONTHS = ['2026-10', '2026-11', '2026-12'];

function counterIn(text: string): number {
  return Number(/ n=(\d+) /.exec(text)?.[1] ?? 0);
}

function say(line: string): void {
  // Pipes are written synchronously on Linux, so a printed ack is never lost by the kill.
  process.stdout.write(`${line}\n`);
}

async function main(dir: string): Promise<void> {
  const posts = await PostsService.open({
    dataDir: dir,
    foldAfterIdleMs: 0,
    foldWhenRecentExceeds: 3,
    retryDelaysMs: [],
    onRecovered: (notice) => say(`recovered ${JSON.stringify(notice)}`),
  });

  // Continue each draft's counter from what is on disk, so counters only grow across runs.
  let counter = 0;
  for (const id of DRAFTS) {
    const text = await posts.get(id).then((p) => p.text, () => '');
    counter = Math.max(counter, counterIn(text));
  }
  let batch = 0;
  say('ready');

  for (let i = 0; ; i++) {
    counter++;
    const id = DRAFTS[i % DRAFTS.length] ?? 'crash-draft-0';
    const filler = 'lorem ipsum '.repeat(5 + (counter % 150));
    const month = MONTHS[counter % MONTHS.length] ?? '2026-11';
    const planned = i % 7 === 0 ? { at: `${month}-15T12:00:00.000Z`, zone: 'Europe/Copenhagen' } : undefined;
    await posts.saveDraft({ id, text: `draft ${id} n=${counter} ${filler}`, ...(planned ? { planned } : {}) });
    say(`ack ${id} ${counter}`);

    if (i % 25 === 24) {
      batch++;
      const at = new Date().toISOString();
      const records: StoredPost[] = Array.from({ length: 5 }, (_, k) => ({
        post: testPost({ id: `crash-import-${process.pid}-${batch}-${k}`, createdAt: at, updatedAt: at, tone: 'blend', text: `imported n=${counter} ` }),
        deletedAt: null,
      }));
      await posts.importPosts(records);
      for (const record of records) say(`ack ${record.post.id} ${counter}`);
    }
  }
}

main(dataDir).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
