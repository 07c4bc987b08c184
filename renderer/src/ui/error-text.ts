import type { i18n } from 'i18next';
import { isSpheresError } from '../../../common/api';

/**
 * What to show for a failed call. The core words its errors in English with the specifics (which
 * server, which HTTP status); in another language the codes a person can act on get a translated
 * sentence instead, and anything else keeps the core's words.
 */
export function errorText(error: unknown, i18n: i18n, params: { network?: string } = {}): string {
  if (!isSpheresError(error)) return error instanceof Error ? error.message : String(error);
  const key = `errors.${error.code}`;
  if (i18n.language === 'en' || !i18n.exists(key)) return error.message;
  const network = params.network ?? i18n.t('errors.theNetwork');
  return i18n.t(key as 'errors.internal', { network });
}
