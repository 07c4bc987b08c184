import { afterEach, describe, expect, it, vi } from 'vitest';
import { inProcessApp } from '../../support/in-process-app';

afterEach(() => {
  vi.useRealTimers();
});

describe('asking the window to save before it closes', () => {
  it('tells the renderer which request to answer, and resolves once it answers', async () => {
    const { core, api } = await inProcessApp();
    const asked: string[] = [];
    api.on('app.flushRequested', ({ requestId }) => {
      asked.push(requestId);
      void api.app.flushed({ requestId });
    });
    await expect(core.requestFlush(60_000)).resolves.toBe(true);
    expect(asked).toHaveLength(1);
    await core.close();
  });

  it('gives up at the deadline when no window answers, so quitting never hangs', async () => {
    const { core } = await inProcessApp();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const answered = core.requestFlush(2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(answered).resolves.toBe(false);
    vi.useRealTimers();
    await core.close();
  });

  it('says an answer nobody waits for was not expected', async () => {
    const { core, api } = await inProcessApp();
    await expect(api.app.flushed({ requestId: 'made-up' })).resolves.toStrictEqual({ expected: false });
    await core.close();
  });

  it('refuses an answer without a request id', async () => {
    const { core, api } = await inProcessApp();
    await expect(api.app.flushed({ requestId: '' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await core.close();
  });
});

describe('closing the core', () => {
  it('gives every caller the same close, which ends only after the final fold', async () => {
    const { core, api, dataDir } = await inProcessApp();
    await api.posts.saveDraft({ id: 'closing-post', text: 'Written just before quitting' });
    const first = core.close();
    const second = core.close();
    expect(second).toBe(first);
    await first;
    const again = await inProcessApp({ dataDir });
    await expect(again.api.posts.get({ id: 'closing-post' })).resolves.toMatchObject({ text: 'Written just before quitting' });
    await again.core.close();
  });

  it('lets a second close of the posts wait for the first one’s fold', async () => {
    const { core } = await inProcessApp();
    const first = core.posts.close();
    expect(core.posts.close()).toBe(first);
    await first;
  });
});
