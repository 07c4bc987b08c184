import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { EVENT_NAMES, type Envelope } from '../../common/api';
import type { Core } from '../core';
import { readMediaForUrl } from '../core/media';
import { readRendererFile, rendererResponseHeaders } from '../core/security';

export interface WebHostOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** A random secret per run; every request must carry it (cookie or Authorization header). */
  token: string;
  /** 0 picks a free port. */
  port: number;
}

export interface WebHost {
  /** The address to open, token included; the first visit trades it for a cookie. */
  url: string;
  origin: string;
  /** Pages connected now (by their event stream): the ones to ask to save before stopping. */
  readonly openPages: number;
  close(): Promise<void>;
}

const COOKIE = 'spheres_token';
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** How long closing waits for calls under way before it cuts their connections. */
const CLOSE_DEADLINE_MS = 5_000;
const BRIDGE_TAG = '<script type="module" src="/web-bridge.js"></script>';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function presentedToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = pair.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  response.end(text);
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
  const { core, rendererDir, token } = options;
  let origin = '';
  /** Open event streams: they never end on their own, so closing ends them. */
  const eventStreams = new Set<ServerResponse>();
  let closing: Promise<void> | null = null;
  const allowedHosts = new Set<string>();

  async function handleCall(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') return sendText(response, 405, 'Calls are POST requests.');
    // A page on another origin cannot call in: browsers send Origin on cross-origin POSTs.
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return sendEnvelope(response, 403, {
        ok: false,
        error: { code: 'forbidden', message: `Calls from ${requestOrigin} are not allowed.` },
      });
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
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
    const input = (parsed as { input?: unknown }).input;
    sendEnvelope(response, 200, await core.router.call(method, input));
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

  async function handleFile(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
    const file = (await readMediaForUrl(core.media, pathname)) ?? (await readRendererFile(rendererDir, pathname));
    if (file === null) return sendText(response, 404, 'Not found.');
    let body = file.body;
    if (file.contentType.startsWith('text/html')) {
      // The bridge defines window.spheres over HTTP before the app's own module runs.
      const html = body.toString('utf8');
      const at = html.indexOf('<script');
      body = Buffer.from(at === -1 ? html.replace('</head>', `${BRIDGE_TAG}</head>`) : html.slice(0, at) + BRIDGE_TAG + html.slice(at));
    }
    response.writeHead(200, rendererResponseHeaders(file.contentType));
    response.end(request.method === 'HEAD' ? undefined : body);
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
      const queryToken = url.searchParams.get('token');
      if (queryToken !== null) {
        if (!sameSecret(queryToken, token)) return sendText(response, 401, 'That token is not valid for this run.');
        url.searchParams.delete('token');
        response.writeHead(303, {
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + url.search,
        });
        return response.end();
      }
      const presented = presentedToken(request);
      if (presented === null || !sameSecret(presented, token)) {
        return sendText(response, 401, 'This request has no valid Spheres token. Open the address the web host printed.');
      }
      if (url.pathname === '/api/events') return handleEvents(request, response);
      if (url.pathname.startsWith('/api/call/')) {
        return handleCall(request, response, decodeURIComponent(url.pathname.slice('/api/call/'.length)));
      }
      if (url.pathname.startsWith('/api/')) return sendText(response, 404, 'No such endpoint.');
      return handleFile(request, response, url.pathname);
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
    url: `${origin}/?token=${token}`,
    origin,
    get openPages() {
      return eventStreams.size;
    },
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
