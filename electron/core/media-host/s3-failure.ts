import type { MediaHostSettings } from '../../../common/domain';
import { PublishFailure } from '../outbox/publish-failure';

/** S3 error codes that mean "these keys or this bucket will not do": the same answer every time. */
const KEY_REFUSALS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'AuthorizationHeaderMalformed']);

interface S3ErrorShape {
  name?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const WHAT: Readonly<Record<'upload' | 'delete' | 'list', string>> = {
  upload: 'the image could not be uploaded',
  delete: 'the image could not be deleted',
  list: 'Spheres could not list its images',
};

/**
 * An S3 error as the outbox understands it. No answer, a 5xx or a deadline: the host is
 * unreachable and the post waits (an upload is never "unknown": a second one goes under a new
 * name). An answer refusing the keys or the bucket: permanent, since sending again gets it again.
 */
export function s3Failure(error: unknown, action: 'upload' | 'delete' | 'list', settings: MediaHostSettings): PublishFailure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as S3ErrorShape;
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const code = typeof shape.Code === 'string' ? shape.Code : typeof shape.name === 'string' ? shape.name : 'Error';
  const where = `bucket "${settings.bucket}" at ${settings.endpoint}`;
  const unreachable = (why: string): PublishFailure =>
    new PublishFailure('retryable', 'media_host_unreachable', `The media host (${where}) ${why}, so ${WHAT[action]}. Spheres tries again shortly.`, {
      cause: error,
      ...(status === undefined ? {} : { status }),
    });
  const refused = (why: string): PublishFailure =>
    new PublishFailure('permanent', 'media_host_refused', `The media host refused: ${why}, so ${WHAT[action]}. Check Settings → Media host.`, {
      cause: error,
      ...(status === undefined ? {} : { status }),
    });

  if (status === undefined) {
    const timedOut = code === 'TimeoutError' || code === 'RequestTimeout' || /timed? ?out/i.test(error instanceof Error ? error.message : '');
    return unreachable(timedOut ? 'did not answer in time' : `could not be reached${errnoOf(error) === undefined ? '' : ` (${errnoOf(error)})`}`);
  }
  if (status >= 500 || status === 429 || code === 'SlowDown' || code === 'RequestTimeout') return unreachable(`had a problem on its side (HTTP ${status}${code === 'Error' ? '' : `, ${code}`})`);
  if (code === 'NoSuchBucket') return refused(`there is no bucket "${settings.bucket}" at ${settings.endpoint}`);
  if (code === 'InvalidAccessKeyId') return refused(`${settings.endpoint} does not know the access key ID "${settings.accessKeyId}"`);
  if (code === 'SignatureDoesNotMatch') return refused(`${settings.endpoint} did not accept the secret access key for "${settings.accessKeyId}"`);
  if (KEY_REFUSALS.has(code)) return refused(`${settings.endpoint} did not accept the keys (${code})`);
  if (status === 403 || code === 'AccessDenied') return refused(`the keys may not write to bucket "${settings.bucket}" at ${settings.endpoint} (access denied)`);
  return refused(`${where} answered HTTP ${status}${code === 'Error' || code === 'UnknownError' ? '' : ` (${code})`}`);
}

function errnoOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$|^UND_/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
