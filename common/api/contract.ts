import { z } from 'zod';
import {
  AccountSchema,
  AppCheckSchema,
  AppCredentialsStatusSchema,
  AppNetworkSchema,
  AssistedConfirmSchema,
  AssistedKitSchema,
  AssistedRefSchema,
  ConnectInputSchema,
  ConnectProgressSchema,
  DraftPatchSchema,
  HistoryChoicesSchema,
  HistoryFilePathSchema,
  HistoryProgressSchema,
  HistoryReportSchema,
  HistorySummarySchema,
  GuardrailConfirmationSchema,
  GuardrailsPatchSchema,
  GuardrailsSchema,
  GuardrailZoneSchema,
  QuietPeriodSchema,
  MediaHostSaveSchema,
  MediaHostStatusSchema,
  MediaHostTestResultSchema,
  MediaIdSchema,
  MediaRefSchema,
  MonthSchema,
  NetworkIdSchema,
  OutboxChangedSchema,
  OutboxEntrySchema,
  PostIdSchema,
  PostPageSchema,
  PostQuerySchema,
  PostSchema,
  ReplanSchema,
  SectionSchema,
  SettingsSchema,
  TrashPageQuerySchema,
  TrashPageSchema,
  ToneSchema,
} from '../domain';

/** A method that takes no argument: anything but `undefined` is a hostile or buggy payload. */
const NoInput = z.undefined();

const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** Which host serves the renderer: the desktop app or the loopback web host. */
  transport: z.enum(['electron', 'web']),
});

// The media host changes through mediaHost.save alone (the guardrails through guardrails.*), which keeps its secret beside it in the keychain.
const SettingsPatchSchema = SettingsSchema.omit({ mediaHost: true, guardrails: true })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Name at least one setting to change.' });

const PostRef = z.object({ id: PostIdSchema }).strict();

/** Post now, Schedule, Retry: the post, and the guardrails the person confirmed in the dialog (absent: none). */
const SendRef = z.object({ id: PostIdSchema, confirmed: GuardrailConfirmationSchema.optional() }).strict();

/** An .ics file's text, read by the page from the file the person picked; 5 MB is far beyond a calendar of quiet periods. */
const CalendarFileSchema = z
  .object({ name: z.string().min(1).max(500), text: z.string().max(5_000_000), zone: GuardrailZoneSchema })
  .strict();

const SaveStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('saved'), at: z.string().nullable() }),
  z.object({ state: z.literal('saving') }),
  z.object({ state: z.literal('failed'), code: z.string(), message: z.string(), unsavedPostIds: z.array(z.string()) }),
]);

const TrashedPostSchema = z.object({ post: PostSchema, deletedAt: z.string(), purgeAfter: z.string() });

/** Images cross as base64 in JSON; 50 MB of image is about 70 million characters. */
const MAX_BASE64_IMAGE = 70_000_000;

const FlushRequestRef = z.object({ requestId: z.string().min(1).max(100) }).strict();

const AccountRef = z.object({ id: z.string().min(1).max(128) }).strict();

const AppCredentialsInputSchema = z
  .object({
    app: AppNetworkSchema,
    clientId: z.string().trim().min(1, 'Enter the app\'s client id.').max(300).regex(/^[\x21-\x7e]+$/, 'a client id is printable ASCII without spaces'),
    /** Empty keeps the saved secret: the renderer never reads it back. */
    clientSecret: z.string().trim().max(500).regex(/^[\x21-\x7e]*$/, 'a client secret is printable ASCII without spaces').optional(),
    /** For networks that compare the redirect address exactly: http://127.0.0.1:<port>/callback. Null clears it. */
    redirectPort: z.number().int().min(1024, 'choose a port from 1024 to 65535').max(65535, 'choose a port from 1024 to 65535').nullable().optional(),
  })
  .strict();

/** A damaged file set aside at start-up or later, and what took its place. */
const StoreRecoveredSchema = z.object({
  /** Counts up from 1 in each run: the banner merges the list it asks for with the events it hears. */
  id: z.number().int().positive(),
  file: z.string(),
  movedTo: z.string().nullable(),
  restoredFrom: z.string().nullable(),
  /** What the file held, so the banner can say it in the person's words. */
  kind: z.enum(['month', 'post', 'index', 'store', 'import', 'settings', 'accounts', 'media']),
  /** Posts the damaged file held, restored as they were last saved. */
  postIds: z.array(z.string()),
  /** Posts whose last saved version could not be restored (only an older copy, or none, was left). */
  lostPostIds: z.array(z.string()),
  /** Accounts whose details were lost while their keychain item remains: shown as "connect again". */
  accountIds: z.array(z.string()),
});

