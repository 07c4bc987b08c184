import { z } from 'zod';
import { NetworkIdSchema } from './network-id';
import { PlannedTimeSchema, PostIdSchema, PostStatusSchema } from './post';
import { ToneSchema } from './tone';

/** How much of a post's text a list row carries: enough for two lines, never the whole post. */
export const SUMMARY_TEXT_LENGTH = 200;
/** The most rows one page of the drafts library holds; the list asks for more as it scrolls. */
export const LIBRARY_PAGE_MAX = 500;

/** What a row of the drafts library shows of a post. */
export const PostSummarySchema = z.object({
  id: PostIdSchema,
  /** The first SUMMARY_TEXT_LENGTH characters of the base text. */
  text: z.string().max(SUMMARY_TEXT_LENGTH),
  tone: ToneSchema.nullable(),
  networks: z.array(NetworkIdSchema),
  status: PostStatusSchema,
  updatedAt: z.iso.datetime({ offset: true }),
  planned: PlannedTimeSchema.nullable(),
  mediaCount: z.number().int().nonnegative(),
});
export type PostSummary = z.infer<typeof PostSummarySchema>;

/** Newest edit first, or soonest planned time first (unplanned posts after the planned ones). */
export const LIBRARY_SORTS = ['updated', 'planned'] as const;
export const LibrarySortSchema = z.enum(LIBRARY_SORTS);
export type LibrarySort = z.infer<typeof LibrarySortSchema>;

const Paging = {
  offset: z.number().int().min(0, 'offset starts at 0').max(1_000_000),
  limit: z.number().int().min(1, 'ask for at least one row').max(LIBRARY_PAGE_MAX, `ask for at most ${LIBRARY_PAGE_MAX} rows at a time`),
};

/** A search of the library: every filter left out matches everything. */
export const PostQuerySchema = z
  .object({
    text: z.string().max(500, 'a search is at most 500 characters').optional(),
    tones: z.array(ToneSchema).max(3).optional(),
    /** "No tone yet" is a filter of its own: a draft may not have one. */
    untoned: z.boolean().optional(),
    networks: z.array(NetworkIdSchema).max(7).optional(),
    statuses: z.array(PostStatusSchema).max(7).optional(),
    sort: LibrarySortSchema,
    ...Paging,
  })
  .strict();
export type PostQuery = z.infer<typeof PostQuerySchema>;

export const TrashPageQuerySchema = z.object(Paging).strict();
export type TrashPageQuery = z.infer<typeof TrashPageQuerySchema>;

export const TrashedSummarySchema = PostSummarySchema.extend({
  deletedAt: z.iso.datetime({ offset: true }),
  /** When the trash lets go of it for good. */
  purgeAfter: z.iso.datetime({ offset: true }),
});
export type TrashedSummary = z.infer<typeof TrashedSummarySchema>;

export const PostPageSchema = z.object({ total: z.number().int().nonnegative(), items: z.array(PostSummarySchema) });
export type PostPage = z.infer<typeof PostPageSchema>;
export const TrashPageSchema = z.object({ total: z.number().int().nonnegative(), items: z.array(TrashedSummarySchema) });
export type TrashPage = z.infer<typeof TrashPageSchema>;
