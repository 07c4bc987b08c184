import { classifyTransportError } from '../publish-failure';

/**
 * One request to a network's API, sent with a deadline and no redirects (a token never follows a
 * redirect), its answer read whole. No answer is a PublishFailure: a refused connection means
 * nothing was sent; a reset, or our deadline after sending, means the outcome is unknown.
 */
export async function requestAnswer(
  fetch: typeof globalThis.fetch,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | FormData | undefined },
  networkName: string,
  timeoutMs: number,
): Promise<{ response: Response; text: string }> {
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: deadline, redirect: 'error' });
    return { response, text: await response.text() };
  } catch (error) {
    throw classifyTransportError(error, networkName, deadline.aborted);
  }
}

/** An answer's JSON: null for an empty body; `{ error }` when it is not JSON (a proxy's error page, a cut answer). */
export function parseAnswer(text: string): { value: unknown } | { error: unknown } {
  if (text === '') return { value: null };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error };
  }
}
