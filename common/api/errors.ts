import { z } from 'zod';

/** Stable error codes that cross the process boundary. A renderer may branch on them. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'forbidden',
  'unknown_method',
  'keychain_unavailable',
  'keychain_locked',
  'credentials_corrupt',
  'invalid_account_id',
  'invalid_credentials',
  'disk_full',
  'read_only',
  'data_folder_missing',
  'newer_version',
  'corrupt',
  'io_error',
  'invalid_archive',
  'unsupported_media',
  'media_too_large',
  'offline',
  'app_not_configured',
  'connect_in_progress',
  'auth_cancelled',
  'auth_denied',
  'auth_timeout',
  'auth_state_mismatch',
  'auth_failed',
  'invalid_server_url',
  'not_mastodon',
  'server_unreachable',
  'wrong_password',
  'reconnect_needed',
  /** A target on a network with no connected account: "Connect a Bluesky account to post there". */
  'account_needed',
  /** Cancel or Edit of a post whose sending has started: part of it may be on the network. */
  'already_sending',
  /** A post meets a guardrail (a quiet period, a watched word) the person has not confirmed; details name which. */
  'guardrail_confirmation_needed',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorSchema>;

/** The only error type a service throws on purpose; anything else becomes `internal`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toJSON(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Every call answers with an envelope, so both transports carry errors as plain values. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);
