import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EVENT_NAMES, type Envelope } from '../../common/api';
import type { Core } from '../core';
import { readMediaForUrl } from '../core/media';
import { MAX_ARCHIVE_BYTES } from '../core/posts/archive';
import { readRendererFile, rendererResponseHeaders } from '../core/security';
import { ADDRESS_INVALID_PAGE, ADDRESS_USED_PAGE, NOT_BUILT_PAGE, SESSION_NEEDED_PAGE } from './web-pages';
import { receiveUpload, type UploadLimits } from './upload';
import { WebSessions } from './web-sessions';

export interface WebHostOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The first one-time launch token (random, per run): the printed address carries it. */
  token: string;
  /** 0 picks a free port. */
  port: number;
  /** Called when a one-time address has been used, e.g. to print the next one (see newAddress). */
  onAddressUsed?: () => void;
  /** Bounds of an archive upload (POST /api/upload/library); the defaults suit real libraries. */
  upload?: Partial<UploadLimits>;
}

export interface WebHost {
  /** The address to open, token included; it works once (see WebSessions). */
  url: string;
  origin: string;
  /** Pages connected now (by their event stream): the ones to ask to save before stopping. */
  readonly openPages: number;
  /** Another one-time address, for another tab or browser. */
  newAddress(): string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
/**
 * An archive larger than what the importer unpacks could never be imported (images are stored
 * uncompressed, so an export is about its unpacked size): refused before a byte is kept.
 */
const MAX_UPLOAD_BYTES = MAX_ARCHIVE_BYTES;
/** Loopback moves a gigabyte in seconds; half an hour is room for the largest archive on a slow disk. */
const UPLOAD_DEADLINE_MS = 30 * 60_000;
/** The path the web bridge uploads an archive to; the file's name rides in `?name=`, for errors. */
export const LIBRARY_UPLOAD_PATH = '/api/upload/library';
/** How long closing waits for calls under way before it cuts their connections. */
const CLOSE_DEADLINE_MS = 5_000;
const BRIDGE_TAG = '<script type="module" src="/web-bridge.js"></script>';
/** Where the bridge sends a tab that holds no session (a new tab, or after a restart). */
export const SESSION_NEEDED_PATH = '/session-needed';

/**
 * Calls are JSON: exactly `application/json`, optionally with `charset=utf-8` (the only charset
 * JSON may use, RFC 8259 §8.1), case-insensitively and with optional spaces. `application/jsonx`,
 * `text/plain` (what a cross-site form or a no-preflight fetch can send) and other parameters are refused.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.length === 0 || (parameters.length === 1 && /^charset=(utf-8|"utf-8")$/.test(parameters[0] ?? ''));
}

/** A method name from the address, or null when its %-escapes do not decode (`/api/call/%`). */
function methodFromPath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function sizeInWords(bytes: number): string {
  if (bytes >= 1_073_741_824) return `${Math.round(bytes / 1_073_741_824)} GB`;
  if (bytes >= 1_048_576) return `${Math.round(bytes / 1_048_576)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  response.end(text);
}

function sendPage(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { ...rendererResponseHeaders('text/html; charset=utf-8'), 'Cache-Control': 'no-store' });
  response.end(html);
}

function sendEnvelope(response: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(envelope));
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The second transport of the same router: loopback HTTP for calls, Server-Sent Events for events,
 * and the built renderer with the same CSP as the desktop app. Used by end-to-end tests and as a
 * development mode; never listens beyond 127.0.0.1.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, rendererDir } = options;
  const sessions = new WebSessions(options.token);
  let origin = '';
  /** Open event streams: they never end on their own, so closing ends them. */
  const eventStreams = new Set<ServerResponse>();
  let closing: Promise<void> | null = null;
  const allowedHosts = new Set<string>();

  /** A page on another origin cannot call in: browsers send Origin on cross-origin POSTs. */
  function refuseOtherOrigin(request: IncomingMessage, response: ServerResponse): boolean {
    const requestOrigin = request.headers.origin;
    if (requestOrigin === undefined || requestOrigin === origin) return false;
    sendEnvelope(response, 403, {
      ok: false,
      error: { code: 'forbidden', message: `Calls from ${requestOrigin} are not allowed.` },
    });
    return true;
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') return sendText(response, 405, 'Calls are POST requests.');
    if (refuseOtherOrigin(request, response)) return;
    if (!isJsonContentType(request.headers['content-type'])) {
      return sendEnvelope(response, 415, {
        ok: false,
        error: { code: 'invalid_input', message: 'Send the call as application/json.' },
      });
    }
    const body = await readBody(request);
    if (body === null) {
      return sendEnvelope(response, 413, {
        ok: false,
        error: { code: 'invalid_input', message: `The request is larger than ${MAX_BODY_BYTES} bytes.` },
      });
    }
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendEnvelope(response, 400, {
        ok: false,
        error: { code: 'invalid_input', message: 'The request body is not valid JSON.' },
      });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return sendEnvelope(response, 400, {
        ok: false,
        error: { code: 'invalid_input', message: 'The request body must be an object like {"input": …}.' },
      });
    }
    // The body is {"input": …} or {} and nothing else: an extra key (or `__proto__`) is a mistake to report, not drop.
    const extra = Object.keys(parsed).find((key) => key !== 'input');
    if (extra !== undefined) {
      return sendEnvelope(response, 400, {
        ok: false,
        error: { code: 'invalid_input', message: `The request body has an unknown key "${extra}"; send {"input": …} only.` },
      });
    }
    const input = (parsed as { input?: unknown }).input;
    sendEnvelope(response, 200, await core.router.call(method, input));
  }

  const uploadLimits: UploadLimits = {
    maxBytes: options.upload?.maxBytes ?? MAX_UPLOAD_BYTES,
    deadlineMs: options.upload?.deadlineMs ?? UPLOAD_DEADLINE_MS,
  };
  /*
   * Kept in the data folder, not the system's temporary folder: that is often a RAM disk, where a
   * gigabyte upload would sit in memory, and it is shared with other users of the machine.
   */
  const uploadFolder = path.join(core.dataDir, 'uploads');
  // An upload is removed once answered; one left here was cut short by a crash of an earlier run.
  await rm(uploadFolder, { recursive: true, force: true });

  /** Answers an upload that was refused, then closes the connection rather than read the rest of its body. */
  function refuseUpload(response: ServerResponse, status: number, message: string): void {
    response.setHeader('Connection', 'close');
    sendEnvelope(response, status, { ok: false, error: { code: 'invalid_input', message } });
  }

  /**
   * `library.importChosen` on the web host: the bridge picks the file and sends its bytes as the
   * body (application/zip), streamed to a file in the data folder, imported from there, and that
   * file removed whatever happens. Answers the same envelope as the call.
   */
  async function handleLibraryUpload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST') return sendText(response, 405, 'Upload the archive with a POST request.');
    if (refuseOtherOrigin(request, response)) return;
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/zip') return refuseUpload(response, 415, 'Send the archive as application/zip.');
    const name = path.basename(url.searchParams.get('name') ?? '') || 'archive.zip';
    if (name.length > 500) return refuseUpload(response, 400, 'The file name is longer than 500 characters.');
    const tooLarge = `${name} is larger than the ${sizeInWords(uploadLimits.maxBytes)} the web host takes in one import. Nothing was changed.`;
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > uploadLimits.maxBytes) return refuseUpload(response, 413, tooLarge);

    await mkdir(uploadFolder, { recursive: true });
    const temporary = path.join(uploadFolder, `library-${randomBytes(8).toString('hex')}.zip`);
    // The answer is sent only once the upload is gone: an answered upload has left nothing behind.
    let reply: () => void;
    try {
      const received = await receiveUpload(request, temporary, uploadLimits);
      switch (received.kind) {
        case 'too_large':
          reply = () => refuseUpload(response, 413, tooLarge);
          break;
        case 'timed_out':
          reply = () =>
            refuseUpload(response, 408, `${name} did not arrive within ${uploadLimits.deadlineMs >= 60_000 ? `${Math.round(uploadLimits.deadlineMs / 60_000)} minutes` : `${Math.ceil(uploadLimits.deadlineMs / 1000)} s`}, so it was not imported. Nothing was changed.`);
          break;
        case 'cut_off':
          reply = () => response.destroy();
          break;
        case 'write_failed':
          reply = () =>
            sendEnvelope(response, 507, {
              ok: false,
              error: { code: 'io_error', message: `The web host could not keep ${name} in its data folder (${received.reason}), so it was not imported. Nothing was changed.` },
            });
          break;
        case 'received': {
          const envelope = await core.importArchive(temporary, name);
          reply = () => sendEnvelope(response, 200, envelope);
          break;
        }
      }
    } finally {
      await rm(temporary, { force: true });
    }
    reply();
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    eventStreams.add(response);
    const stop = core.events.subscribe((event, payload) => {
      if (!EVENT_NAMES.includes(event)) return;
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      eventStreams.delete(response);
      stop();
    });
  }

  /**
   * The app's own files: public code, served without a session because a page load cannot carry a
   * header and this host keeps no cookie. A traded page also carries the new session secret in a
   * meta tag, for the bridge to keep in sessionStorage (which reloads keep and other ports cannot read).
   */
  async function handleFile(request: IncomingMessage, response: ServerResponse, pathname: string, sessionSecret?: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
    const file = await readRendererFile(rendererDir, pathname);
    if (file === null) return sendText(response, 404, 'Not found.');
    let body = file.body;
    const headers = rendererResponseHeaders(file.contentType);
    if (file.contentType.startsWith('text/html')) {
      // The bridge defines window.spheres over HTTP before the app's own module runs.
      const tags = (sessionSecret === undefined ? '' : `<meta name="spheres-session" content="${sessionSecret}">`) + BRIDGE_TAG;
      const html = body.toString('utf8');
      // Before the first script, else at the end of the head, else before the body: a traded
      // session must always reach the page, or the tab holds nothing while its address is used up.
      const at = [html.indexOf('<script'), html.indexOf('</head>'), html.indexOf('<body')].find((index) => index !== -1) ?? 0;
      body = Buffer.from(html.slice(0, at) + tags + html.slice(at));
      if (sessionSecret !== undefined) headers['Cache-Control'] = 'no-store';
    }
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  async function handleMedia(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
    const file = await readMediaForUrl(core.media, pathname);
    if (file === null) return sendText(response, 404, 'No such image.');
    response.writeHead(200, { ...rendererResponseHeaders(file.contentType), 'Cache-Control': 'private, no-store' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  /** The first visit with a one-time address: answers the app's page with a new session in it. */
  async function handleTrade(request: IncomingMessage, response: ServerResponse, url: URL, launchToken: string): Promise<void> {
    if (request.method !== 'GET') return sendText(response, 405, 'Open the address in a browser.');
    const trade = sessions.trade(launchToken);
    if (trade.kind === 'used') return sendPage(response, 401, ADDRESS_USED_PAGE);
    if (trade.kind === 'invalid') return sendPage(response, 401, ADDRESS_INVALID_PAGE);
    options.onAddressUsed?.();
    const page = (await readRendererFile(rendererDir, url.pathname))?.contentType.startsWith('text/html') === true ? url.pathname : '/';
    if ((await readRendererFile(rendererDir, page)) === null) {
      // No built renderer (API-only use, as in the integration tests): the session still opens.
      return sendPage(response, 200, NOT_BUILT_PAGE.replace('</head>', `<meta name="spheres-session" content="${trade.secret}"></head>`));
    }
    return handleFile(request, response, page, trade.secret);
  }

  const server = createServer((request, response) => {
    // While closing, a call already under way still gets its answer, then its connection closes.
    response.on('finish', () => {
      if (closing !== null) server.closeIdleConnections();
    });
    void (async () => {
      // Refuse other Host names: a DNS-rebinding page cannot borrow the user's loopback.
      if (!allowedHosts.has(request.headers.host ?? '')) return sendText(response, 421, 'Unknown host.');
      const url = new URL(request.url ?? '/', origin);
      const launchToken = url.searchParams.get('token');
      if (launchToken !== null) return handleTrade(request, response, url, launchToken);
      if (url.pathname === SESSION_NEEDED_PATH) return sendPage(response, 401, SESSION_NEEDED_PAGE);
      const isPrivate = url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/');
      if (!isPrivate) return handleFile(request, response, url.pathname);
      if (!sessions.admits(request.headers.authorization)) {
        return sendText(response, 401, 'This request has no valid Spheres session. Open the address the web host printed.');
      }
      if (url.pathname === '/api/events') return handleEvents(request, response);
      if (url.pathname.startsWith('/api/call/')) {
        const method = methodFromPath(url.pathname.slice('/api/call/'.length));
        if (method === null) {
          return sendEnvelope(response, 400, {
            ok: false,
            error: { code: 'invalid_input', message: 'The method name in the address is not valid (a broken %-escape).' },
          });
        }
        return handleCall(request, response, method);
      }
      if (url.pathname === LIBRARY_UPLOAD_PATH) return handleLibraryUpload(request, response, url);
      if (url.pathname.startsWith('/media/')) return handleMedia(request, response, url.pathname);
      return sendText(response, 404, 'No such endpoint.');
    })().catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, 'The web host failed to answer.');
      else response.end();
      console.error('[web] request failed:', error instanceof Error ? error.message : error);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);
  return {
    url: `${origin}/?token=${options.token}`,
    origin,
    get openPages() {
      return eventStreams.size;
    },
    newAddress: () => `${origin}/?token=${sessions.newLaunchToken()}`,
    // Graceful and idempotent: no new connections, calls under way answered (an acknowledged save
    // is one the user saw saved), event streams ended; whatever still hangs is cut after a deadline.
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const stream of eventStreams) stream.end();
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_DEADLINE_MS).unref();
      })),
  };
}
