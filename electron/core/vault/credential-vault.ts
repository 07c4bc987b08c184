import { z } from 'zod';
import { VaultError } from './vault-error';

/**
 * What the main process keeps for one account (its tokens) or for one developer app (its client id
 * and secret, under an `app:` id). Strict: a stored blob with a key this schema does
 * not know was not written by us (or by a newer Spheres), and half-understood credentials are
 * worse than none, so it is reported as corrupt instead of being trimmed to fit.
 */
export const CredentialsSchema = z.strictObject({
  accessToken: z.string().min(1).optional(),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  scopes: z.array(z.string()).optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  extra: z.record(z.string(), z.string()).optional(),
}).refine((blob) => blob.accessToken !== undefined || blob.clientId !== undefined, {
  message: 'needs an access token (an account) or a client id (an app)',
});
export type Credentials = z.infer<typeof CredentialsSchema>;

/** The only store of account secrets. Implementations live in the main process alone. */
export interface CredentialVault {
  /** The saved credentials, or null when this account has none. */
  get(accountId: string): Promise<Credentials | null>;
  /** Saves or replaces the credentials of one account. */
  set(accountId: string, credentials: Credentials): Promise<void>;
  /** True when something was removed, false when the account had no credentials. */
  delete(accountId: string): Promise<boolean>;
  /** Ids of the accounts that have credentials, sorted. */
  list(): Promise<string[]>;
}

/** Keeps ids printable and short enough for every OS keychain's account field. */
const ACCOUNT_ID = /^[a-z0-9][a-z0-9:._-]{0,127}$/;

export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID.test(value);
}

export function assertAccountId(value: unknown): asserts value is string {
  if (isAccountId(value)) return;
  // The value itself is left out: a caller that mixed up arguments could be passing a token.
  const got = typeof value === 'string' ? `a ${value.length}-character string` : typeof value;
  throw new VaultError(
    'invalid_account_id',
    `This account id cannot be used (got ${got}). An account id is 1 to 128 characters: lowercase letters, digits, ':', '.', '_' or '-', starting with a letter or digit, for example "mastodon:mastodon.social:alice".`,
  );
}

/** Validates before anything is written, so a save can never produce a blob that reads back as corrupt. */
export function serializeCredentials(accountId: string, credentials: unknown): string {
  const parsed = CredentialsSchema.safeParse(credentials);
  if (!parsed.success) {
    // Zod's messages name the expectation, not the received value, so no secret ends up here.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new VaultError(
      'invalid_credentials',
      `The credentials for account "${accountId}" were not saved because they are incomplete or malformed (${problems.join('; ')}). Nothing was changed; connect the account again.`,
      { accountId },
    );
  }
  return JSON.stringify(parsed.data);
}

/**
 * Reads a blob back from storage. Errors from JSON.parse quote the input, so they are dropped
 * here; only field paths (never values) go into the error.
 */
export function parseStoredCredentials(accountId: string, blob: string, where: string): Credentials {
  let json: unknown;
  try {
    json = JSON.parse(blob);
  } catch {
    throw credentialsCorrupt(accountId, where, 'not JSON');
  }
  const parsed = CredentialsSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.flatMap(issueFields))];
    throw credentialsCorrupt(accountId, where, `unexpected fields: ${fields.join(', ')}`);
  }
  return parsed.data;
}

function issueFields(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => [...at, key].join('.'));
  return [at.join('.') || '(root)'];
}

function credentialsCorrupt(accountId: string, where: string, reason: string): VaultError {
  return new VaultError(
    'credentials_corrupt',
    `The saved credentials for account "${accountId}" are damaged and cannot be used. Remove the account in Spheres and connect it again (or delete ${where}).`,
    { accountId, reason },
  );
}
