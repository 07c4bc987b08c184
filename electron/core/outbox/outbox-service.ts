import { AppError } from '../../../common/api';
import type { Account, GuardrailConfirmation, NetworkIdValue, OutboxEntry, Post, Settings } from '../../../common/domain';
import { isClear } from '../../../common/guardrails';
import type { GuardrailsPort } from '../guardrails';
import { canPostByHand, NETWORK_INFO } from '../../../common/networks';
import type { EventBus } from '../events';
import type { PostsService } from '../posts';
import type { OnRecovered, StorageFs } from '../storage';
import { assistedIntentOf, assistedKit, BY_HAND, confirmedRemote, goesByHand, type AssistedKit } from './assisted';
import type { SendIntent } from './intent-file';
import type { MediaHostPort } from './media-host';
import { OutboxEngine } from './outbox-engine';
import { entryOf, resultsOf, targetView } from './outbox-view';
import { PublishFailure } from './publish-failure';
import type { CredentialsPort, Publisher } from './publisher';
import { OutboxScheduler, type PowerPort, type TimerPort } from './scheduler';
import { outboxSchedulerPort } from './scheduler-outbox-port';
import type { SenderLock } from './sender-lock';
import { threadParts } from './thread-parts';

export interface OutboxServiceOptions {
  fs: StorageFs;
  dataDir: string;
  now(): Date;
  random(): number;
  posts: PostsService;
  accounts: CredentialsPort & { list(): Account[] };
  settings: { get(): Settings };
  events: EventBus;
  publishers: Readonly<Partial<Record<NetworkIdValue, Publisher>>>;
  timers: TimerPort;
  power: PowerPort;
  /** One sender per data folder; absent in tests that run a single process. */
  lock?: SenderLock;
  onRecovered?: OnRecovered;
  /** A send that failed on the disk, not the network: logged, the scheduler tries again later. */
  onSendError?(error: unknown, intentId: string): void;
  /**
   * The media host Threads and Instagram post images through; absent or answering null: none is
   * set up, and their image posts go out by hand (assisted.ts).
   */
  mediaHost?: MediaHostPort;
  /** The image bytes an assisted post's folder gets (the media library's read). */
  readMedia?(mediaId: string): Promise<Uint8Array>;
  /**
   * Quiet periods and watched words: checked when a post is queued (a confirmation must name every
   * one it meets) and again when it is sent. Absent: no guardrails (tests of other things).
   */
  guardrails?: GuardrailsPort;
  /** Test hook: the engine's backoff. */
  backoff?: ConstructorParameters<typeof OutboxEngine>[0]['backoff'];
}

/** One account a post goes to, with its text split into the network's thread parts. */
interface PlannedTarget {
  network: NetworkIdValue;
  accountId: string;
  parts: string[];
  /** Posted by the person by hand (assisted.ts). */
  assisted: boolean;
}

/** Statuses of a post that nothing has been sent of. */
const NOT_SENT: ReadonlySet<Post['status']> = new Set(['draft', 'queued', 'scheduled']);

/** How long a published post stays in the Outbox list; the calendar keeps it for good. */
const PUBLISHED_SHOWN_MS = 30 * 24 * 3_600_000;

/**
 * The outbox as the app uses it: a post's accounts become send intents, the scheduler sends them
 * when due, and every change is written back to the post (status, results with links) and told
 * to the windows (`outbox.changed`). The engine keeps exactly-once; this keeps the person informed.
 */
export class OutboxService {
  readonly #options: OutboxServiceOptions;
  readonly #engine: OutboxEngine;
  readonly #scheduler: OutboxScheduler;
  /** Post ids whose write-back is under way, chained so a post's results are written in order. */
  readonly #writeBacks = new Map<string, Promise<void>>();
  #unsubscribe: (() => void) | null = null;
  #started = false;

  /** Posts whose intents were found damaged at open (restored or lost): left for the person. */
  readonly #damaged = new Set<string>();
  /** Who sends for this data folder when this process may not (it did not get the sender lock at open); null: this process sends. */
  readonly #otherSender: string | null;

