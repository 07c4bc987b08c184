import { AppError, type Envelope, type MethodOutput } from '../../common/api';
import { hostname } from 'node:os';
import { postTime, type AccountNetwork, type AppNetwork, type NetworkIdValue, type Post } from '../../common/domain';
import { AccountsService, BUILT_IN_APPS, DEFAULT_CONNECTORS, type AccountsStore, type AppCredentials, type Endpoints, type FetchLike } from './accounts';
import { keepConfigCopy } from './config-files';
import { EventBus } from './events';
import { FlushRequests } from './flush-requests';
import { HISTORY_FORMATS, HistoryImportService, blueskyAccountHistory, type AccountHistoryPort } from './history';
import { GuardrailsService, OverrideRecord } from './guardrails';
import { MediaLibrary } from './media';
import { MediaHostService, type MediaHostServiceOptions } from './media-host';
import { OutboxService, SenderLock, defaultPublishers, isProcessAliveOnThisHost, type MediaHostPort, type PowerPort, type Publisher, type PublisherPorts } from './outbox';
import { PostsService, exportLibrary, importLibrary } from './posts';
import { RecoveryLog } from './recoveries';
import { answer, createRouter, type Handlers, type Router, type RouterLog } from './router';
import { SettingsService, type SettingsStore } from './settings';
import { nodeStorageFs, writeFileAtomic, type StoreRecovered } from './storage';
import { ToneService } from './tone';
import type { CredentialVault } from './vault';

export interface CorePorts {
  settingsStore: SettingsStore;
  /** The app's data folder: posts/, media/, exports/ and uploads/ (web host), outbox/, settings.json and accounts.json with their .bak1 copies. */
  dataDir: string;
  systemLocale: string;
  platform: string;
  version: string;
  transport: 'electron' | 'web';
  /** Where to write an export: a save dialog in the desktop app; null when the user cancels. */
  chooseExportPath(suggestedName: string): Promise<string | null>;
  /**
   * Which archive to import: an open dialog in the desktop app; null when the user cancels. The
   * core reads the user's file where it is, so no copy of it crosses to or from the renderer.
   */
  chooseImportPath(): Promise<string | null>;
  /**
   * Which network export to import history from (Settings → Import history): an open dialog in the
   * desktop app, null when the user cancels. Absent (the web host): the page names the file by its path.
   */
  chooseHistoryPath?(): Promise<string | null>;
  /** Account secrets: the OS keychain in the app. */
  vault: CredentialVault;
  /** Account metadata (no secrets): electron-store in the app, conf in the web host. */
  accountsStore: AccountsStore;
  /**
   * What repairConfigFiles set aside before the settings and accounts stores opened (they are
   * checked by the host, since it makes those stores); told to the person with the core's own.
   */
  recovered?: readonly StoreRecovered[];
  /** Opens a sign-in page in the user's system browser. */
  openBrowser(url: string): Promise<void>;
  /**
   * Assisted posting: opens the images folder (a path under the data folder) or a network's
   * compose page (an allow-listed https address, common/networks/assisted.ts) for the person.
   * Absent (the web host): nothing is opened for the page, which opens the compose page itself.
   */
  openForPerson?(what: { folder: string } | { url: string }): Promise<boolean>;
  /** Test hook: the media host Threads and Instagram post images through, in place of Settings → Media host's (null: none set up; they post by hand). */
  mediaHost?: MediaHostPort;
  log?: RouterLog;
  now?: () => Date;
  /** Sleep and resume: powerMonitor in the desktop app; the scheduler also looks at the clock every minute. */
  power?: PowerPort;
  /** Test hook: how the media host is made from its settings and secret (the default is S3MediaHost). */
  mediaHostTesting?: Pick<MediaHostServiceOptions, 'createHost'>;
  /** Test hook: publishers that post to loopback servers (the defaults post to the account's network). */
  publishers?: Partial<Record<NetworkIdValue, Publisher>>;
  fetch?: FetchLike;
  /** Test hooks: loopback fakes instead of the networks, plain-http servers, a shorter sign-in wait. */
  accountsTesting?: {
    endpoints?: Partial<Record<AccountNetwork, Endpoints>>;
    allowInsecureServers?: boolean;
    authTimeoutMs?: number;
  };
  /** Client ids this build carries (X): from the build by default (built-in-apps.ts); tests pass their own. */
  builtInApps?: Readonly<Partial<Record<AppNetwork, AppCredentials>>>;
}

