import type { i18n } from 'i18next';
import { ERROR_CODES, isSpheresError, type ErrorCode } from '../../../common/api';
import { isNetworkId, NETWORK_INFO } from '../../../common/networks';

/** The i18n key of each error code's sentence: one per code in ERROR_CODES, in every language. */
export const ERROR_TEXT_KEYS = Object.fromEntries(ERROR_CODES.map((code) => [code, `errors.${code}`])) as Readonly<Record<ErrorCode, `errors.${ErrorCode}`>>;

/** The last part of a path, as a person recognises a file: "2026-11.json", not the folder it sits in. */
function fileName(path: string): string {
  return path.split(/[\\/]/).filter((part) => part !== '').pop() ?? path;
}

function networkName(value: unknown): string | undefined {
  return typeof value === 'string' && isNetworkId(value) ? NETWORK_INFO[value].name : undefined;
}

/**
 * What to show for a failed call; the one place the renderer turns an error into words. The core
 * words its errors in English with the specifics (which server, which HTTP status, which file),
 * so English keeps those words; another language gets the sentence for the error's stable code,
 * naming the network and the file where the caller or the error's details know them. A failure
 * that is no error of Spheres' (a bug in this window) reads as `internal`.
 */
export function errorText(error: unknown, i18n: i18n, params: { network?: string } = {}): string {
  // A component outside an I18nextProvider (a hook under test) gets an instance with no language: English.
  const language: unknown = i18n.language;
  const english = typeof language !== 'string' || !language.startsWith('da');
  if (!isSpheresError(error)) {
    if (english) return typeof (error as { message?: unknown } | null)?.message === 'string' ? (error as { message: string }).message : String(error);
    return i18n.t('errors.internal');
  }
  const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(error.code) ? error.code : 'internal';
  // The network's name is all account_needed has to say; the sentence names it in every language.
  const ownWords = code === 'account_needed' && networkName(error.details?.['network']) !== undefined;
  if (english && error.message !== '' && !ownWords) return error.message;
  const details = error.details ?? {};
  const network = params.network ?? networkName(details['network']) ?? i18n.t('errors.theNetwork');
  const file = typeof details['path'] === 'string' ? fileName(details['path']) : i18n.t('errors.theFile');
  return i18n.t(ERROR_TEXT_KEYS[code], { network, file });
}
