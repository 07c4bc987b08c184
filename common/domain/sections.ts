import { z } from 'zod';

/** The app's top-level places, in sidebar order. */
export const SECTIONS = ['compose', 'drafts', 'calendar', 'outbox', 'accounts', 'settings'] as const;
export const SectionSchema = z.enum(SECTIONS);
export type Section = z.infer<typeof SectionSchema>;
