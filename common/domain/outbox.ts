import { z } from 'zod';
import { NetworkIdSchema } from './network-id';
import { PlannedTimeSchema, PostIdSchema, PostStatusSchema, PublishStateSchema } from './post';
import { ToneSchema } from './tone';

const IsoInstant = z.iso.datetime({ offset: true });

/** Why a target that is not being sent is waiting; null when it is sending, published or simply due. */
export const OUTBOX_WAITS = ['time', 'connection', 'reconnect', 'person'] as const;
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
