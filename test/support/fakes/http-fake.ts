import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake saw it: tests assert on what the app really sent. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The parsed form (x-www-form-urlencoded) or JSON body; {} when empty. */
  body: Record<string, unknown>;
  rawBody: string;
  /** The body's bytes as they came (a multipart upload is binary; rawBody is its UTF-8 reading). */
  rawBytes: Buffer;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  headers?: Record<string, string>;
  text?: string;
  /** Raw bytes (an image), sent as they are. */
  bytes?: Uint8Array;
  /** Accept the request and never answer: a server that hangs after accepting. */
  hang?: boolean;
}

export type FakeRoute = (request: SeenRequest) => FakeReply | Promise<FakeReply>;

export interface RunningFake {
  /** http://127.0.0.1:<port>, no trailing slash. */
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** A loopback HTTP server for fakes of networks' APIs: bound to 127.0.0.1 only, on a free port. */
export async function startHttpFake(route: FakeRoute): Promise<RunningFake> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const rawBytes = Buffer.concat(chunks);
        const rawBody = rawBytes.toString('utf8');
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const type = request.headers['content-type'] ?? '';
        let body: Record<string, unknown> = {};
        if (type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(rawBody));
        else if (type.includes('application/json') && rawBody !== '') body = JSON.parse(rawBody) as Record<string, unknown>;
        const seen: SeenRequest = { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body, rawBody, rawBytes };
        requests.push(seen);
        let reply: FakeReply;
        try {
          reply = await route(seen);
        } catch (error) {
          reply = { status: 500, json: { error: 'fake_failure', error_description: String(error) } };
        }
        if (reply.hang === true) return;
        const headers: Record<string, string> = { ...reply.headers };
        let payload: string | Uint8Array = reply.bytes ?? reply.text ?? '';
        if (reply.json !== undefined) {
          payload = JSON.stringify(reply.json);
          headers['content-type'] ??= 'application/json; charset=utf-8';
        }
        response.writeHead(reply.status ?? 200, headers);
        response.end(payload);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Plays the user in the browser: the same redirect-follower the web host's test-accounts mode uses. */
export { followRedirects as followInBrowser } from '../../../electron/core/accounts/oauth/follow-redirects';
