import { describe, expect, it } from 'vitest';
import { inProcessApp } from '../../support/in-process-app';

describe('hostile account payloads are refused before any service runs', () => {
  it.each([
    ['an unknown network', 'accounts.connect', { network: 'myspace' }],
    ['a token smuggled into a connect', 'accounts.connect', { network: 'x', accessToken: 'planted' }],
    ['a Mastodon connect without a server', 'accounts.connect', { network: 'mastodon' }],
    ['a huge server name', 'accounts.connect', { network: 'mastodon', server: 'a'.repeat(10_000) }],
    ['a Bluesky connect without an app password', 'accounts.connect', { network: 'bluesky', identifier: 'alice.test', appPassword: '' }],
    ['a prototype-polluting payload', 'accounts.connect', JSON.parse('{"network":"x","__proto__":{"admin":true}}')],
    ['a disconnect with no id', 'accounts.disconnect', {}],
    ['a disconnect with a 10 kB id', 'accounts.disconnect', { id: 'x'.repeat(10_000) }],
    ['an app save for a network without apps', 'apps.save', { app: 'mastodon', clientId: 'abc' }],
    ['a client id with spaces', 'apps.save', { app: 'x', clientId: 'abc def' }],
    ['a client id with a newline', 'apps.save', { app: 'x', clientId: 'abc\ndef' }],
    ['an app list with an argument', 'apps.list', { all: true }],
  ])('%s', async (_name, method, input) => {
    const { core } = await inProcessApp();
    const answer = await core.router.call(method, input);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.accounts.list()).toStrictEqual([]);
    expect(JSON.stringify(answer)).not.toContain('planted');
  });
});
