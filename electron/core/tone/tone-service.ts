import path from 'node:path';
import type { Post, Tone } from '../../../common/domain';
import { MAX_FEATURE_CHARS } from '../../../common/tone/tone-features';
import { createToneSuggester, type ToneSuggester, type ToneSuggestion } from '../../../common/tone/suggest';
import { readStoreFile, writeFileAtomic, type OnRecovered, type StorageFs } from '../storage';
import { SerialQueue } from '../storage/serial-queue';
import { TONE_FILE_NAME, ToneFileSchema, type ToneFile } from './tone-file';

/** Two copies: writeFileAtomic refreshes .bak1 only by shifting it to .bak2, so with one, .bak1 would keep the first state forever. */
const BACKUPS = 2;

export interface ToneServiceOptions {
  fs: StorageFs;
  dataDir: string;
  now: () => Date;
  onRecovered: OnRecovered;
}

/**
 * The tone suggester of this library: suggests a tone for a text and learns from every tone the
 * person sets or confirms (the core calls `observe` after each save that names a tone). Its state
 * is one small file in the data folder, written atomically after each change with backups, so
 * a damaged file is set aside and the last good copy restored, as with every other store.
 */
export class ToneService {
  readonly #file: string;
  readonly #fs: StorageFs;
  readonly #queue = new SerialQueue();
  #suggester: ToneSuggester;
  #learnedPosts: Map<string, { tone: Tone; text: string }>;

  private constructor(options: ToneServiceOptions, state: ToneFile | null) {
    this.#fs = options.fs;
    this.#file = path.join(options.dataDir, TONE_FILE_NAME);
    this.#suggester = createToneSuggester({}, state?.suggester);
    this.#learnedPosts = new Map(Object.entries(state?.learnedPosts ?? {}));
  }

  static async open(options: ToneServiceOptions): Promise<ToneService> {
    const state = await readStoreFile(options.fs, path.join(options.dataDir, TONE_FILE_NAME), (bytes) => ToneFileSchema.parse(JSON.parse(bytes.toString('utf8'))), {
      backups: BACKUPS,
      now: options.now,
      canWrite: true,
      onRecovered: (notice) => options.onRecovered({ ...notice, kind: 'store' }),
    });
    return new ToneService(options, state);
  }

  suggest(text: string): ToneSuggestion | null {
    return this.#suggester.suggest(text);
  }

  /** How many tags it has learned from. */
  get learned(): number {
    return this.#suggester.learned;
  }

  /**
   * Learns from a post whose tone the person just set or confirmed. What the post taught before
   * (another tone, or an earlier text) is taken back first; a tone cleared (null) only takes it
   * back; the same tone and text again changes nothing. Resolves once the state is on disk.
   */
  async observe(post: Pick<Post, 'id' | 'text' | 'tone'>): Promise<void> {
    const before = this.#learnedPosts.get(post.id);
    const text = post.text.slice(0, MAX_FEATURE_CHARS);
    if (post.tone !== null && (text.trim() === '' || (before?.tone === post.tone && before.text === text))) return;
    if (post.tone === null && before === undefined) return;
    if (before !== undefined) {
      this.#suggester.unlearn(before.text, before.tone);
      this.#learnedPosts.delete(post.id);
    }
    if (post.tone !== null) {
      this.#suggester.learn(text, post.tone);
      this.#learnedPosts.set(post.id, { tone: post.tone, text });
    }
    await this.#save();
  }

  /** The whole state, for the library export. */
  state(): ToneFile {
    return { suggester: this.#suggester.toJSON(), learnedPosts: Object.fromEntries(this.#learnedPosts) };
  }

  /**
   * A library import brings its own state: taken only when this library has learned nothing yet
   * (a new computer), since adding it to what is here would count each shared tag twice.
   */
  async adopt(state: ToneFile): Promise<boolean> {
    if (this.#suggester.learned > 0) return false;
    this.#suggester = createToneSuggester({}, state.suggester);
    this.#learnedPosts = new Map(Object.entries(state.learnedPosts));
    await this.#save();
    return true;
  }

  #save(): Promise<void> {
    // Serialised at write time, in queue order: the file always ends with the newest state.
    return this.#queue.run(() => writeFileAtomic(this.#fs, this.#file, JSON.stringify(this.state()), { backups: BACKUPS }));
  }
}