  private constructor(options: OutboxServiceOptions, otherSender: string | null) {
    this.#options = options;
    this.#otherSender = otherSender;
    this.#engine = new OutboxEngine({
      readOnly: otherSender !== null,
      fs: options.fs,
      dataDir: options.dataDir,
      now: options.now,
      random: options.random,
      publishers: options.publishers,
      credentials: options.accounts,
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      onRecovered: (notice) => {
        // An intent damaged on disk may have been sent: its post is never completed with a new key.
        for (const postId of [...(notice.postIds ?? []), ...(notice.lostPostIds ?? [])]) this.#damaged.add(postId);
        options.onRecovered?.(notice);
      },
      onChange: (intent) => this.#changed(intent.postId),
      onRemoved: (intent) => this.#changed(intent.postId),
      beforeSend: async (intent) => {
        await this.#checkTone(intent);
        await this.#checkGuardrails(intent);
      },
      // A post the person posts by hand is handed over at its time: the guardrails hold there too.
      beforeHandOver: (intent) => this.#checkGuardrails(intent),
    });
    const lock = options.lock;
    this.#scheduler = new OutboxScheduler({
      now: options.now,
      timers: options.timers,
      power: options.power,
      outbox: outboxSchedulerPort(this.#engine),
      graceMs: options.settings.get().missedGraceMinutes * 60_000,
      ...(lock === undefined ? {} : { maySend: async () => (lock.held ? lock.confirm() : (await lock.acquire()).ok) }),
      ...(options.onSendError === undefined ? {} : { onSendError: options.onSendError }),
    });
  }

  /** Reads the outbox from disk (a send cut off by a crash becomes `unknown`, asked about before any resend). */
  static async open(options: OutboxServiceOptions): Promise<OutboxService> {
    // One process per data folder keeps the outbox: the one holding the sender lock. Another (a web
    // host beside the desktop app) shows it but changes nothing, or it would fold the journal the
    // sender is appending to.
    const lock = options.lock === undefined ? ({ ok: true } as const) : await options.lock.acquire();
    const otherSender = lock.ok ? null : (lock.holder?.holder ?? 'another Spheres');
    const service = new OutboxService(options, otherSender);
    await service.#engine.open();
    return service;
  }

  /** Refuses a change while another process sends for this data folder, naming it. */
  #assertSender(): void {
    if (this.#otherSender === null) return;
    throw new AppError(
      'invalid_input',
      `${this.#otherSender.charAt(0).toUpperCase()}${this.#otherSender.slice(1)} is sending posts for this data folder. Post from there, or close it and restart this one.`,
      { holder: this.#otherSender },
    );
  }

  /**
   * Starts sending. A post whose time passed while the app was closed beyond the grace window
   * is marked "needs attention: missed its time" and never sent silently late.
   */
  async start(): Promise<void> {
    if (this.#started || this.#otherSender !== null) return;
    this.#started = true;
    await this.#completeInterrupted();
    const missed = this.#scheduler.start();
    for (const target of missed) {
      // A target posted by hand cannot be sent late on its own: it is handed to the person like any other time.
      if (this.#engine.get(target.id)?.target.assisted === true) await this.#engine.send(target.id);
      else await this.#engine.markMissed(target.id);
    }
    // A reconnected account: its targets waiting for it are due again.
    this.#unsubscribe = this.#options.events.subscribe((event, payload) => {
      if (event === 'accounts.changed') void this.#retryReconnected(payload as Account[]);
    });
  }

  /** After sleep, an unlocked screen, a connection back: look at the clock and the queue again. */
  wake(): void {
    this.#scheduler.wake();
  }

  async list(): Promise<OutboxEntry[]> {
    const now = this.#options.now().getTime();
    const accounts = this.#accountsById();
    const entries: OutboxEntry[] = [];
    for (const [postId, intents] of this.#byPost()) {
      // Posts published over a month ago are left out before their post is read: a long history costs no reads.
      const lastChange = intents.reduce((latest, intent) => Math.max(latest, Date.parse(intent.updatedAt)), 0);
      if (intents.every((intent) => intent.state === 'published') && now - lastChange >= PUBLISHED_SHOWN_MS) continue;
      const post = await this.#postOf(postId);
      if (post !== null) entries.push(this.#entry(post, intents, now, accounts));
    }
    for (const post of await this.#notSentYet()) entries.push(this.#entry(post, [], now, accounts));
    return entries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async entry(postId: string): Promise<OutboxEntry> {
    const post = await this.#options.posts.get(postId);
    const intents = this.#intentsOf(postId);
    if (intents.length === 0 && !(post.status === 'queued' || post.status === 'scheduled')) throw new AppError('not_found', 'That post is not in the outbox.', { postId });
    return this.#entry(post, intents);
  }

  /** Posts marked for the outbox with no intent at all: queued by an older Spheres, or cut off by a crash. */
  async #notSentYet(): Promise<Post[]> {
    const posts: Post[] = [];
    for (const status of ['queued', 'scheduled'] as const) {
      for (const post of await this.#options.posts.listRecent({ status, limit: Number.POSITIVE_INFINITY })) {
        if (this.#intentsOf(post.id).length === 0) posts.push(post);
      }
    }
    return posts;
  }

  /** Whether the outbox still has something of this post to send (a target not published). */
  holds(postId: string): boolean {
    return this.#intentsOf(postId).some((intent) => intent.state !== 'published');
  }

  /** Post now: every account of the post, at once (a scheduled post too, ahead of its time). */
  async postNow(postId: string, confirmed?: GuardrailConfirmation): Promise<OutboxEntry> {
    this.#assertSender();
    if (this.#intentsOf(postId).length > 0) {
      await this.#options.guardrails?.clear(await this.#options.posts.get(postId), this.#options.now().getTime(), confirmed, 'post_now');
      for (const intent of this.#intentsOf(postId)) await this.#engine.sendNow(intent.id);
      this.#scheduler.wake();
      return this.entry(postId);
    }
    return this.#enqueue(postId, null, { confirmed, action: 'post_now' });
  }

  /** Schedule: every account of the post, at its planned time. */
  async schedule(postId: string, confirmed?: GuardrailConfirmation): Promise<OutboxEntry> {
    this.#assertSender();
    const post = await this.#options.posts.get(postId);
    if (post.planned === null) throw new AppError('invalid_input', 'Choose a date and time before scheduling the post.', { postId });
    if (Date.parse(post.planned.at) <= this.#options.now().getTime()) {
      throw new AppError('invalid_input', 'That time has passed. Choose a later time, or Post now.', { postId });
    }
    if (this.#intentsOf(postId).length > 0) throw new AppError('invalid_input', 'This post is already in the outbox.', { postId });
    return this.#enqueue(postId, new Date(post.planned.at), { confirmed, action: 'schedule' });
  }

  /**
   * The calendar's move of a post in the outbox: a scheduled post goes at its new time (only while
   * none of it was sent); a post not in the outbox is only re-planned.
   */
  async replan(postId: string, planned: Post['planned']): Promise<Post> {
    const intents = this.#intentsOf(postId);
    if (intents.length > 0) {
      this.#assertSender();
      if (planned === null) throw new AppError('invalid_input', 'A scheduled post needs a time. Cancel it in the Outbox to take it off the calendar.', { postId });
      if (!intents.every((intent) => intent.state === 'queued' && intent.attempts === 0 && this.#engine.untouched(intent))) {
        throw new AppError('already_sending', 'Spheres has started sending this post, so its time can no longer change.', { postId });
      }
      for (const intent of intents) await this.#engine.reschedule(intent.id, new Date(planned.at));
      this.#scheduler.wake();
    }
    const post = await this.#options.posts.replan(postId, planned);
    this.#cache.set(postId, post);
    return post;
  }

  /** Retry: every failed, unknown or missed target of the post, now. Parts on the network stay. */
  async retry(postId: string, confirmed?: GuardrailConfirmation): Promise<OutboxEntry> {
    this.#assertSender();
    const intents = this.#intentsOf(postId);
    if (intents.length === 0) throw new AppError('not_found', 'That post is not in the outbox.', { postId });
    // A post stopped at send time by a guardrail goes again only once the person confirms it.
    await this.#options.guardrails?.clear(await this.#options.posts.get(postId), this.#options.now().getTime(), confirmed, 'retry');
    for (const intent of intents) {
      if (intent.state === 'failed_retryable' || intent.state === 'failed_permanent' || intent.state === 'unknown') await this.#engine.retry(intent.id);
    }
    this.#scheduler.wake();
    return this.entry(postId);
  }

  /** Cancel (and Edit): out of the outbox and back to the drafts, only while nothing can have been sent. */
  async cancel(postId: string): Promise<Post> {
    this.#assertSender();
    const intents = this.#intentsOf(postId);
    if (intents.length === 0) {
      const post = await this.#options.posts.get(postId);
      if (post.status !== 'queued' && post.status !== 'scheduled') throw new AppError('not_found', 'That post is not in the outbox.', { postId });
      return this.#options.posts.update(postId, { status: 'draft', results: [] });
    }
    if (!intents.every((intent) => this.#engine.untouched(intent))) {
      throw new AppError('already_sending', 'Spheres has started sending this post, so it can no longer be cancelled or edited.', { postId });
    }
    for (const intent of intents) await this.#engine.cancel(intent.id);
    await this.#writeBacks.get(postId);
    return this.#options.posts.update(postId, { status: 'draft', results: [] });
  }

  /** What the person needs to post an assisted target by hand: its text, its images in a folder, the compose page. */
  async assistedKit(postId: string, network: NetworkIdValue): Promise<AssistedKit> {
    const intent = assistedIntentOf(this.#engine.list(), postId, network);
    const readMedia = this.#options.readMedia;
    if (readMedia === undefined && (intent.extras?.media.length ?? 0) > 0) throw new Error('OutboxService needs readMedia to write an assisted post\'s images');
    return assistedKit({ fs: this.#options.fs, dataDir: this.#options.dataDir, readMedia: readMedia ?? (() => Promise.reject(new Error('no media'))) }, intent);
  }

  /**
   * The person posted an assisted target by hand: it is published with their link (null: posted
   * without one). Once only: a second confirmation with the same link changes nothing; another link is refused.
   */
  async confirmAssisted(postId: string, network: NetworkIdValue, url: string | null): Promise<OutboxEntry> {
    this.#assertSender();
    const intent = assistedIntentOf(this.#engine.list(), postId, network);
    const remote = confirmedRemote(network, url);
    if (intent.state === 'published') {
      const recorded = intent.parts[0]?.remote?.url ?? null;
      if (recorded !== (remote.url ?? null)) {
        throw new AppError('invalid_input', `This post is already recorded as posted on ${NETWORK_INFO[network].name}${recorded === null ? '' : ` (${recorded})`}.`, { postId, network, reason: 'already_recorded' });
      }
    } else {
      await this.#engine.confirmByHand(intent.id, remote);
    }
    await this.#writeBacks.get(postId);
    return this.entry(postId);
  }

  /** Whether Threads and Instagram images can go out through a media host now (else by hand). */
  async mediaHostReady(): Promise<boolean> {
    return (await this.#options.mediaHost?.()) != null;
  }

  async #mediaHostReady(): Promise<boolean> {
    return this.mediaHostReady();
  }

  /** Stops the scheduler (a send in flight finishes), closes the outbox's journal and gives up the sender lock. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    await this.#scheduler.stop();
    await Promise.all(this.#writeBacks.values());
    // Folds the journal into the intent files and closes it; then another process may send.
    await this.#engine.close();
    if (this.#otherSender === null) await this.#options.lock?.release();
  }

  /** Resolves when no send is in flight (tests). */
  async settled(): Promise<void> {
    await this.#scheduler.settled();
    while (this.#writeBacks.size > 0) await Promise.all(this.#writeBacks.values());
  }

  async #enqueue(postId: string, notBefore: Date | null, guard: { confirmed: GuardrailConfirmation | undefined; action: 'post_now' | 'schedule' }): Promise<OutboxEntry> {
    const post = await this.#options.posts.get(postId);
    const plan = this.#plan(post, { mediaHostReady: await this.#mediaHostReady() });
    // After the plan: an override is recorded only for a post that can go out.
    await this.#options.guardrails?.clear(post, (notBefore ?? this.#options.now()).getTime(), guard.confirmed, guard.action);
    // The post first: from here no save can change its words, and a crash before every intent is
    // written leaves a post marked for the outbox that start-up completes (#completeInterrupted).
    this.#cache.set(postId, await this.#options.posts.update(postId, { status: notBefore === null ? 'queued' : 'scheduled' }));
    await this.#enqueueTargets(post, plan, notBefore);
    this.#scheduler.wake();
    await this.#writeBacks.get(postId);
    return this.entry(postId);
  }

  async #enqueueTargets(post: Post, plan: PlannedTarget[], notBefore: Date | null): Promise<void> {
    const postId = post.id;
    for (const target of plan) {
      await this.#engine.enqueue({
        postId,
        target: target.assisted ? { network: target.network, accountId: target.accountId, assisted: true } : { network: target.network, accountId: target.accountId },
        parts: target.parts,
        extras: { contentWarning: post.contentWarning, media: post.media },
        ...(notBefore === null ? {} : { notBefore }),
      });
    }
  }

  /**
   * A crash between marking a post for the outbox and writing the last of its intents: the
   * targets not written yet are written now, with the time the others have. A post with none
   * written (or queued by an older Spheres) stays listed as "not sent yet" for the person.
   */
  async #completeInterrupted(): Promise<void> {
    for (const status of ['queued', 'scheduled'] as const) {
      for (const post of await this.#options.posts.listRecent({ status, limit: Number.POSITIVE_INFINITY })) {
        const intents = this.#intentsOf(post.id);
        if (intents.length === 0 || this.#damaged.has(post.id)) continue;
        const have = new Set(intents.map((intent) => `${intent.target.network}\n${intent.target.accountId}`));
        let plan: PlannedTarget[];
        try {
          // The media host as the written targets had it: any of them by hand for want of one says so.
          const byHand = intents.some((intent) => intent.target.assisted === true && intent.target.accountId !== BY_HAND);
          plan = this.#plan(post, { completing: true, mediaHostReady: byHand ? false : await this.#mediaHostReady() });
        } catch {
          continue; // An account gone meanwhile: the targets written go on; the entry shows what is there.
        }
        const missing = plan.filter((target) => !have.has(`${target.network}\n${target.accountId}`));
        const plannedAt = intents[0]!.plannedAt;
        if (missing.length > 0) await this.#enqueueTargets(post, missing, plannedAt === null || plannedAt === undefined ? null : new Date(plannedAt));
      }
    }
  }

  /**
   * What would be sent where, checked before anything is written: a tone, accounts that exist and
   * are connected, a network Spheres can post to, and texts that fit. The renderer checks too; the
   * core holds the rule whatever the caller.
   */
  #plan(post: Post, options: { completing?: boolean; mediaHostReady: boolean }): PlannedTarget[] {
    // `queued`/`scheduled` without intents: queued by an older Spheres, or a crash before any intent was written.
    if (options.completing !== true && !NOT_SENT.has(post.status)) throw new AppError('invalid_input', 'This post is already in the outbox or published.', { postId: post.id });
    if (post.tone === null) throw new AppError('invalid_input', 'Choose a tone (private, blend or professional) before posting.', { postId: post.id });
    if (post.targets.length === 0) throw new AppError('invalid_input', 'Pick at least one account before posting.', { postId: post.id });
    const accounts = this.#accountsById();
    return post.targets.map((target) => {
      const name = NETWORK_INFO[target.network].name;
      const text = post.overrides[target.network] ?? post.text;
      if (target.assisted === true && target.accountId === undefined) {
        if (!canPostByHand(target.network)) throw new AppError('invalid_input', `Spheres cannot help you post to ${name} by hand. Connect a ${name} account instead.`, { network: target.network });
        if (text.trim() === '') throw new AppError('invalid_input', `The ${name} text is empty. Write something to post.`, { network: target.network });
        return { network: target.network, accountId: BY_HAND, parts: threadParts(text, target.network, { numbering: post.threadNumbering }), assisted: true };
      }
      const account = target.accountId === undefined ? undefined : accounts.get(target.accountId);
      if (account?.network !== target.network) {
        throw new AppError('account_needed', `Connect a ${name} account to post there.`, { network: target.network });
      }
      const assisted = goesByHand(post, target, options.mediaHostReady) && canPostByHand(target.network);
      if (!assisted && this.#options.publishers[target.network] === undefined) {
        throw new AppError('invalid_input', `Spheres cannot post to ${name} yet. Take it off this post's accounts to send it to the others.`, { network: target.network });
      }
      if (text.trim() === '') throw new AppError('invalid_input', `The ${name} text is empty. Write something to post.`, { network: target.network });
      const parts = threadParts(text, target.network, { numbering: post.threadNumbering });
      return { network: target.network, accountId: account.id, parts, assisted };
    });
  }

  /** The tone policy again at send time: a policy changed since the post was queued stops it. */
  async #checkTone(intent: SendIntent): Promise<void> {
    const post = await this.#options.posts.get(intent.postId);
    const network = intent.target.network;
    if (post.tone === null || this.#options.settings.get().tonePolicy[network].includes(post.tone)) return;
    const name = NETWORK_INFO[network].name;
    throw new PublishFailure(
      'permanent',
      'tone_not_allowed',
      `Your tone policy no longer welcomes ${post.tone} posts on ${name}. Change the policy in Settings and Retry, or Cancel.`,
    );
  }

  /**
   * The guardrails again at send time: a quiet period added since the post was queued, or a
   * watched word added since, stops it until the person confirms it (Retry in the Outbox).
   */
  async #checkGuardrails(intent: SendIntent): Promise<void> {
    const guardrails = this.#options.guardrails;
    if (guardrails === undefined) return;
    const post = await this.#options.posts.get(intent.postId);
    const blocked = await guardrails.blocked(post, this.#options.now().getTime());
    if (isClear(blocked)) return;
    const reasons = [
      ...blocked.periods.map((period) => `the quiet period ${period.name}`),
      ...blocked.words.map((match) => `the watched word "${match.found}"`),
    ];
    throw new PublishFailure('permanent', 'guardrail_blocked', `This post meets ${reasons.join(' and ')}, not confirmed for it. Retry to confirm it and send, or Cancel.`);
  }

  async #retryReconnected(accounts: readonly Account[]): Promise<void> {
    const connected = new Set(accounts.filter((account) => account.status === 'connected').map((account) => account.id));
    for (const intent of this.#engine.list()) {
      if (intent.state === 'failed_retryable' && intent.error?.kind === 'reconnect' && connected.has(intent.target.accountId)) {
        await this.#engine.retry(intent.id).catch((error: unknown) => this.#options.onSendError?.(error, intent.id));
      }
    }
    this.#scheduler.wake();
  }

  /**
   * A target changed on disk: the post's status and results follow (one write at a time per post,
   * in order), then the windows hear of it. The post is the calendar's record of what was published.
   */
  #changed(postId: string): void {
    const previous = this.#writeBacks.get(postId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const intents = this.#intentsOf(postId);
        if (intents.length === 0) {
          this.#options.events.emit('outbox.changed', { postId, entry: null });
          return;
        }
        const entry = this.#entry(await this.#options.posts.get(postId), intents);
        const post = await this.#options.posts.update(postId, { status: entry.status, results: resultsOf(intents) });
        this.#cache.set(postId, post);
        this.#options.events.emit('outbox.changed', { postId, entry: this.#entry(post, this.#intentsOf(postId)) });
      })
      .catch((error: unknown) => this.#options.onSendError?.(error, postId))
      .finally(() => {
        if (this.#writeBacks.get(postId) === next) this.#writeBacks.delete(postId);
      });
    this.#writeBacks.set(postId, next);
  }

  /** Posts as last written back, so listing the outbox reads no files. */
  readonly #cache = new Map<string, Post>();

  /** The post of an intent; null when it is gone for good (emptied from the trash), which the list leaves out. */
  async #postOf(postId: string): Promise<Post | null> {
    const cached = this.#cache.get(postId);
    if (cached !== undefined) return cached;
    try {
      const post = await this.#options.posts.get(postId);
      this.#cache.set(postId, post);
      return post;
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    }
  }

  #entry(post: Post, intents: readonly SendIntent[], now = this.#options.now().getTime(), accounts = this.#accountsById()): OutboxEntry {
    const targets = intents.map((intent) => targetView(intent, this.#engine.untouched(intent), accounts.get(intent.target.accountId), now));
    return entryOf(post, targets, intents, now);
  }

  /** The accounts by id, read once per answer (each read parses the accounts store). */
  #accountsById(): Map<string, Account> {
    return new Map(this.#options.accounts.list().map((account) => [account.id, account]));
  }

  #intentsOf(postId: string): SendIntent[] {
    return this.#engine.list().filter((intent) => intent.postId === postId);
  }

  #byPost(): Map<string, SendIntent[]> {
    const byPost = new Map<string, SendIntent[]>();
    for (const intent of this.#engine.list()) byPost.set(intent.postId, [...(byPost.get(intent.postId) ?? []), intent]);
    return byPost;
  }
}
