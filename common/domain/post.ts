import { z } from 'zod';
import { NetworkIdSchema } from './network-id';
import { ToneSchema } from './tone';

export const POST_STATUSES = ['draft', 'queued', 'scheduled', 'publishing', 'published', 'failed', 'needs_attention'] as const;
export const PostStatusSchema = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof PostStatusSchema>;

/** Per target: queued -> sending -> published | failed(retryable) | failed(permanent) | unknown. */
export const PUBLISH_STATES = ['queued', 'sending', 'published', 'failed_retryable', 'failed_permanent', 'unknown'] as const;
export const PublishStateSchema = z.enum(PUBLISH_STATES);

const IsoInstant = z.iso.datetime({ offset: true });

/** A sha256 in hex names a media file in the library (content-addressed). */
export const MediaIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a media id is a sha256 in hex');

export const MediaRefSchema = z.object({
  mediaId: MediaIdSchema,
  mime: z.string().min(1).max(100),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  altText: z.string().max(5000).default(''),
});
export type MediaRef = z.infer<typeof MediaRefSchema>;

/** A target is a network, and once accounts exist, the account on it. */
export const TargetSchema = z.object({
  network: NetworkIdSchema,
  accountId: z.string().min(1).max(200).optional(),
});
export type Target = z.infer<typeof TargetSchema>;

/** A planned or scheduled time: the UTC instant plus the IANA zone it was chosen in (DST-safe re-planning). */
export const PlannedTimeSchema = z.object({
  at: IsoInstant,
  zone: z.string().min(1).max(100),
});
export type PlannedTime = z.infer<typeof PlannedTimeSchema>;

export const PublishResultSchema = z.object({
  target: TargetSchema,
  state: PublishStateSchema,
  /** Each part of a thread that reached the network, so a thread resumes from the failed part. */
  remoteIds: z.array(z.string()).default([]),
  url: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  attempts: z.number().int().nonnegative().default(0),
  updatedAt: IsoInstant,
});
export type PublishResult = z.infer<typeof PublishResultSchema>;

export const PostIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a post id is 8-64 letters, digits, _ or -');

export const PostSchema = z.object({
  id: PostIdSchema,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  /** A draft may not have a tone yet; a post cannot be queued without one. */
  tone: ToneSchema.nullable(),
  text: z.string().max(1_100_000),
  /** Per-network text that replaces the base text; absent means "inherits the base text". */
  overrides: z.partialRecord(NetworkIdSchema, z.string().max(1_100_000)).default({}),
  /**
   * For each override, a hash of the base text it was written from: a different base means it may
   * be stale. Optional (absent = no record, as in posts saved before it existed), not defaulted,
   * so a patch that leaves it out leaves it unchanged.
   */
  overrideBases: z.partialRecord(NetworkIdSchema, z.string().max(64)).optional(),
  targets: z.array(TargetSchema).max(50).default([]),
  media: z.array(MediaRefSchema).max(20).default([]),
  contentWarning: z.string().max(1000).default(''),
  threadNumbering: z.boolean().default(false),
  status: PostStatusSchema,
  planned: PlannedTimeSchema.nullable().default(null),
  results: z.array(PublishResultSchema).default([]),
});
export type Post = z.infer<typeof PostSchema>;
