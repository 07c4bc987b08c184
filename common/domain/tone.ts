import { z } from 'zod';

/** Who the author is being in a post, from the private self to the professional one. */
export const TONES = ['private', 'blend', 'professional'] as const;
export const ToneSchema = z.enum(TONES);
export type Tone = z.infer<typeof ToneSchema>;