export interface Core {
  router: Router;
  /** The data folder (the web host keeps an upload there while it is imported). */
  dataDir: string;
  /**
   * Imports an archive already on disk and answers as `library.importChosen` does; `name` is what
   * the user calls the file, for errors. The web host's upload route calls this.
   */
  importArchive(source: string, name: string): Promise<Envelope<MethodOutput<'library.importChosen'>>>;
  events: EventBus;
  settings: SettingsService;
  posts: PostsService;
  media: MediaLibrary;
  accounts: AccountsService;
  /** Settings → Media host; `mediaHost.port` is the MediaHostPort the Threads and Instagram publishers take. */
  mediaHost: MediaHostService;
  /** The tone suggester: suggests, and learns from every tone the person sets or confirms. */
  tone: ToneService;
  /** Sends queued and scheduled posts; started by the host once it is ready (`outbox.start()`), woken after sleep. */
  outbox: OutboxService;
  /** Settings → Guardrails, the record of overrides. */
  guardrails: GuardrailsService;
  /** Asks the open windows to save what they hold; false if none answered within `timeoutMs`. */
  requestFlush(timeoutMs: number): Promise<boolean>;
  /** Flushes pending saves and folds them; call before the process exits. Every call gets the same promise. */
  close(): Promise<void>;
}

