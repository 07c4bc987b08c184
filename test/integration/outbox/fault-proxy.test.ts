import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../support/fault-proxy';

/** A server that counts what it committed: every POST adds one. */
let committed = 0;
let origin: http.Server;
let proxy: FaultProxy;

beforeAll(async () => {
  origin = http.createServer((request, response) => {
    if (request.method === 'POST') committed++;
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ committed })));
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  proxy = await FaultProxy.start(`http://127.0.0.1:${(origin.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => origin.close(() => resolve()));
});

const post = () => fetch(`${proxy.url}/commit`, { method: 'POST', body: 'x' });

describe('the fault proxy in front of a loopback server', () => {
  it('listens on 127.0.0.1 only and refuses to front anything but loopback', async () => {
    expect((proxy.server.address() as AddressInfo).address).toBe('127.0.0.1');
    await expect(FaultProxy.start('http://example.com')).rejects.toThrow('only fronts loopback servers');
  });

  it('passes a request through untouched when no fault is scripted', async () => {
    const before = committed;
    expect(await (await post()).json()).toStrictEqual({ committed: before + 1 });
  });

  it('resets before forwarding: the client fails and the server saw nothing', async () => {
    const before = committed;
    const carried = proxy.inject({ kind: 'reset' });
    await expect(post()).rejects.toThrow();
    await carried;
    expect(committed).toBe(before);
  });

  it('drops the answer after the server committed', async () => {
    const before = committed;
    const carried = proxy.inject({ kind: 'drop_response' });
    await expect(post()).rejects.toThrow();
    await carried;
    expect(committed).toBe(before + 1);
  });

  it('holds the answer after the commit until the client gives up', async () => {
    const before = committed;
    const carried = proxy.inject({ kind: 'hang' });
    const controller = new AbortController();
    const request = fetch(`${proxy.url}/commit`, { method: 'POST', body: 'x', signal: controller.signal });
    await carried;
    expect(committed).toBe(before + 1);
    controller.abort();
    await expect(request).rejects.toThrow();
  });

  it('answers 503 and 429 with Retry-After itself, forwarding nothing', async () => {
    const before = committed;
    void proxy.inject({ kind: 'status', status: 503 });
    void proxy.inject({ kind: 'rate_limit', retryAfterSeconds: 7 });
    expect((await post()).status).toBe(503);
    const limited = await post();
    expect([limited.status, limited.headers.get('retry-after')]).toStrictEqual([429, '7']);
    expect(committed).toBe(before);
  });

  it('applies a fault only to the requests it matches, and slows an answer down without changing it', async () => {
    const before = committed;
    void proxy.inject({ kind: 'status', status: 502 }, ({ path }) => path === '/other');
    void proxy.inject({ kind: 'slow', delayMs: 50 });
    expect(await (await post()).json()).toStrictEqual({ committed: before + 1 });
    expect((await fetch(`${proxy.url}/other`, { method: 'POST', body: 'x' })).status).toBe(502);
    expect(proxy.requests.slice(-2).map((request) => [request.path, request.fault])).toStrictEqual([
      ['/commit', 'slow'],
      ['/other', 'status'],
    ]);
  });
});
