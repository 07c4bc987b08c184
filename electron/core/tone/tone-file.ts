import { z } from 'zod';
import { PostIdSchema, ToneSchema } from '../../../common/domain';
import { ToneSuggesterStateSchema } from '../../../common/tone/suggest';
import { MAX_FEATURE_CHARS } from '../../../common/tone/tone-features';

/** The file in the data folder (and in a library export) that holds what the suggester has learned. */
export const TONE_FILE_NAME = 'tone-suggester.json';

/**
 * The suggester's counts and, per post, the tone and text it learned from: a post learned again
 * (another tone, or its finished text when it is queued) first takes back what it taught, so
 * changing one's mind or one's words never counts twice. The text is cut where the suggester stops reading.
 */
export const ToneFileSchema = z
  .object({
    suggester: ToneSuggesterStateSchema,
    learnedPosts: z.record(PostIdSchema, z.object({ tone: ToneSchema, text: z.string().max(MAX_FEATURE_CHARS) }).strict()),
  })
  .strict();
export type ToneFile = z.infer<typeof ToneFileSchema>;
