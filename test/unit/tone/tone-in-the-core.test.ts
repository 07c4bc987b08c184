import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ToneFileSchema } from '../../../electron/core/tone';
import { inProcessApp } from '../../support/in-process-app';

type App = Awaited<ReturnType<typeof inProcessApp>>;
const open: App[] = [];
async function app(dataDir?: string): Promise<App> {
  const made = await inProcessApp(dataDir === undefined ? {} : { dataDir });
  open.push(made);
  return made;
}

afterEach(async () => {
  for (const made of open.splice(0)) await made.core.close();
});

/** A published post with no tone, as an import leaves it. */
async function importedPost({ core }: App, id: string, text: string) {
  await core.posts.saveDraft({ id, text, targets: [] });
  return core.posts.update(id, { status: 'published' });
}

describe('the tone suggester in the core', () => {
  it('learns from a save that sets a tone and keeps it in the data folder across a restart', async () => {
    const first = await app();
    expect(await first.api.tone.suggest({ text: 'zorblax' })).toBeNull();
    await first.api.posts.saveDraft({ id: 'draft-0001', text: 'The zorblax quarterly numbers', tone: 'professional' });
    expect(await first.api.tone.suggest({ text: 'zorblax' })).toMatchObject({ tone: 'professional', reasons: ['zorblax'] });

    const file = ToneFileSchema.parse(JSON.parse(readFileSync(path.join(first.dataDir, 'tone-suggester.json'), 'utf8')));
    expect(file.learnedPosts).toEqual({ 'draft-0001': { tone: 'professional', text: 'The zorblax quarterly numbers' } });
    expect(file.suggester.learned).toBe(1);

    await first.core.close();
    open.splice(open.indexOf(first), 1);
    const again = await app(first.dataDir);
    expect(await again.api.tone.suggest({ text: 'zorblax' })).toMatchObject({ tone: 'professional' });
  });

  it('does not learn from an autosave that leaves the tone out, nor twice from the same tone', async () => {
    const { api, core } = await app();
    await api.posts.saveDraft({ id: 'draft-0002', text: 'Kayak trip', tone: 'private' });
    await api.posts.saveDraft({ id: 'draft-0002', text: 'Kayak trip with my brother' });
    await api.posts.saveDraft({ id: 'draft-0002', tone: 'private' });
    expect(core.tone.learned).toBe(1);
  });

  it('learns the finished text when the post is queued, in place of the words it had when the tone was set', async () => {
    const { api, core } = await app();
    await api.posts.saveDraft({ id: 'draft-0006', text: 'zorblax', tone: 'private', targets: [{ network: 'x' }] });
    await api.posts.saveDraft({ id: 'draft-0006', text: 'quuxly picnic', tone: 'private' });
    expect(core.tone.state().suggester.tokens['quuxly']).toBeUndefined();
    await api.posts.queue({ id: 'draft-0006' });
    expect(core.tone.learned).toBe(1);
    expect(core.tone.state().suggester.tokens['quuxly']).toEqual([1, 0, 0]);
    expect(core.tone.state().suggester.tokens['zorblax']).toEqual([0, 0, 0]);
  });

  it('learns the finished text when the post is sent with Post now, the composer\'s way of queueing', async () => {
    const { api, core } = await app();
    // Posted by hand on Facebook: no account needed, and nothing leaves the machine.
    await api.posts.saveDraft({ id: 'draft-0007', text: 'zorblax', tone: 'private', targets: [{ network: 'facebook', assisted: true }] });
    await api.posts.saveDraft({ id: 'draft-0007', text: 'quuxly picnic', tone: 'private' });
    expect(core.tone.state().suggester.tokens['quuxly']).toBeUndefined();
    await api.outbox.postNow({ id: 'draft-0007' });
    expect(core.tone.learned).toBe(1);
    expect(core.tone.state().suggester.tokens['quuxly']).toEqual([1, 0, 0]);
    expect(core.tone.state().suggester.tokens['zorblax']).toEqual([0, 0, 0]);
  });

  it('takes back the first tag when the person changes a post’s tone', async () => {
    const { api, core } = await app();
    await api.posts.saveDraft({ id: 'draft-0003', text: 'zorblax picnic', tone: 'professional' });
    await api.posts.saveDraft({ id: 'draft-0003', tone: 'private' });
    expect(core.tone.learned).toBe(1);
    expect(core.tone.state().suggester.tokens['zorblax']).toEqual([1, 0, 0]);
  });

  it('lists imported posts without a tone, with a suggestion, and tags one: only its tone changes', async () => {
    const made = await app();
    const before = await importedPost(made, 'import-0001', 'We are hiring engineers for our platform team in Copenhagen');
    await importedPost(made, 'import-0002', 'Sommerferie med børnene');
    const review = await made.api.tone.review({ offset: 0, limit: 50 });
    expect(review.total).toBe(2);
    expect(review.items.find((item) => item.id === 'import-0001')?.suggestion?.tone).toBe('professional');

    const answer = await made.api.tone.tag({ tags: [{ id: 'import-0001', tone: 'professional' }] });
    expect(answer).toEqual({ tagged: [{ id: 'import-0001', tone: 'professional' }], learned: 1 });
    const after = await made.api.posts.get({ id: 'import-0001' });
    expect({ ...after, updatedAt: before.updatedAt }).toEqual({ ...before, tone: 'professional' });
    expect(await made.api.posts.get({ id: 'import-0002' })).toMatchObject({ tone: null });
    expect((await made.api.tone.review({ offset: 0, limit: 50 })).items.map((item) => item.id)).toEqual(['import-0002']);
  });

  it('undoes a tag: the post is untagged again and the suggester forgets it', async () => {
    const made = await app();
    await importedPost(made, 'import-0003', 'zorblax offsite');
    await made.api.tone.tag({ tags: [{ id: 'import-0003', tone: 'blend' }] });
    await made.api.tone.tag({ tags: [{ id: 'import-0003', tone: null }] });
    expect(await made.api.posts.get({ id: 'import-0003' })).toMatchObject({ tone: null, status: 'published' });
    expect(made.core.tone.learned).toBe(0);
    expect(await made.api.tone.suggest({ text: 'zorblax' })).toBeNull();
  });

  it('refuses to tag a draft here, and leaves it and the rest of the list as they were', async () => {
    const made = await app();
    const imported = await importedPost(made, 'import-0005', 'Family picnic');
    const draft = await made.api.posts.saveDraft({ id: 'draft-0004', text: 'Hello' });
    await expect(
      made.api.tone.tag({
        tags: [
          { id: 'import-0005', tone: 'private' },
          { id: 'draft-0004', tone: 'private' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await made.api.posts.get({ id: 'draft-0004' })).toEqual(draft);
    expect(await made.api.posts.get({ id: 'import-0005' })).toEqual(imported);
    expect(made.core.tone.learned).toBe(0);
  });

  it('refuses a tone it does not know, an empty list and an unknown post, and changes nothing', async () => {
    const made = await app();
    const before = await importedPost(made, 'import-0004', 'Quarterly results');
    await expect(made.api.tone.tag({ tags: [{ id: 'import-0004', tone: 'work' as never }] })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('tags.0.tone') });
    await expect(made.api.tone.tag({ tags: [] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(made.api.tone.tag({ tags: [{ id: 'no-such-post', tone: 'private' }] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(made.api.tone.suggest({ text: 42 } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await made.api.posts.get({ id: 'import-0004' })).toEqual(before);
    expect(made.core.tone.learned).toBe(0);
  });

  it('exports what it learned with the library, and a new library takes it on import', async () => {
    const first = await app();
    await first.api.posts.saveDraft({ id: 'draft-0005', text: 'zorblax board meeting', tone: 'professional' });
    const exported = await first.api.library.export();
    const second = await app();
    const result = await second.core.importArchive(exported.file!, 'export.zip');
    expect(result.ok).toBe(true);
    expect(second.core.tone.state()).toEqual(first.core.tone.state());
    rmSync(exported.file!);
  });
});
