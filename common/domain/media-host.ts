import { z } from 'zod';

/**
 * The S3-compatible bucket Threads and Instagram download a post's images from (Settings → Media
 * host). Not secret: the secret access key lives in the keychain only, never here.
 */

/** Loopback is the one place plain http is safe: nothing leaves the computer (local S3 servers, tests). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** scheme://host[:port][/]: common/ has no URL class, and an endpoint needs nothing more. */
const ENDPOINT = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?(\?[^#]*)?(#.*)?$/i;
const HOST = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])$/i;

interface Endpoint {
  scheme: string;
  host: string;
  port: string | null;
}

function parseEndpoint(value: string): Endpoint | string {
  const match = ENDPOINT.exec(value);
  if (match === null) return 'Enter the endpoint as a full address, for example https://s3.eu-central-1.amazonaws.com.';
  const [, scheme = '', authority = '', path = '', query, fragment] = match;
  if (scheme.toLowerCase() !== 'https' && scheme.toLowerCase() !== 'http') return 'The endpoint must start with https://.';
  if (authority.includes('@')) return 'Leave the keys out of the endpoint: enter them in their own fields.';
  if (query !== undefined || fragment !== undefined) return 'The endpoint is a server address only, without ? or #.';
  if (path !== '' && path !== '/') return 'The endpoint is a server address only, without a path: enter the bucket in its own field.';
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/.exec(authority);
  const host = (portMatch?.[1] ?? '').toLowerCase();
  const port = portMatch?.[2] ?? null;
  if (!HOST.test(host)) return `"${host}" is not a server name. Enter the endpoint as a full address, for example https://s3.eu-central-1.amazonaws.com.`;
  if (port !== null && (Number(port) < 1 || Number(port) > 65535)) return 'The endpoint’s port must be from 1 to 65535.';
  return { scheme: scheme.toLowerCase(), host, port };
}

function endpointProblem(value: string): string | null {
  const endpoint = parseEndpoint(value);
  if (typeof endpoint === 'string') return endpoint;
  if (endpoint.scheme === 'http' && !LOOPBACK_HOSTS.has(endpoint.host)) {
    return 'The endpoint must use https:// (plain http:// is allowed only for a server on this computer, 127.0.0.1 or localhost): the keys would otherwise cross the network readable.';
  }
  return null;
}

/** One spelling (lowercase, no trailing slash, no default port), so the same endpoint always reads the same. */
function canonicalEndpoint(value: string): string {
  const endpoint = parseEndpoint(value);
  if (typeof endpoint === 'string') return value;
  const defaultPort = endpoint.scheme === 'https' ? '443' : '80';
  return `${endpoint.scheme}://${endpoint.host}${endpoint.port === null || endpoint.port === defaultPort ? '' : `:${endpoint.port}`}`;
}

export const MediaHostEndpointSchema = z
  .string()
  .trim()
  .min(1, 'Enter the endpoint, for example https://s3.eu-central-1.amazonaws.com.')
  .max(300, 'The endpoint is too long (at most 300 characters).')
  .superRefine((value, context) => {
    const problem = endpointProblem(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  })
  .transform(canonicalEndpoint);

/** AWS region names (eu-central-1), Cloudflare R2's `auto`, Backblaze's us-west-004, DigitalOcean's nyc3, Scaleway's fr-par. */
export const MediaHostRegionSchema = z
  .string()
  .trim()
  .min(1, 'Enter the region, for example eu-central-1 (Cloudflare R2: auto).')
  .max(50, 'The region is too long (at most 50 characters).')
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'A region is lowercase letters, digits and hyphens, for example eu-central-1.');

/**
 * S3's rules for a bucket name: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * (general purpose buckets). Checked here so the person hears which rule, not S3's InvalidBucketName.
 */
function bucketProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'A bucket name is 3 to 63 characters long.';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'A bucket name has only lowercase letters, digits, dots and hyphens.';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'A bucket name starts and ends with a letter or a digit.';
  if (name.includes('..')) return 'A bucket name has no two dots in a row.';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'A bucket name cannot look like an IP address.';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'A bucket name cannot start with xn--, sthree- or amzn-s3-demo-.';
  if (/(-s3alias|--ol-s3|--x-s3|\.mrap)$/.test(name)) return 'A bucket name cannot end with -s3alias, --ol-s3, --x-s3 or .mrap.';
  return null;
}

export const MediaHostBucketSchema = z
  .string()
  .trim()
  .min(1, 'Enter the bucket’s name.')
  .superRefine((value, context) => {
    const problem = bucketProblem(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });

const PRINTABLE = /^[\x21-\x7e]+$/;

export const AccessKeyIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the access key ID.')
  .max(128, 'The access key ID is too long (at most 128 characters).')
  .regex(PRINTABLE, 'An access key ID is printable characters without spaces.');

/** Write-only: it goes from the Settings form to the keychain and never comes back. */
export const SecretAccessKeySchema = z
  .string()
  .trim()
  .min(1, 'Enter the secret access key.')
  .max(256, 'The secret access key is too long (at most 256 characters).')
  .regex(PRINTABLE, 'A secret access key is printable characters without spaces.');

export const MediaHostSettingsSchema = z
  .object({
    endpoint: MediaHostEndpointSchema,
    region: MediaHostRegionSchema,
    bucket: MediaHostBucketSchema,
    accessKeyId: AccessKeyIdSchema,
    /** bucket in the path (endpoint/bucket/key) rather than the host name: MinIO, Ceph and most self-hosted servers need it. */
    pathStyle: z.boolean(),
  })
  .strict();
export type MediaHostSettings = z.infer<typeof MediaHostSettingsSchema>;

/** What Settings → Media host shows: the settings, and only whether a secret is stored. */
export const MediaHostStatusSchema = z.object({
  settings: MediaHostSettingsSchema.nullable(),
  hasSecret: z.boolean(),
});
export type MediaHostStatus = z.infer<typeof MediaHostStatusSchema>;

/**
 * A save names what changes; a key left out keeps its stored value, and the secret, when left out
 * or empty, stays in the keychain as it is. The first save must name everything.
 */
export const MediaHostSaveSchema = z
  .object({
    endpoint: MediaHostEndpointSchema.optional(),
    region: MediaHostRegionSchema.optional(),
    bucket: MediaHostBucketSchema.optional(),
    accessKeyId: AccessKeyIdSchema.optional(),
    pathStyle: z.boolean().optional(),
    secretAccessKey: SecretAccessKeySchema.optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: 'Name at least one media host setting to change.' });
export type MediaHostSave = z.infer<typeof MediaHostSaveSchema>;

export const MEDIA_HOST_TEST_STEPS = ['upload', 'download', 'delete'] as const;
export type MediaHostTestStep = (typeof MEDIA_HOST_TEST_STEPS)[number];

/** "Test the media host": each step as it went; a step after a failed one is not tried. */
export const MediaHostTestResultSchema = z.object({
  ok: z.boolean(),
  steps: z.array(
    z.object({
      step: z.enum(MEDIA_HOST_TEST_STEPS),
      outcome: z.enum(['passed', 'failed', 'skipped']),
      /** The sentence of a failed step, naming the bucket or endpoint. */
      message: z.string().nullable(),
    }),
  ),
});
export type MediaHostTestResult = z.infer<typeof MediaHostTestResultSchema>;
