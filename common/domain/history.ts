import { z } from 'zod';
import { NetworkIdSchema } from './network-id';

/*
 * Importing a network's history (Settings → Import history): what the person picked, the summary
 * shown before anything is stored, the progress of a running import and its report.
 */

/**
 * The export file as the core names it: an absolute path (from the desktop app's open dialog, or
 * typed on the web host). Windows paths start with a drive letter or `\\server`.
 */
export const HistoryFilePathSchema = z
  .string()
  .min(2)
  .max(4096)
  .refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\'), 'the export is named by its full path')
  .refine((value) => !value.includes('\0'), 'a path has no NUL character');

/** Which posts of the export to import: replies and reposts are marked so they can be left out. */
export const HistoryChoicesSchema = z.object({
  /** Absent: replies are imported (they are the person's words). */
  includeReplies: z.boolean().optional(),
  /** Absent: reposts are left out (they are someone else's words). */
  includeReposts: z.boolean().optional(),
});

export const HistorySummarySchema = z.object({
  /** The file as the person knows it. */
  file: z.string(),
  network: NetworkIdSchema,
  /** "X archive", "LinkedIn export", "Mastodon archive"… */
  format: z.string(),
  posts: z.number().int().nonnegative(),
  replies: z.number().int().nonnegative(),
  reposts: z.number().int().nonnegative(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  images: z.number().int().nonnegative(),
  /** Imported before, or published by Spheres itself: not imported again. */
  alreadyInSpheres: z.number().int().nonnegative(),
  /** Of those, the replies and the reposts (the Import button's count follows the toggles). */
  alreadyReplies: z.number().int().nonnegative(),
  alreadyReposts: z.number().int().nonnegative(),
  /** Posts the import will skip (each named in its report). */
  unreadable: z.number().int().nonnegative(),
});
export type HistorySummary = z.infer<typeof HistorySummarySchema>;

export const SkippedPostSchema = z.object({ where: z.string(), reason: z.string() });

export const HistoryReportSchema = z.object({
  file: z.string(),
  network: NetworkIdSchema,
  format: z.string(),
  imported: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  leftOut: z.number().int().nonnegative(),
  imagesAdded: z.number().int().nonnegative(),
  skipped: z.array(SkippedPostSchema),
  skippedMore: z.number().int().nonnegative(),
  /** Cancelled before it was stored: nothing was imported. */
  cancelled: z.boolean(),
});
export type HistoryReport = z.infer<typeof HistoryReportSchema>;

export const HistoryProgressSchema = z.object({
  phase: z.enum(['reading', 'images', 'saving']),
  done: z.number().int().nonnegative(),
  /** 0 while not known yet (reading). */
  total: z.number().int().nonnegative(),
});
export type HistoryProgress = z.infer<typeof HistoryProgressSchema>;
