import { classifyTransportError, PublishFailure } from '../publish-failure';
import { linkedinHttpFailure } from './linkedin-failure';
import { parseAnswer, requestAnswer } from './http-answer';

/**
 * The API version Spheres speaks: "All APIs require the request header LinkedIn-Version: {Version
 * in YYYYMM format}" (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api).
 * 202605 is May 2026, the newest version the Posts, Images and little text pages documented when
 * this was written (December 2026, `?view=li-lms-2026-05`); LinkedIn supports a version for at
 * least a year after its release (https://learn.microsoft.com/en-us/linkedin/marketing/versioning),
 * so move it on before mid-2027.
 */
export const LINKEDIN_API_VERSION = '202605';

/** Rest.li 2.0, which every versioned API requires (same page as the version). */
export const RESTLI_PROTOCOL_VERSION = '2.0.0';

/** One request may take this long before its outcome counts as unknown. */
export const LINKEDIN_REQUEST_TIMEOUT_MS = 30_000;

export interface LinkedInAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface LinkedInCall {
  path: string;
  json: unknown;
  /** Statuses that are an answer to read rather than a failure (the 422 of a duplicate, say). */
  accept: readonly number[];
}

/**
 * Talks to api.linkedin.com (or the origin a test names). Every failure comes back as a
 * PublishFailure: a refused connection means nothing was sent; a reset or our deadline after
 * sending means the outcome is unknown.
 */
export class LinkedInClient {
  constructor(
    readonly origin: string,
    private readonly token: string,
    private readonly options: { fetch: typeof globalThis.fetch; timeoutMs: number; now(): Date },
  ) {}

  async post(call: LinkedInCall): Promise<LinkedInAnswer> {
    const { response, text } = await requestAnswer(
      this.options.fetch,
      `${this.origin}${call.path}`,
      {
        method: 'POST',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
          'linkedin-version': LINKEDIN_API_VERSION,
          'x-restli-protocol-version': RESTLI_PROTOCOL_VERSION,
        },
        body: JSON.stringify(call.json),
      },
      'LinkedIn',
      this.options.timeoutMs,
    );
    // Not JSON (a proxy's error page): the status decides, without LinkedIn's words.
    const answer = parseAnswer(text);
    const parsed = 'value' in answer ? answer.value : null;
    if (!call.accept.includes(response.status)) throw linkedinHttpFailure(response.status, response.headers, parsed, this.options.now());
    return { status: response.status, headers: response.headers, body: parsed };
  }

  /**
   * PUTs an image's bytes to the upload URL LinkedIn gave. The token goes along only to LinkedIn
   * itself (an https linkedin.com host, or the API origin a test set): an upload URL is an answer
   * from the network, and a token must never follow it anywhere else.
   */
  async upload(uploadUrl: string, bytes: Uint8Array, mime: string): Promise<number> {
    const headers: Record<string, string> = { 'content-type': mime };
    if (isLinkedInHost(uploadUrl, this.origin)) headers['authorization'] = `Bearer ${this.token}`;
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const response = await this.options.fetch(uploadUrl, { method: 'PUT', headers, body: new Uint8Array(bytes), signal: deadline, redirect: 'error' });
      await response.arrayBuffer();
      if (response.status < 200 || response.status >= 300) throw linkedinHttpFailure(response.status, response.headers, null, this.options.now());
      return response.status;
    } catch (error) {
      if (error instanceof PublishFailure) throw error;
      throw classifyTransportError(error, 'LinkedIn', deadline.aborted);
    }
  }
}

function isLinkedInHost(address: string, apiOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.origin === new URL(apiOrigin).origin) return true;
  return url.protocol === 'https:' && (url.hostname === 'linkedin.com' || url.hostname.endsWith('.linkedin.com'));
}
