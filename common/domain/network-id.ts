import { z } from 'zod';

/** The networks Spheres writes for, in the order the UI lists them. */
export const NETWORK_IDS = Object.freeze(['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram', 'facebook'] as const);
export const NetworkIdSchema = z.enum(NETWORK_IDS);
export type NetworkIdValue = z.infer<typeof NetworkIdSchema>;
