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

/**
 * A target is a network, and once accounts exist, the account on it. `assisted`: the person posts
 * it by hand (Spheres copies the text, opens the compose page, records the link they paste); a
 * network with no account is sent nowhere unless the person chose this (electron/core/outbox/assisted.ts).
 */
export const TargetSchema = z.object({
  network: NetworkIdSchema,
  accountId: z.string().min(1).max(200).optional(),
  assisted: z.literal(true).optional(),
});
export type Target = z.infer<typeof TargetSchema>;

/** A planned or scheduled time: the UTC instant plus the IANA zone it was chosen in (DST-safe re-planning). */
export const PlannedTimeSchema = z.object({
  at: IsoInstant,
  zone: z.string().min(1).max(100),
});
export type PlannedTime = z.infer<typeof PlannedTimeSchema>;

/** A month of posts, as the store files them and posts.listMonth names them: YYYY-MM, in UTC. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM');

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

/**
 * The rule of each field a person edits (the composer as they type, the calendar's re-plan), with
 * no default: a default belongs to a whole post, never to a patch, where a key left out must mean
 * "unchanged" (zod fills defaults for absent keys, even under `.partial()`). Status and publish
 * results are not here: they change only through the outbox.
 */
const EDITABLE_FIELD_SCHEMAS = {
  /** A draft may not have a tone yet; a post cannot be queued without one. */
  tone: ToneSchema.nullable(),
  text: z.string().max(1_100_000),
  /** Per-network text that replaces the base text; absent means "inherits the base text". */
  overrides: z.partialRecord(NetworkIdSchema, z.string().max(1_100_000)),
  /**
   * For each override, a hash of the base text it was written from: a different base means it may
   * be stale. Never defaulted, even in PostSchema (absent = no record, as in posts saved before it
   * existed), so a patch that leaves it out leaves it unchanged.
   */
  overrideBases: z.partialRecord(NetworkIdSchema, z.string().max(64)),
  targets: z.array(TargetSchema).max(50),
  media: z.array(MediaRefSchema).max(20),
  contentWarning: z.string().max(1000),
  threadNumbering: z.boolean(),
  planned: PlannedTimeSchema.nullable(),
};
export type EditableField = keyof typeof EDITABLE_FIELD_SCHEMAS;
/** The one list of editable fields: the contract, the posts service and the composer's autosave all read it. */
export const EDITABLE_FIELDS = Object.freeze(Object.keys(EDITABLE_FIELD_SCHEMAS) as EditableField[]);

export const PostSchema = z.object({
  id: PostIdSchema,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  tone: EDITABLE_FIELD_SCHEMAS.tone,
  text: EDITABLE_FIELD_SCHEMAS.text,
  overrides: EDITABLE_FIELD_SCHEMAS.overrides.default({}),
  overrideBases: EDITABLE_FIELD_SCHEMAS.overrideBases.optional(),
  targets: EDITABLE_FIELD_SCHEMAS.targets.default([]),
  media: EDITABLE_FIELD_SCHEMAS.media.default([]),
  contentWarning: EDITABLE_FIELD_SCHEMAS.contentWarning.default(''),
  threadNumbering: EDITABLE_FIELD_SCHEMAS.threadNumbering.default(false),
  status: PostStatusSchema,
  planned: EDITABLE_FIELD_SCHEMAS.planned.default(null),
  results: z.array(PublishResultSchema).default([]),
});
export type Post = z.infer<typeof PostSchema>;

/** The instant a post is filed and shown at (epoch ms): its planned time if it has one, else when it was created. */
export function postTime(post: Pick<Post, 'planned' | 'createdAt'>): number {
  return Date.parse(post.planned?.at ?? post.createdAt);
}

/** The UTC month (YYYY-MM) an instant falls in. */
export function monthAt(instant: number | Date): string {
  return new Date(instant).toISOString().slice(0, 7);
}

/**
 * The month a post is filed under: the UTC month of its postTime. The store keeps it in that
 * month's file and listMonth finds it there, so every reader must use this one rule: a copy that
 * drifts makes the calendar silently miss posts.
 */
export function postMonth(post: Pick<Post, 'planned' | 'createdAt'>): string {
  return monthAt(postTime(post));
}

/**
 * A change to a post's editable fields. Every key is optional and none has a default, so a key
 * left out leaves the stored value as it is; `null` (tone, planned) clears it. A named array is
 * replaced whole (a media item's alt text still defaults to '' inside it: the caller named `media`).
 */
export const PostPatchSchema = z.object(EDITABLE_FIELD_SCHEMAS).partial().strict();
export type PostPatch = z.infer<typeof PostPatchSchema>;

/** What the composer saves as the user types: a patch of the post with this id (made as a draft if new). */
export const DraftPatchSchema = PostPatchSchema.extend({ id: PostIdSchema }).strict();
export type DraftPatch = z.infer<typeof DraftPatchSchema>;

/** The calendar's move: a new planned time (null: unplanned), and nothing else. */
export const ReplanSchema = z.object({ id: PostIdSchema, planned: PlannedTimeSchema.nullable() }).strict();
export type Replan = z.infer<typeof ReplanSchema>;