const ToneSuggestionSchema = z.object({
  tone: ToneSchema,
  confidence: z.number().min(0).max(1),
  /** Words from the text, lower case as written, that drove the suggestion. */
  reasons: z.array(z.string()),
});

/** A published post without a tone (an imported one), as the review screen walks through it. */
const ToneReviewItemSchema = z.object({
  id: PostIdSchema,
  /** The post's text, up to 5,000 characters. */
  text: z.string(),
  networks: z.array(NetworkIdSchema),
  /** When it went out (its planned time, else when it was made). */
  at: z.string(),
  suggestion: ToneSuggestionSchema.nullable(),
});

const MediaImportedSchema = MediaRefSchema.omit({ altText: true }).extend({ hasLocation: z.boolean() });

/**
 * The contract: every method the renderer may call, with the schema its input must pass and the
 * schema its output is checked against. The preload, the web bridge and the main-process handlers
 * are all generated from this one object.
 */
export const methods = {
  'app.info': { input: NoInput, output: AppInfoSchema },
  /** The answer to `app.flushRequested`: the window has saved what it held. */
  'app.flushed': { input: FlushRequestRef, output: z.object({ expected: z.boolean() }) },
  'settings.get': { input: NoInput, output: SettingsSchema },
  'settings.update': { input: SettingsPatchSchema, output: SettingsSchema },
  'posts.lastDraft': { input: NoInput, output: PostSchema.nullable() },
  'posts.get': { input: PostRef, output: PostSchema },
  /** What the composer saves as the user types; a key left out is unchanged. Status changes through posts.queue/unqueue, publish results only through the outbox. */
  'posts.saveDraft': { input: DraftPatchSchema, output: PostSchema },
  /** The calendar's move (drag, Alt+Arrow): only the planned time changes. */
  'posts.replan': { input: ReplanSchema, output: PostSchema },
  'posts.queue': { input: PostRef, output: PostSchema },
  /** Queued posts, newest first: what the outbox shows. */
  'posts.listQueued': { input: NoInput, output: z.array(PostSchema) },
  /** Takes a queued post back to the drafts, to edit it. */
  'posts.unqueue': { input: PostRef, output: PostSchema },
  'posts.delete': { input: PostRef, output: TrashedPostSchema },
  'posts.restore': { input: PostRef, output: PostSchema },
  /** The drafts library: search, filter, sort and one page of list rows (never whole posts). */
  'posts.query': { input: PostQuerySchema, output: PostPageSchema },
  /** A new draft with a copy of the post's editable fields; the original is unchanged. */
  'posts.duplicate': { input: PostRef, output: PostSchema },
  /** One page of the trash, the most recently deleted first. */
  'posts.listTrash': { input: TrashPageQuerySchema, output: TrashPageSchema },
  /** Deletes for good every post in the trash; the renderer asks the user first. */
  'posts.emptyTrash': { input: NoInput, output: z.object({ removed: z.number().int().nonnegative() }) },
  'posts.listMonth': { input: z.object({ month: MonthSchema }).strict(), output: z.array(PostSchema) },
  'posts.saveStatus': { input: NoInput, output: SaveStatusSchema },
  /** A tone for a text, from the suggester on this device; null when the text has nothing to go on. The suggester learns from saves that name a tone. */
  'tone.suggest': { input: z.object({ text: z.string().max(1_100_000) }).strict(), output: ToneSuggestionSchema.nullable() },
  /** One page of the published posts without a tone (imported history), newest first, each with its suggestion. */
  'tone.review': {
    input: z.object({ offset: z.number().int().min(0).max(1_000_000), limit: z.number().int().min(1).max(200) }).strict(),
    output: z.object({ total: z.number().int().nonnegative(), learned: z.number().int().nonnegative(), items: z.array(ToneReviewItemSchema) }),
  },
  /**
   * Sets the tone of published posts (the review screen; null makes one untagged again, for undo)
   * and teaches the suggester. Only the tone changes. Drafts change their tone through posts.saveDraft.
   */
  'tone.tag': {
    input: z.object({ tags: z.array(z.object({ id: PostIdSchema, tone: ToneSchema.nullable() }).strict()).min(1).max(1000) }).strict(),
    output: z.object({ tagged: z.array(z.object({ id: PostIdSchema, tone: ToneSchema.nullable() })), learned: z.number().int().nonnegative() }),
  },
  /** Every damaged file repaired in this run, start-up included (before any window listened). */
  'store.recoveries': { input: NoInput, output: z.array(StoreRecoveredSchema) },
  'media.import': {
    input: z.object({ name: z.string().min(1).max(500), dataBase64: z.base64().max(MAX_BASE64_IMAGE) }).strict(),
    output: MediaImportedSchema,
  },
  'media.stripLocation': { input: z.object({ mediaId: MediaIdSchema }).strict(), output: MediaImportedSchema },
  'library.export': {
    input: NoInput,
    /** `file` is null when the user cancelled the save dialog. */
    output: z.object({ file: z.string().nullable(), posts: z.number().int(), media: z.number().int() }),
  },
  /**
   * Imports an archive the user picks: main's open dialog in the desktop app, a file picker whose
   * file the web bridge uploads to /api/upload/library on the web host. No bytes cross as JSON;
   * null when the user cancelled.
   */
  'library.importChosen': {
    input: NoInput,
    output: z
      .object({
        added: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        mediaAdded: z.number().int(),
      })
      .nullable(),
  },
  /** Settings → Import history: the desktop app's open dialog for a network's export; `path` null when cancelled. */
  'history.choose': { input: NoInput, output: z.object({ path: z.string().nullable() }) },
  /** What the export holds (posts, replies, reposts, from–to, images, already in Spheres); stores nothing. */
  'history.inspect': { input: z.object({ path: HistoryFilePathSchema }).strict(), output: HistorySummarySchema },
  /** Imports the export's posts as published, untagged posts, with progress (`history.progress`); all or nothing. */
  'history.import': { input: HistoryChoicesSchema.extend({ path: HistoryFilePathSchema }).strict(), output: HistoryReportSchema },
  /** Imports a connected account's posts (Bluesky, from its own server) as an export is imported. */
  'history.importAccount': { input: HistoryChoicesSchema.extend({ accountId: z.string().min(1).max(128) }).strict(), output: HistoryReportSchema },
  /** Stops the running import before it stores anything; false when none was running. */
  'history.cancel': { input: NoInput, output: z.object({ cancelled: z.boolean() }) },
  /** Every post in the outbox (scheduled, sending, failed, needing attention, and published in the last 30 days), newest first. */
  'outbox.list': { input: NoInput, output: z.array(OutboxEntrySchema) },
  /** Sends the post to each of its accounts now (a scheduled post too, ahead of its time). Checks accounts, texts and the tone policy first. */
  'outbox.postNow': { input: SendRef, output: OutboxEntrySchema },
  /** Sends the post at its planned time, in its zone. */
  'outbox.schedule': { input: SendRef, output: OutboxEntrySchema },
  /** Tries again every failed or missed target of the post now; parts already on the network stay. */
  'outbox.retry': { input: SendRef, output: OutboxEntrySchema },
  /** Takes a post whose sending has not started out of the outbox and back to the drafts (also Edit). */
  'outbox.cancel': { input: PostRef, output: PostSchema },
  /** Assisted posting: the text for that network, its images written to a folder (location removed), the compose page. */
  'outbox.assistedKit': { input: AssistedRefSchema, output: AssistedKitSchema },
  /**
   * Opens the images folder or the network's compose page for the person (desktop app). `opened`
   * false: this host cannot (the web host), and the page opens the compose address itself.
   */
  'outbox.openAssisted': {
    input: AssistedRefSchema.extend({ what: z.enum(['folder', 'compose']) }).strict(),
    output: z.object({ opened: z.boolean(), folder: z.string().nullable(), composeUrl: z.string() }),
  },
  /** "Did you post it?": records the post made by hand, with its link (checked: https, on that network) or none. Once only. */
  'outbox.confirmAssisted': { input: AssistedConfirmSchema, output: OutboxEntrySchema },
  /** Whether a media host is set up, so Threads and Instagram post images themselves (else by hand). */
  'outbox.mediaHostReady': { input: NoInput, output: z.object({ ready: z.boolean() }) },
  /** Connected accounts: metadata and health only, never a token. */
  'accounts.list': { input: NoInput, output: z.array(AccountSchema) },
  /** Runs the whole connect flow in main (browser step included) and answers with the new account. */
  'accounts.connect': { input: ConnectInputSchema, output: AccountSchema },
  /** Stops a connect that is waiting for the browser; false when none was running. */
  'accounts.cancelConnect': { input: NoInput, output: z.object({ cancelled: z.boolean() }) },
  /** Revokes (best effort), removes the keychain item and the metadata. */
  'accounts.disconnect': { input: AccountRef, output: z.object({ removed: z.boolean() }) },
  /** Renews the account's token now and reports its health. */
  'accounts.refresh': { input: AccountRef, output: AccountSchema },
  /** Which developer apps (X, LinkedIn, Meta) are set up; secrets are never returned. */
  'apps.list': { input: NoInput, output: z.array(AppCredentialsStatusSchema) },
  'apps.save': { input: AppCredentialsInputSchema, output: AppCredentialsStatusSchema },
  'apps.remove': { input: z.object({ app: AppNetworkSchema }).strict(), output: AppCredentialsStatusSchema },
  /** "Test the app": asks the network whether it knows the saved app (or the built-in one), without a browser and before any sign-in. */
  'apps.test': { input: z.object({ app: AppNetworkSchema }).strict(), output: AppCheckSchema },
  /** Settings → Media host: its settings and whether a secret is in the keychain (never the secret). */
  'mediaHost.get': { input: NoInput, output: MediaHostStatusSchema },
  /** Changes what it names; an absent secret keeps the one in the keychain. The first save names everything. */
  'mediaHost.save': { input: MediaHostSaveSchema, output: MediaHostStatusSchema },
  /** Puts a tiny image, fetches its presigned address with a plain GET, deletes it: each step's outcome. */
  'mediaHost.test': { input: NoInput, output: MediaHostTestResultSchema },
  /** Forgets the settings and removes the secret from the keychain. */
  'mediaHost.remove': { input: NoInput, output: MediaHostStatusSchema },
  /** Settings → Guardrails: watched words, the starter list, repeating rules; what it names changes, the rest stays. */
  'guardrails.save': { input: GuardrailsPatchSchema, output: GuardrailsSchema },
  /** Adds a quiet period, or replaces the one with its id. */
  'guardrails.putPeriod': { input: QuietPeriodSchema, output: GuardrailsSchema },
  'guardrails.removePeriod': { input: z.object({ id: z.string().min(1).max(200) }).strict(), output: GuardrailsSchema },
  /** The events of an .ics file as quiet periods (re-importing updates them); a malformed file is refused with its line. */
  'guardrails.importCalendar': {
    input: CalendarFileSchema,
    output: z.object({ added: z.number().int(), updated: z.number().int(), guardrails: GuardrailsSchema }),
  },
  /** The calendar's move into a quiet period, confirmed in its dialog: recorded as an override. */
  'guardrails.confirmMove': { input: z.object({ id: PostIdSchema, confirmed: GuardrailConfirmationSchema }).strict(), output: z.object({ recorded: z.number().int() }) },
  /**
   * The record of overrides as CSV for the compliance officer, written where the library export
   * writes (a save dialog; the data folder's exports/ on the web host); `file` null when cancelled.
   */
  'guardrails.exportRecord': { input: NoInput, output: z.object({ file: z.string().nullable(), overrides: z.number().int() }) },
} as const;

/** Events flow from the core to the renderer. */
export const events = {
  'settings.changed': SettingsSchema,
  /** A native menu item or shortcut asked for a section. */
  'app.navigate': z.object({ section: SectionSchema }),
  /** The window is about to close or the app to quit: save what is unsaved, then call `app.flushed`. */
  'app.flushRequested': FlushRequestRef,
  /** The native menu's New post (Ctrl/⌘+N): save the draft being written and start an empty one. */
  'app.newPost': z.object({}).strict(),
  /** Whether what the user wrote is on disk; a failed save is retried and reported again. */
  'posts.saveStatus': SaveStatusSchema,
  /** A damaged store file was set aside and the last good copy restored: the user is told where. */
  'store.recovered': StoreRecoveredSchema,
  /** The account list after any change: connect, disconnect, refresh, reconnect needed. */
  'accounts.changed': z.array(AccountSchema),
  /** A post in the outbox changed (a target was sent, failed, waited) or left it. */
  'outbox.changed': OutboxChangedSchema,
  /** Where a running connect is: the dialog shows it and can reopen the sign-in page. */
  'accounts.connectProgress': ConnectProgressSchema,
  /** Where a running history import is: reading the export, storing its images, saving its posts. */
  'history.progress': HistoryProgressSchema,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
