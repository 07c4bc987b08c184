import { afterEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, isSpheresError, methods } from '../../../common/api';
import { registerIpcHandlers } from '../../../electron/main/ipc';
import { inProcessApp } from '../../support/in-process-app';

function leaves(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'function' ? [prefix + key] : leaves(inner as object, `${prefix}${key}.`),
  );
}

describe('the contract', () => {
  afterEach(() => {
    vi.resetModules();
    vi.doUnmock('electron');
  });

  it('is the one list of methods: the preload surface, the IPC handlers and the core handlers all match it', async () => {
    const exposed: Record<string, object> = {};
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: object) => (exposed[key] = api) },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    }));
    await import('../../../electron/preload/index');
    expect(Object.keys(exposed)).toEqual(['spheres']);
    const preloadMethods = leaves(exposed['spheres'] ?? {}).filter((name) => name !== 'on');

    const channels: string[] = [];
    registerIpcHandlers({ handle: (channel: string) => void channels.push(channel) }, (await inProcessApp()).core.router);

    const contract = [...METHOD_NAMES].sort();
    expect(contract.length).toBeGreaterThan(0);
    expect(preloadMethods.sort()).toEqual(contract);
    expect(channels.sort()).toEqual(contract);
    expect([...(await inProcessApp()).core.router.methods].sort()).toEqual(contract);
  });

  it('exposes no raw ipcRenderer or Node object through the preload', async () => {
    const exposed: Record<string, Record<string, unknown>> = {};
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    }));
    await import('../../../electron/preload/index');
    const api = exposed['spheres'] ?? {};
    expect(Object.keys(api).sort()).toEqual(['accounts', 'app', 'apps', 'guardrails', 'history', 'library', 'media', 'mediaHost', 'on', 'outbox', 'posts', 'settings', 'store', 'tone']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('gives every method an input and an output schema', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(typeof spec.input.safeParse, name).toBe('function');
      expect(typeof spec.output.safeParse, name).toBe('function');
    }
  });
});

describe('the router', () => {
  it('rejects a malformed payload with invalid_input and a readable message', async () => {
    const { core } = await inProcessApp();
    const answer = await core.router.call('settings.update', { language: 'klingon' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Invalid input for settings.update: language: Invalid option: expected one of "en"|"da".',
      },
    });
  });

  it('rejects unknown keys rather than ignoring them', async () => {
    const { core } = await inProcessApp();
    const answer = await core.router.call('settings.update', { language: 'da', __proto__: { admin: true }, extra: 1 });
    expect(answer.ok).toBe(false);
    expect(answer.ok === false && answer.error.code).toBe('invalid_input');
    expect(answer.ok === false && answer.error.message).toContain('extra');
  });

  it('rejects an argument sent to a method that takes none', async () => {
    const { core } = await inProcessApp();
    const answer = await core.router.call('settings.get', { sneaky: true });
    expect(answer.ok === false && answer.error.code).toBe('invalid_input');
  });

  it('answers unknown_method for a name outside the contract, including prototype names', async () => {
    const { core } = await inProcessApp();
    for (const name of ['settings.delete', 'toString', '__proto__', 'constructor']) {
      const answer = await core.router.call(name, undefined);
      expect(answer.ok === false && answer.error.code, name).toBe('unknown_method');
    }
  });

  it('turns an unexpected failure into internal without leaking the error or its stack', async () => {
    const { core } = await inProcessApp();
    vi.spyOn(core.settings, 'get').mockImplementation(() => {
      throw new Error('ENOENT /home/someone/secret/path');
    });
    const answer = await core.router.call('settings.get', undefined);
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong in settings.get. Please try again.' },
    });
  });

  it('refuses to return a value outside the output schema', async () => {
    const { core } = await inProcessApp();
    vi.spyOn(core.settings, 'get').mockReturnValue({ language: 'en', theme: 'neon' } as never);
    const answer = await core.router.call('settings.get', undefined);
    expect(answer.ok === false && answer.error.code).toBe('internal');
  });
});

describe('the queue rules in the core', () => {
  it('refuses to queue a post without a tone, whatever the caller', async () => {
    const { api } = await inProcessApp();
    await api.posts.saveDraft({ id: 'no-tone-post', text: 'Hello', targets: [{ network: 'x' }] });
    await expect(api.posts.queue({ id: 'no-tone-post' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Choose a tone (private, blend or professional) before queueing the post.',
    });
  });

  it('lists queued posts and takes one back to the drafts, but only a queued one', async () => {
    const { api } = await inProcessApp();
    await api.posts.saveDraft({ id: 'queued-post', text: 'Hello', tone: 'blend', targets: [{ network: 'x' }] });
    await api.posts.queue({ id: 'queued-post' });
    expect((await api.posts.listQueued()).map((post) => post.id)).toEqual(['queued-post']);
    expect((await api.posts.unqueue({ id: 'queued-post' })).status).toBe('draft');
    expect(await api.posts.listQueued()).toEqual([]);
    await expect(api.posts.unqueue({ id: 'queued-post' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('window.spheres', () => {
  it('rejects with a SpheresError carrying the code, so the UI can branch on it', async () => {
    const { api } = await inProcessApp();
    const error: unknown = await api.settings.update({ language: 'xx' as never }).catch((caught: unknown) => caught);
    expect(isSpheresError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'SpheresError', code: 'invalid_input' });
  });

  it('delivers core events to subscribers until they unsubscribe', async () => {
    const { api } = await inProcessApp();
    const seen: string[] = [];
    const stop = api.on('settings.changed', (settings) => seen.push(settings.language));
    await api.settings.update({ language: 'da' });
    stop();
    await api.settings.update({ language: 'en' });
    expect(seen).toEqual(['da']);
  });

  it('refuses a subscription to an event the contract does not have', async () => {
    const { api } = await inProcessApp();
    expect(() => api.on('secrets.leaked' as never, () => undefined)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('reports a transport failure as offline', async () => {
    const { createSpheresApi } = await import('../../../common/api');
    const api = createSpheresApi({
      invoke: () => Promise.reject(new Error('connection refused')),
      subscribe: () => () => undefined,
    });
    await expect(api.settings.get()).rejects.toMatchObject({ code: 'offline' });
  });
});
