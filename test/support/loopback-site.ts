import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One page of the site: what it answers, or `hang` to never answer (a server that has stalled). */
export type SitePage = { status?: number; contentType: string; body: string | Uint8Array } | 'hang';

/**
 * A small web site on 127.0.0.1 whose pages a test sets, for what the app fetches from the open web
 * (link cards). Records every path asked for; `close` ends even the requests it left hanging.
 */
export class LoopbackSite {
  readonly pages = new Map<string, SitePage>();
  readonly asked: string[] = [];
  readonly #hanging = new Set<http.ServerResponse>();

  private constructor(
    readonly server: http.Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<LoopbackSite> {
    const holder: { site?: LoopbackSite } = {};
    const server = http.createServer((request, response) => holder.site?.answer(request, response));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    holder.site = new LoopbackSite(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.site;
  }

  answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const path = request.url ?? '/';
    this.asked.push(path);
    const page = this.pages.get(path);
    if (page === 'hang') {
      this.#hanging.add(response);
      response.on('close', () => this.#hanging.delete(response));
      return;
    }
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(page.status ?? 200, { 'content-type': page.contentType }).end(page.body);
  }

  async close(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
