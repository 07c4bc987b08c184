import { z } from 'zod';
import { NetworkIdSchema } from './network-id';
import { PlannedTimeSchema, PostIdSchema, PostStatusSchema, PublishStateSchema } from './post';
import { ToneSchema } from './tone';

const IsoInstant = z.iso.datetime({ offset: true });

/**
 * Why a target that is not being sent is waiting; null when it is sending, published or simply due.
 * `assisted`: its time came and it waits for the person to post it by hand and say so.
 */
export const OUTBOX_WAITS = ['time', 'connection', 'reconnect', 'person', 'assisted'] as const;
export const OutboxWaitSchema = z.enum(OUTBOX_WAITS);
export type OutboxWait = z.infer<typeof OutboxWaitSchema>;

/** One account a post goes to, as the outbox shows it: its state, attempts and the reason of a failure. */
export const OutboxTargetSchema = z.object({
  network: NetworkIdSchema,
  accountId: z.string().min(1).max(200),
  /** The account's handle as the network shows it; the id when the account is gone. */
  handle: z.string().max(300),
  state: PublishStateSchema,
  attempts: z.number().int().nonnegative(),
  /** When Spheres tries next on its own; null when it waits for the person, the account, or is done. */
  nextAttemptAt: IsoInstant.nullable(),
  waiting: OutboxWaitSchema.nullable(),
  error: z.object({ kind: z.string().max(50), code: z.string().max(100), message: z.string().max(2000) }).nullable(),
  /** Parts of a thread on the network, of all parts. */
  partsDone: z.number().int().nonnegative(),
  parts: z.number().int().positive(),
  /** The published post (its first part) on the network; null until then. */
  url: z.string().max(2000).nullable(),
  /** Cancel and Edit are possible only while nothing of this target may have reached the network. */
  untouched: z.boolean(),
  /** Posted by the person by hand (assisted posting), never by Spheres; absent from older hosts: false. */
  assisted: z.boolean().optional(),
  /** Why it is assisted: the person chose it, or Threads/Instagram images with no media host set up. */
  assistedReason: z.enum(['chosen', 'no_media_host']).optional(),
  updatedAt: IsoInstant,
});
export type OutboxTarget = z.infer<typeof OutboxTargetSchema>;

/** A post in the outbox: what the Outbox screen lists and the `outbox.changed` event carries. */
export const OutboxEntrySchema = z.object({
  postId: PostIdSchema,
  /** The post's text, at most 280 characters of it. */
  excerpt: z.string().max(300),
  tone: ToneSchema.nullable(),
  planned: PlannedTimeSchema.nullable(),
  /** The post as a whole: scheduled, publishing, published, failed or needs_attention. */
  status: PostStatusSchema,
  targets: z.array(OutboxTargetSchema),
  updatedAt: IsoInstant,
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

/** What `outbox.changed` says: the entry as it is now, or null when the post left the outbox (cancelled). */
export const OutboxChangedSchema = z.object({ postId: PostIdSchema, entry: OutboxEntrySchema.nullable() });
export type OutboxChanged = z.infer<typeof OutboxChangedSchema>;

/** Which assisted target (posted by the person by hand): a post and one of its networks. */
export const AssistedRefSchema = z.object({ postId: PostIdSchema, network: NetworkIdSchema }).strict();

/** What the person needs to post by hand: the text, the images folder and the network's compose page. */
export const AssistedKitSchema = z.object({
  postId: PostIdSchema,
  network: NetworkIdSchema,
  /** The whole text for that network, as it is copied. */
  text: z.string(),
  /** The parts of a thread (one for a single post). */
  parts: z.array(z.string()),
  /** Where the images were written (location removed); null when the post has none. */
  folder: z.string().nullable(),
  images: z.array(z.object({ file: z.string(), mediaId: z.string(), altText: z.string() })),
  composeUrl: z.string(),
});
export type AssistedKit = z.infer<typeof AssistedKitSchema>;

/** "Did you post it?" — yes, with the post's link, or null: posted without a link. */
export const AssistedConfirmSchema = AssistedRefSchema.extend({ url: z.string().max(2000).nullable() }).strict();