/** Builds the services and the router from their ports; main and the web host both call this. */
export async function openCore(ports: CorePorts): Promise<Core> {
  const events = new EventBus();
  const now = ports.now ?? (() => new Date());
  // Each change is copied to settings.json.bak1 / accounts.json.bak1: the last good copy a damaged file is restored from.
  const settingsStore: SettingsStore = {
    get: (key) => ports.settingsStore.get(key),
    set: (key, value) => {
      ports.settingsStore.set(key, value);
      keepConfigCopy(ports.dataDir, 'settings');
    },
  };
  const accountsStore: AccountsStore = {
    get: (key) => ports.accountsStore.get(key),
    set: (key, value) => {
      ports.accountsStore.set(key, value);
      keepConfigCopy(ports.dataDir, 'accounts');
    },
  };
  const settings = new SettingsService(settingsStore, events, ports.systemLocale);
  const recoveries = new RecoveryLog(events);
  const onRecovered = (notice: StoreRecovered): void => recoveries.record(notice);
  const posts = await PostsService.open({
    dataDir: ports.dataDir,
    appVersion: ports.version,
    now,
    onRecovered,
    onStatus: (status) => events.emit('posts.saveStatus', status),
  });
  const media = new MediaLibrary({ dataDir: ports.dataDir, now, onRecovered: (notice) => onRecovered({ ...notice, kind: 'media' }) });
  const tone = await ToneService.open({ fs: nodeStorageFs, dataDir: ports.dataDir, now, onRecovered });
  // Learning follows a save that is already on disk: a learning failure is logged, never the save's.
  const learnFrom = async (post: Post): Promise<Post> => {
    await tone.observe(post).catch((error: unknown) => ports.log?.error('tone suggester could not learn', { error: String(error) }));
    return post;
  };
  // Trash older than 30 days goes for good at start-up; a failure here must not stop the app.
  void posts.purgeExpiredTrash().catch((error: unknown) => ports.log?.error('trash purge failed', { error: String(error) }));

  const accounts = new AccountsService({
    store: accountsStore,
    vault: ports.vault,
    events,
    connectors: DEFAULT_CONNECTORS,
    fetch: ports.fetch ?? ((input, init) => fetch(input, init)),
    openBrowser: ports.openBrowser,
    now,
    ...(ports.log === undefined ? {} : { log: ports.log }),
    ...(ports.accountsTesting?.endpoints === undefined ? {} : { endpoints: ports.accountsTesting.endpoints }),
    ...(ports.accountsTesting?.allowInsecureServers === undefined ? {} : { allowInsecureServers: ports.accountsTesting.allowInsecureServers }),
    ...(ports.accountsTesting?.authTimeoutMs === undefined ? {} : { authTimeoutMs: ports.accountsTesting.authTimeoutMs }),
    builtInApps: ports.builtInApps ?? BUILT_IN_APPS,
  });

  const mediaHost = new MediaHostService({
    settings,
    vault: ports.vault,
    fetch: (ports.fetch as typeof globalThis.fetch | undefined) ?? ((input, init) => fetch(input, init)),
    ...(ports.mediaHostTesting?.createHost === undefined ? {} : { createHost: ports.mediaHostTesting.createHost }),
  });

  // One media host for the publishers and for the outbox's choice to send Threads and Instagram images by hand.
  const mediaHostPort: MediaHostPort = ports.mediaHost ?? mediaHost.port;
  const guardrails = new GuardrailsService({ settings, record: new OverrideRecord({ fs: nodeStorageFs, dataDir: ports.dataDir }), now });
  const outbox = await OutboxService.open({
    fs: nodeStorageFs,
    dataDir: ports.dataDir,
    now,
    random: Math.random,
    posts,
    accounts,
    settings,
    events,
    publishers:
      ports.publishers ??
      defaultPublishers({
        now,
        accounts: () => accounts.list(),
        readMedia: (mediaId) => media.read(mediaId),
        mediaHost: mediaHostPort,
        ...(ports.fetch === undefined ? {} : { fetch: ports.fetch as typeof globalThis.fetch }),
        apiOrigins: apiOriginsOf(ports.accountsTesting?.endpoints),
      }),
    timers: { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    power: ports.power ?? { onResume: () => () => undefined },
    lock: new SenderLock({
      fs: nodeStorageFs,
      dataDir: ports.dataDir,
      now,
      timers: { setTimeout: (run, ms) => setTimeout(run, ms).unref(), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
      pid: process.pid,
      host: hostname(),
      isProcessAlive: isProcessAliveOnThisHost,
      holder: ports.transport === 'electron' ? 'the Spheres app' : 'the Spheres web host',
    }),
    onRecovered,
    readMedia: (mediaId) => media.read(mediaId),
    mediaHost: mediaHostPort,
    guardrails,
    onSendError: (error, id) => ports.log?.error('outbox send failed on this machine', { id, error: String(error) }),
  });

  // Images a crash left in the bucket (each lives minutes; a day old is abandoned); best effort, never in the way.
  const mediaHostSwept = mediaHost
    .sweep(new Date(now().getTime() - 24 * 3_600_000))
    .catch((error: unknown) => ports.log?.error('media host clean-up failed', { error: error instanceof Error ? error.message : String(error) }));

  for (const notice of ports.recovered ?? []) {
    // An account list with no good copy left: accounts still in the keychain are flagged, not dropped.
    const accountIds = notice.kind === 'accounts' ? await accounts.flagAccountsWithoutDetails() : [];
    onRecovered({ ...notice, accountIds });
  }

  const mediaView = async (record: Awaited<ReturnType<MediaLibrary['importBytes']>>) => ({
    mediaId: record.mediaId,
    mime: record.mime,
    bytes: record.bytes,
    width: record.width,
    height: record.height,
    hasLocation: record.hasLocation,
  });

  const flushRequests = new FlushRequests(events);

  // Reading a connected account's posts without a file (Bluesky, from its own PDS) plugs in here;
  // the export formats are listed in electron/core/history/formats/index.ts.
  const accountHistory: AccountHistoryPort = blueskyAccountHistory({
    accounts: () => accounts.list(),
    credentialsFor: (accountId) => accounts.credentialsFor(accountId),
    ...(ports.fetch === undefined ? {} : { fetch: ports.fetch as typeof globalThis.fetch }),
  });
  const history = new HistoryImportService({
    posts,
    media,
    formats: HISTORY_FORMATS,
    accounts: accountHistory,
    now,
    onProgress: (progress) => events.emit('history.progress', progress),
    tempDir: ports.dataDir,
  });
  // In the desktop app the renderer may only name a file the person picked in the open dialog:
  // a path is a capability to read a file, and the renderer is not trusted with any other.
  const chosenHistoryFiles = new Set<string>();
  const historyFile = (file: string): string => {
    if (ports.transport === 'electron' && !chosenHistoryFiles.has(file)) {
      throw new AppError('forbidden', 'Choose the export with Choose file… first.');
    }
    return file;
  };
  const historyChoices = (input: { includeReplies?: boolean | undefined; includeReposts?: boolean | undefined }) => ({
    includeReplies: input.includeReplies ?? true,
    includeReposts: input.includeReposts ?? false,
  });

  const importArchive = async (source: string, name: string): Promise<NonNullable<MethodOutput<'library.importChosen'>>> => {
    const result = await importLibrary({ posts, media, source, name });
    if (result.tone !== undefined) await tone.adopt(result.tone);
    return { ...result.posts, mediaAdded: result.media.added };
  };

  const handlers: Handlers = {
    'app.flushed': ({ requestId }) => ({ expected: flushRequests.answer(requestId) }),
    'app.info': () => ({ name: 'Spheres', version: ports.version, platform: ports.platform, transport: ports.transport }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'posts.lastDraft': () => posts.lastEditedDraft(),
    'outbox.list': () => outbox.list(),
    // Sending confirms the tone, with the words that go out: the suggester learns the finished text.
    'outbox.postNow': async ({ id, confirmed }) => {
      const entry = await outbox.postNow(id, confirmed);
      await learnFrom(await posts.get(id));
      return entry;
    },
    'outbox.schedule': async ({ id, confirmed }) => {
      const entry = await outbox.schedule(id, confirmed);
      await learnFrom(await posts.get(id));
      return entry;
    },
    'outbox.retry': ({ id, confirmed }) => outbox.retry(id, confirmed),
    'outbox.cancel': ({ id }) => outbox.cancel(id),
    'outbox.assistedKit': ({ postId, network }) => outbox.assistedKit(postId, network),
    'outbox.openAssisted': async ({ postId, network, what }) => {
      const kit = await outbox.assistedKit(postId, network);
      if (ports.openForPerson === undefined) return { opened: false, folder: kit.folder, composeUrl: kit.composeUrl };
      if (what === 'folder' && kit.folder === null) throw new AppError('invalid_input', 'This post has no images, so there is no folder to open.', { postId });
      const opened = await ports.openForPerson(what === 'folder' ? { folder: kit.folder! } : { url: kit.composeUrl });
      return { opened, folder: kit.folder, composeUrl: kit.composeUrl };
    },
    'outbox.confirmAssisted': ({ postId, network, url }) => outbox.confirmAssisted(postId, network, url),
    'outbox.mediaHostReady': async () => ({ ready: await outbox.mediaHostReady() }),
    'posts.get': ({ id }) => posts.get(id),
    // The composer sends the tone with every autosave: the suggester learns when the person sets
    // or changes it, and again from the finished text when the post is queued.
    'posts.saveDraft': async (patch) => {
      const toneBefore = patch.tone === undefined ? undefined : await posts.get(patch.id).then((post) => post.tone, () => null);
      const saved = await posts.saveDraft(patch);
      return patch.tone === undefined || patch.tone === toneBefore ? saved : learnFrom(saved);
    },
    'posts.replan': async ({ id, planned }) => {
      const post = await posts.get(id);
      // What went out (or is going out) happened when it happened: the calendar cannot move it.
      if (post.status === 'published' || post.status === 'publishing') {
        throw new AppError('invalid_input', 'A published post stays on the day it went out.');
      }
      return outbox.replan(id, planned);
    },
    'posts.queue': async ({ id }) => {
      const post = await posts.get(id);
      // The renderer checks this too; the core holds the rule whatever the caller.
      if (post.tone === null) throw new AppError('invalid_input', 'Choose a tone (private, blend or professional) before queueing the post.');
      if (post.targets.length === 0) throw new AppError('invalid_input', 'Pick at least one network before queueing the post.');
      // Queueing confirms the tone (and the finished text) it carries.
      return learnFrom(await posts.update(id, { status: 'queued' }));
    },
    // Every queued post: the outbox must never hide one behind a cap.
    'posts.listQueued': () => posts.listRecent({ status: 'queued', limit: Number.POSITIVE_INFINITY }),
    'posts.unqueue': async ({ id }) => {
      const post = await posts.get(id);
      if (post.status !== 'queued') throw new AppError('invalid_input', 'Only a queued post can go back to the drafts.');
      return posts.update(id, { status: 'draft' });
    },
    'posts.delete': ({ id }) => {
      // Its intents would go on sending a post the person threw away: Cancel comes first.
      if (outbox.holds(id)) throw new AppError('invalid_input', 'This post is in the Outbox. Cancel it there first, then move it to the trash.', { postId: id });
      return posts.delete(id);
    },
    'posts.restore': ({ id }) => posts.restore(id),
    'posts.query': (query) => posts.query(query),
    'posts.duplicate': ({ id }) => posts.duplicate(id),
    'posts.listTrash': (page) => posts.trashPage(page),
    'posts.emptyTrash': async () => ({ removed: (await posts.emptyTrash()).length }),
    'posts.listMonth': ({ month }) => posts.listMonth(month),
    'posts.saveStatus': () => posts.status,
    'store.recoveries': () => recoveries.list(),
    'tone.suggest': ({ text }) => tone.suggest(text),
    'tone.review': async ({ offset, limit }) => {
      // By planned time (when it went out), not by edit: tagging or undoing must not reorder the list under the person.
      const page = await posts.query({ untoned: true, statuses: ['published'], sort: 'planned', offset, limit });
      const items = [];
      for (const summary of page.items) {
        const post = await posts.get(summary.id);
        items.push({
          id: post.id,
          text: post.text.slice(0, 5000),
          networks: summary.networks,
          at: new Date(postTime(post)).toISOString(),
          suggestion: tone.suggest(post.text),
        });
      }
      return { total: page.total, learned: tone.learned, items };
    },
    'tone.tag': async ({ tags }) => {
      // Every post checked before any is changed: a bad one in the list leaves them all as they were.
      const found = [];
      for (const tag of tags) {
        const post = await posts.get(tag.id);
        // Drafts and queued posts keep their one way in (posts.saveDraft), with its checks.
        if (post.status !== 'published') throw new AppError('invalid_input', 'Only a published post is tagged here; change a draft\'s tone in the composer. Nothing was changed.', { postId: tag.id });
        found.push({ post, tone: tag.tone });
      }
      const tagged = [];
      for (const { post, tone: chosen } of found) {
        const saved = post.tone === chosen ? post : await posts.update(post.id, { tone: chosen });
        await learnFrom(saved);
        tagged.push({ id: saved.id, tone: saved.tone });
      }
      return { tagged, learned: tone.learned };
    },
    'media.import': async ({ name, dataBase64 }) => mediaView(await media.importBytes(Buffer.from(dataBase64, 'base64'), name)),
    'media.stripLocation': async ({ mediaId }) => mediaView(await media.stripLocation(mediaId)),
    'library.export': async () => {
      const day = now().toISOString().slice(0, 10);
      const file = await ports.chooseExportPath(`spheres-export-${day}.zip`);
      if (file === null) return { file: null, posts: 0, media: 0 };
      const result = await exportLibrary({ posts, media, destination: file, appVersion: ports.version, now, tone: tone.state() });
      return { file: result.file, posts: result.posts, media: result.media };
    },
    'library.importChosen': async () => {
      const file = await ports.chooseImportPath();
      // Errors name the file by its full path: the user picked it there and can find it again.
      return file === null ? null : importArchive(file, file);
    },
    'history.choose': async () => {
      if (ports.chooseHistoryPath === undefined) throw new AppError('invalid_input', 'There is no file dialog here: type the full path of the export file.');
      const file = await ports.chooseHistoryPath();
      if (file !== null) chosenHistoryFiles.add(file);
      return { path: file };
    },
    'history.inspect': ({ path }) => history.inspect(historyFile(path)),
    'history.import': (input) => history.importFile(historyFile(input.path), historyChoices(input)),
    'history.importAccount': (input) => history.importAccount(input.accountId, historyChoices(input)),
    'history.cancel': () => ({ cancelled: history.cancel() }),
    'accounts.list': () => accounts.list(),
    'accounts.connect': (input) => accounts.connect(input),
    'accounts.cancelConnect': () => ({ cancelled: accounts.cancelConnect() }),
    'accounts.disconnect': ({ id }) => accounts.disconnect(id),
    'accounts.refresh': ({ id }) => accounts.refresh(id, true),
    'apps.list': () => accounts.listApps(),
    'apps.save': (input) => accounts.saveApp(input),
    'apps.remove': ({ app }) => accounts.removeApp(app),
    'apps.test': ({ app }) => accounts.testApp(app),
    'mediaHost.get': () => mediaHost.status(),
    'mediaHost.save': (patch) => mediaHost.save(patch),
    'mediaHost.test': () => mediaHost.test(),
    'mediaHost.remove': () => mediaHost.remove(),
    'guardrails.save': (patch) => guardrails.save(patch),
    'guardrails.putPeriod': (period) => guardrails.putPeriod(period),
    'guardrails.removePeriod': ({ id }) => guardrails.removePeriod(id),
    'guardrails.importCalendar': (file) => guardrails.importCalendar(file),
    'guardrails.confirmMove': async ({ id, confirmed }) => guardrails.confirmMove(await posts.get(id), confirmed),
    'guardrails.exportRecord': async () => {
      const day = now().toISOString().slice(0, 10);
      const file = await ports.chooseExportPath(`spheres-guardrail-overrides-${day}.csv`);
      const { csv, overrides } = await guardrails.csv();
      if (file === null) return { file: null, overrides };
      await writeFileAtomic(nodeStorageFs, file, csv, { backups: 0, durable: true });
      return { file, overrides };
    },
  };
  // A second signal or quit while the first close is folding waits for the same fold.
  let closing: Promise<void> | undefined;
  return {
    router: createRouter(handlers, ports.log),
    dataDir: ports.dataDir,
    importArchive: (source, name) =>
      answer('library.importChosen', () => importArchive(source, name), ports.log) as Promise<Envelope<MethodOutput<'library.importChosen'>>>,
    events,
    settings,
    posts,
    media,
    accounts,
    mediaHost,
    tone,
    outbox,
    guardrails,
    requestFlush: (timeoutMs) => flushRequests.request(timeoutMs),
    close: () =>
      (closing ??= (async () => {
        accounts.stop();
        await outbox.close();
        await mediaHostSwept;
        mediaHost.close();
        await posts.close();
      })()),
  };
}

/** The posting APIs' origins a test moved (the connectors' endpoints point at the loopback fakes): X and LinkedIn's `api`, Threads and Instagram's `graph`. */
function apiOriginsOf(endpoints: Partial<Record<AccountNetwork, Endpoints>> | undefined): NonNullable<PublisherPorts['apiOrigins']> {
  const origins: NonNullable<PublisherPorts['apiOrigins']> = {};
  const x = endpoints?.x?.['api'];
  const linkedin = endpoints?.linkedin?.['api'];
  const threads = endpoints?.threads?.['graph'];
  const instagram = endpoints?.instagram?.['graph'];
  if (x !== undefined) origins.x = x;
  if (linkedin !== undefined) origins.linkedin = linkedin;
  if (threads !== undefined) origins.threads = threads;
  if (instagram !== undefined) origins.instagram = instagram;
  return origins;
}
