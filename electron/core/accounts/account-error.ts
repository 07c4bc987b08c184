import { AppError, type ErrorCode } from '../../../common/api';

/** Account failures are AppErrors: a stable code and a sentence the person can act on, no secret. */
export function accountError(code: ErrorCode, message: string, details?: Record<string, string>): AppError {
  return new AppError(code, message, details);
}

/** Codes after which the stored token is known to be useless: the account needs reconnecting. */
export function meansReconnect(error: unknown): boolean {
  return error instanceof AppError && error.code === 'reconnect_needed';
}
