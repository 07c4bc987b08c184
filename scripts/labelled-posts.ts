import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ToneSchema } from '../common/domain/tone';

/** One line of the seed posts or the evaluation set: the tone the project gave it, its language ('mix': both). */
export const LabelledPostSchema = z.object({ tone: ToneSchema, lang: z.enum(['en', 'da', 'mix']), text: z.string().min(1) }).strict();
export type LabelledPost = z.infer<typeof LabelledPostSchema>;

/** Reads a JSON Lines file of labelled posts; a bad line is an error naming the file and the line. */
export function readLabelledPosts(file: string): LabelledPost[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = LabelledPostSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file} line ${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}
