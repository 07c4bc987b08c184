import { z } from 'zod';
import { PostIdSchema, ToneSchema } from '../../../common/domain';
import { ToneSuggesterStateSchema } from '../../../common/tone/suggest';

/** The file in the data folder (and in a library export) that holds what the suggester has learned. */
export const TONE_FILE_NAME = 'tone-suggester.json';

/**
 * The suggester's counts and, per post, the tone it learned from that post: a post tagged again
 * with another tone takes its first tag back, so changing one's mind does not count twice.
 */
export const ToneFileSchema = z
  .object({
    suggester: ToneSuggesterStateSchema,
    learnedPosts: z.record(PostIdSchema, ToneSchema),
  })
  .strict();
export type ToneFile = z.infer<typeof ToneFileSchema>;
