import { z } from 'zod';
import { MediaHostSettingsSchema } from '../../common/domain';

/**
 * What the soak's parent hands its child (the outbox engine under test): the posts to send and
 * where the networks are. Written by the parent once; the child reads it at every start.
 */
export const SOAK_NETWORKS = ['bluesky', 'mastodon', 'x', 'linkedin', 'threads', 'instagram'] as const;
export const SoakNetworkIdSchema = z.enum(SOAK_NETWORKS);
export type SoakNetworkId = z.infer<typeof SoakNetworkIdSchema>;

export const SoakTargetSchema = z.object({ network: SoakNetworkIdSchema, accountId: z.string().min(1) });
export type SoakTarget = z.infer<typeof SoakTargetSchema>;

export const SoakPostSchema = z.object({
  postId: z.string().min(1),
  parts: z.array(z.string().min(1)).min(1).max(5),
  /** An image with alt text on the first part, on every network. */
  image: z.boolean(),
  targets: z.array(SoakTargetSchema).min(1),
});
export type SoakPost = z.infer<typeof SoakPostSchema>;

export const SoakChildConfigSchema = z.object({
  dataDir: z.string().min(1),
  planFile: z.string().min(1),
  /** Each network's address as the child reaches it: its fault proxy. */
  origins: z.partialRecord(SoakNetworkIdSchema, z.string().url()),
  /** The media host (a local S3 server) of each network that downloads images from one. */
  mediaHosts: z.partialRecord(SoakNetworkIdSchema, z.object({ settings: MediaHostSettingsSchema, secretAccessKey: z.string().min(1) })),
  /** Short, so retries happen within the run. */
  backoff: z.object({ baseMs: z.number().int().positive(), capMs: z.number().int().positive(), maxAttempts: z.number().int().positive() }),
  /** How long one request may take before its outcome counts as unknown (the proxy's `hang`). */
  requestTimeoutMs: z.number().int().positive(),
});
export type SoakChildConfig = z.infer<typeof SoakChildConfigSchema>;

/** Environment variables of the child: the config, and the credentials kept out of files. */
export const CONFIG_ENV = 'SPHERES_SOAK_CONFIG';
export const CREDENTIALS_ENV = 'SPHERES_SOAK_CREDENTIALS';

/** Lines the child prints on stdout for the parent. */
export const READY_LINE = 'soak-child: ready';
export const DONE_LINE = 'soak-child: done';
