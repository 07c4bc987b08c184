import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request:
 *   reset          closes the connection before anything is forwarded: the server never sees it
 *   drop_response  forwards, waits for the server's whole answer, then closes the connection: the
 *                  server committed, the client never hears it ("server committed, response lost")
 *   hang           forwards, waits for the answer, then holds it until the client gives up (or the
 *                  proxy closes): a timeout after commit, or a process that dies mid-request
 *   status         answers 500/502/503 itself, forwarding nothing
 *   rate_limit     answers 429 with Retry-After itself, forwarding nothing
 *   slow           forwards and passes the answer on after `delayMs`
 */
export type Fault =
  | { kind: 'reset' }
  | { kind: 'drop_response' }
  | { kind: 'hang' }
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'slow'; delayMs: number };

export interface ProxiedRequest {
  method: string;
  path: string;
  fault: Fault['kind'] | null;
  /** The server's status, when the request reached it. */
  upstreamStatus: number | null;
}

export type RequestMatch = (request: { method: string; path: string }) => boolean;

/** Requests to one XRPC method: `xrpc('com.atproto.repo.createRecord')`. */
export const xrpc =
  (nsid: string): RequestMatch =>
  ({ path }) =>
    path === `/xrpc/${nsid}` || path.startsWith(`/xrpc/${nsid}?`);

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_CONNECTIONS = 64;
/** No fault holds a connection or delays an answer longer than this, whatever a test asks. */
const MAX_HOLD_MS = 60_000;

interface Rule {
  match: RequestMatch;
  fault: Fault;
  done: () => void;
}

/** A loopback HTTP proxy in front of one loopback server, with faults scripted per request. */
export class FaultProxy {
  readonly requests: ProxiedRequest[] = [];
  readonly #rules: Rule[] = [];
  readonly #held = new Set<() => void>();
  /**
   * Faults at random, for a soak: asked for every request no scripted rule takes (null: passed on
   * untouched). Scripted rules still win.
   */
  chaos: ((request: { method: string; path: string }) => Fault | null) | null = null;

  private constructor(
    readonly server: http.Server,
    readonly url: string,
    readonly target: URL,
  ) {}

  static async start(targetUrl: string): Promise<FaultProxy> {
    const target = new URL(targetUrl);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error(`The fault proxy only fronts loopback servers, not ${target.hostname}`);
    const holder: { proxy?: FaultProxy } = {};
    const server = http.createServer((request, response) => void holder.proxy?.handle(request, response));
    server.maxConnections = MAX_CONNECTIONS;
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.proxy = new FaultProxy(server, `http://127.0.0.1:${port}`, target);
    return holder.proxy;
  }

  /**
   * The next request that matches gets `fault` (rules apply in the order they were added, each
   * once). Resolves when the fault has been carried out: for drop_response and hang, once the
   * server has answered (so the record is committed).
   */
  inject(fault: Fault, match: RequestMatch = () => true): Promise<void> {
    return new Promise((done) => this.#rules.push({ match, fault, done }));
  }

  /** Requests that reached the server, by path. */
  forwarded(match: RequestMatch): ProxiedRequest[] {
    return this.requests.filter((request) => request.upstreamStatus !== null && match(request));
  }

  /** Lets every held answer go (their clients have usually given up by then). */
  release(): void {
    for (const release of [...this.#held]) release();
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';
    const at = this.#rules.findIndex((rule) => rule.match({ method, path }));
    const chaotic = at === -1 ? (this.chaos?.({ method, path }) ?? null) : null;
    const rule = at === -1 ? (chaotic === null ? null : { match: () => true, fault: chaotic, done: () => {} }) : this.#rules.splice(at, 1)[0]!;
    const log: ProxiedRequest = { method, path, fault: rule?.fault.kind ?? null, upstreamStatus: null };
    this.requests.push(log);
    const fault = rule?.fault;

    if (fault?.kind === 'reset') {
      request.socket.destroy();
      rule!.done();
      return;
    }
    if (fault?.kind === 'status' || fault?.kind === 'rate_limit') {
      const status = fault.kind === 'status' ? fault.status : 429;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.kind === 'rate_limit') headers['retry-after'] = String(fault.retryAfterSeconds);
      response.writeHead(status, headers).end(JSON.stringify({ error: status === 429 ? 'RateLimitExceeded' : 'InternalServerError', message: 'injected by the fault proxy' }));
      rule!.done();
      return;
    }

    let answer: { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
    try {
      answer = await this.#forward(request, method, path);
    } catch {
      request.socket.destroy();
      rule?.done();
      return;
    }
    log.upstreamStatus = answer.status;

    if (fault?.kind === 'drop_response') {
      request.socket.destroy();
      rule!.done();
      return;
    }
    if (fault?.kind === 'hang') {
      rule!.done();
      await this.#hold(request, MAX_HOLD_MS);
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await this.#hold(request, Math.min(fault.delayMs, MAX_HOLD_MS));
    if (!request.socket.destroyed) response.writeHead(answer.status, answer.headers).end(answer.body);
    rule?.done();
  }

  /** Waits `ms`, or until the client closes the connection or the proxy releases it. */
  #hold(request: http.IncomingMessage, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.#held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.#held.add(release);
      request.socket.once('close', release);
    });
  }

  async #forward(request: http.IncomingMessage, method: string, path: string) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new Error('request body over the proxy bound');
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    const headers = { ...request.headers, host: this.target.host };
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const upstream = http.request({ host: this.target.hostname, port: this.target.port, method, path, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (part: Buffer) => parts.push(part));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(parts) }));
        answer.on('error', reject);
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}
