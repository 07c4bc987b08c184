import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { METHOD_NAMES, methods, type MethodName } from '../../../common/api';
import { EDITABLE_FIELDS, type EditableField, type Post, type Settings } from '../../../common/domain';
import type { Core } from '../../../electron/core';
import { MemoryVault } from '../../../electron/core/vault';
import { inProcessApp } from '../../support/in-process-app';

/** The object (or each object of a union) a method's input must be. */
function inputObjects(schema: z.ZodType): z.ZodObject[] {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(inputObjects);
  return [];
}

/** Keys a caller may leave out: what makes an input a patch. */
function optionalKeys(schema: z.ZodType): string[] {
  return inputObjects(schema).flatMap((object) => Object.keys(object.shape).filter((key) => object.shape[key]!.safeParse(undefined).success));
}

/** Every place inside a schema where zod would fill in a default, as a path like `media[].altText`. */
function defaultsIn(schema: z.ZodType, path: string): string[] {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodCatch) {
    return [path, ...defaultsIn(schema.unwrap() as z.ZodType, path)];
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return defaultsIn(schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape).flatMap(([key, field]) => defaultsIn(field as z.ZodType, path === '' ? key : `${path}.${key}`));
  if (schema instanceof z.ZodArray) return defaultsIn(schema.element as z.ZodType, `${path}[]`);
  if (schema instanceof z.ZodRecord) return defaultsIn(schema.valueType as z.ZodType, `${path}{}`);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap((option) => defaultsIn(option, path));
  if (schema instanceof z.ZodPipe) return defaultsIn(schema.in as z.ZodType, path);
  return [];
}

/**
 * Defaults allowed inside a method's input, and why: each sits inside a value the caller names
 * whole, so it completes that value and never stands in for an unnamed key of something stored.
 */
const ALLOWED_DEFAULTS: Record<string, string> = {
  'posts.saveDraft: media[].altText': 'an image named in `media` without alt text has none',
};

/**
 * Methods with keys a caller may leave out that change nothing stored by leaving them out (a new
 * record, a read with optional filters), and why. Anything else with an optional key is a patch:
 * it may not fill defaults and must have a case in PATCHES below.
 */
const NOT_PATCHES: Partial<Record<MethodName, string>> = {
  'accounts.connect': "makes a new account; its optional key (Bluesky's sign-in host) is not stored state being changed",
  'posts.query': 'a read: its optional keys are filters of the drafts library, and an absent filter means "any"',
  'history.import': 'adds new posts from an export; its optional keys choose which posts (replies, reposts), no stored state is patched',
  'history.importAccount': "adds new posts from a connected account; its optional keys choose which posts, no stored state is patched",
  'outbox.postNow': 'sends a post; its optional `confirmed` names guardrails the person confirmed, an addition to the record, never stored state replaced',
  'outbox.schedule': 'schedules a post; its optional `confirmed` names guardrails the person confirmed, an addition to the record, never stored state replaced',
  'outbox.retry': 'retries a post; its optional `confirmed` names guardrails the person confirmed, an addition to the record, never stored state replaced',
};

interface PatchCase {
  /** The keys every call names (which post, which app). */
  required: Record<string, unknown>;
  /** A method whose keys are all required still changes only what it names: these are checked one by one. */
  keys?: readonly string[];
  seed(core: Core, vault: MemoryVault): Promise<void>;
  read(core: Core, vault: MemoryVault): Promise<Record<string, unknown>>;
  /** For each key, a valid value different from the seeded one. */
  changed: Record<string, unknown>;
}

const POST_ID = 'summit-talk-0316';

const FULL_POST: { id: string } & Pick<Post, EditableField> = {
  id: POST_ID,
  tone: 'professional',
  text: 'Speaking at the fintech summit.\n---\nSlides after the talk.',
  overrides: { linkedin: 'Speaking at the fintech summit on Monday: come and say hello.' },
  overrideBases: { linkedin: '1f3a9c0d2b7e4' },
  targets: [{ network: 'linkedin' }, { network: 'mastodon' }],
  media: [{ mediaId: 'a'.repeat(64), mime: 'image/png', bytes: 2048, width: 800, height: 600, altText: 'The stage before the doors open.' }],
  contentWarning: 'work talk',
  threadNumbering: true,
  planned: { at: '2026-03-16T08:00:00.000Z', zone: 'Europe/Copenhagen' },
};

/** Typed over every editable field, so a field added to EDITABLE_FIELDS needs a value here to compile. */
const CHANGED_POST: Pick<Post, EditableField> = {
  tone: 'blend',
  text: 'What the summit taught me about work.',
  overrides: { mastodon: 'What the summit taught me #fintech' },
  overrideBases: { mastodon: '7d0e22a91c5b8' },
  targets: [{ network: 'bluesky' }],
  media: [{ mediaId: 'b'.repeat(64), mime: 'image/jpeg', bytes: 4096, altText: 'A full room.' }],
  contentWarning: '',
  threadNumbering: false,
  planned: { at: '2026-03-18T09:30:00.000Z', zone: 'Europe/Copenhagen' },
};

/** Every setting settings.update takes: the media host changes through mediaHost.save alone, the guardrails through guardrails.*. */
const CHANGED_SETTINGS: Omit<Settings, 'mediaHost' | 'guardrails'> = {
  language: 'da',
  theme: 'dark',
  tonePolicy: { x: ['blend'], bluesky: ['private'], mastodon: ['professional'], threads: ['blend'], linkedin: ['professional'], instagram: ['private'], facebook: ['blend'] },
  targetMix: { private: 50, blend: 25, professional: 25, period: 'month' },
  missedGraceMinutes: 45,
  openAtLogin: true,
};

const seedPost = async (core: Core): Promise<void> => {
  await core.posts.saveDraft(FULL_POST);
};
const readPost = async (core: Core): Promise<Record<string, unknown>> => ({ ...(await core.posts.get(POST_ID)) });

const PATCHES: Partial<Record<MethodName, PatchCase>> = {
  'posts.saveDraft': { required: { id: POST_ID }, seed: seedPost, read: readPost, changed: CHANGED_POST },
  'posts.replan': { required: { id: POST_ID }, keys: ['planned'], seed: seedPost, read: readPost, changed: { planned: CHANGED_POST.planned } },
  'settings.update': {
    required: {},
    seed: async (core) => {
      core.settings.update({ language: 'en', theme: 'light', targetMix: { private: 20, blend: 30, professional: 50, period: 'week' } });
    },
    read: async (core) => ({ ...core.settings.get() }),
    changed: CHANGED_SETTINGS,
  },
  'apps.save': {
    required: { app: 'linkedin', clientId: 'linkedin-client-1' },
    seed: async (core) => {
      await core.accounts.saveApp({ app: 'linkedin', clientId: 'linkedin-client-1', clientSecret: 'first-secret', redirectPort: 8765 });
    },
    // The secret itself, from the keychain: the answer to apps.save only says whether there is one.
    read: async (_core, vault) => {
      const stored = await vault.get('app:linkedin');
      return { clientId: stored?.clientId, clientSecret: stored?.clientSecret, redirectPort: Number(stored?.extra?.['redirectPort']) };
    },
    changed: { clientSecret: 'second-secret', redirectPort: 9123 },
  },
  'guardrails.save': {
    required: {},
    seed: async (core) => {
      core.guardrails.save({ watchedWords: ['Project Falcon'], starterList: false, rules: [] });
      core.guardrails.putPeriod({ id: 'q4', name: 'Q4 results', start: '2026-01-10', end: '2026-02-05', zone: 'Europe/Copenhagen', source: 'manual' });
      core.settings.update({ language: 'da' });
    },
    // The guardrails as stored, and the rest of the settings: a guardrails save touches nothing else.
    read: async (core) => {
      const { guardrails, ...rest } = core.settings.get();
      return { ...guardrails, rest };
    },
    changed: {
      watchedWords: ['Project Heron', 'Nordlys'],
      starterList: true,
      rules: [{ id: 'quarterly', name: 'Before quarterly results', announcements: ['2026-05-06'], daysBefore: 30, zone: 'Europe/Copenhagen' }],
    },
  },
  'mediaHost.save': {
    required: {},
    seed: async (core) => {
      await core.mediaHost.save({ endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1', bucket: 'spheres-media', accessKeyId: 'AKIAFIRST', pathStyle: true, secretAccessKey: 'first-secret' });
    },
    // The settings as stored, and the secret itself from the keychain: mediaHost.get only says whether there is one.
    read: async (core, vault) => ({ ...core.settings.get().mediaHost, secretAccessKey: (await vault.get('media-host'))?.clientSecret }),
    changed: { endpoint: 'https://fsn1.your-objectstorage.com', region: 'eu-north-1', bucket: 'other-bucket', accessKeyId: 'AKIASECOND', pathStyle: false, secretAccessKey: 'second-secret' },
  },
};

function without(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

async function callOk(core: Core, method: MethodName, input: unknown): Promise<void> {
  const answer = await core.router.call(method, input);
  expect(answer, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: true });
}

describe('a method that takes a patch', () => {
  it('fills no default into a key the caller left out, in any method that changes something stored', () => {
    for (const name of METHOD_NAMES.filter((method) => NOT_PATCHES[method] === undefined)) {
      for (const object of inputObjects(methods[name].input)) {
        for (const [key, field] of Object.entries(object.shape)) {
          const parsed = (field as z.ZodType).safeParse(undefined);
          if (parsed.success) expect(parsed.data, `${name}: an absent "${key}" must stay absent`).toBeUndefined();
        }
      }
    }
  });

  it('has no default anywhere in an input but inside a value the caller names whole', () => {
    const found = METHOD_NAMES.filter((method) => NOT_PATCHES[method] === undefined).flatMap((name) => defaultsIn(methods[name].input, '').map((path) => `${name}: ${path}`));
    expect(found.sort()).toEqual(Object.keys(ALLOWED_DEFAULTS).sort());
  });

  it('has a case below for every method whose input has keys a caller may leave out', () => {
    const patches = METHOD_NAMES.filter((name) => optionalKeys(methods[name].input).length > 0 && NOT_PATCHES[name] === undefined);
    expect(patches.filter((name) => PATCHES[name] === undefined), 'add a case to PATCHES, or to NOT_PATCHES with the reason').toEqual([]);
  });

  it('names every editable field of a post in its draft patch, and only those', () => {
    expect(optionalKeys(methods['posts.saveDraft'].input).sort()).toEqual([...EDITABLE_FIELDS].sort());
    expect(Object.keys(CHANGED_POST).sort()).toEqual([...EDITABLE_FIELDS].sort());
  });

  for (const [name, patch] of Object.entries(PATCHES) as [MethodName, PatchCase][]) {
    const keys = patch.keys ?? optionalKeys(methods[name].input);

    it(`${name}: has a changed value for each of its keys (${keys.join(', ')})`, () => {
      expect(keys.length).toBeGreaterThan(0);
      expect(Object.keys(patch.changed).sort()).toEqual([...keys].sort());
    });

    for (const key of keys) {
      it(`${name}: a call naming only "${key}" changes that and leaves everything else as stored`, async () => {
        const vault = new MemoryVault();
        const { core } = await inProcessApp({ vault });
        await patch.seed(core, vault);
        const before = await patch.read(core, vault);
        expect(before[key]).not.toEqual(patch.changed[key]);
        await callOk(core, name, { ...patch.required, [key]: patch.changed[key] });
        const after = await patch.read(core, vault);
        expect(after[key]).toEqual(patch.changed[key]);
        expect(without(after, [key, 'updatedAt'])).toEqual(without(before, [key, 'updatedAt']));
        await core.close();
      });
    }

    if (methods[name].input.safeParse(patch.required).success) {
      it(`${name}: a call naming none of its keys leaves everything as stored`, async () => {
        const vault = new MemoryVault();
        const { core } = await inProcessApp({ vault });
        await patch.seed(core, vault);
        const before = await patch.read(core, vault);
        await callOk(core, name, patch.required);
        expect(without(await patch.read(core, vault), ['updatedAt'])).toEqual(without(before, ['updatedAt']));
        await core.close();
      });
    }
  }
});

describe('posts.replan', () => {
  it('takes a post off the calendar with a null planned time and keeps the rest', async () => {
    const { core, api } = await inProcessApp();
    const before = await core.posts.saveDraft(FULL_POST);
    const after = await api.posts.replan({ id: POST_ID, planned: null });
    expect(after).toEqual({ ...before, planned: null, updatedAt: after.updatedAt });
    expect(await api.posts.get({ id: POST_ID })).toEqual(after);
    await core.close();
  });

  it('answers not_found for a post that is not there, and makes none', async () => {
    const { core, api } = await inProcessApp();
    await expect(api.posts.replan({ id: POST_ID, planned: CHANGED_POST.planned })).rejects.toMatchObject({ code: 'not_found' });
    expect(await api.posts.lastDraft()).toBeNull();
    await core.close();
  });

  it('answers not_found for a post in the trash and leaves it there as it was', async () => {
    const { core, api } = await inProcessApp();
    await core.posts.saveDraft(FULL_POST);
    const trashed = await api.posts.delete({ id: POST_ID });
    await expect(api.posts.replan({ id: POST_ID, planned: CHANGED_POST.planned })).rejects.toMatchObject({ code: 'not_found' });
    expect(await api.posts.restore({ id: POST_ID })).toEqual(trashed.post);
    await core.close();
  });

  it('refuses to move a published post, with a sentence, and changes nothing', async () => {
    const { core, api } = await inProcessApp();
    await core.posts.saveDraft(FULL_POST);
    const published = await core.posts.update(POST_ID, { status: 'published' });
    await expect(api.posts.replan({ id: POST_ID, planned: CHANGED_POST.planned })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'A published post stays on the day it went out.',
    });
    expect(await api.posts.get({ id: POST_ID })).toEqual(published);
    await core.close();
  });

  it('refuses a call that names anything besides the planned time', async () => {
    const { core } = await inProcessApp();
    await core.posts.saveDraft(FULL_POST);
    const answer = await core.router.call('posts.replan', { id: POST_ID, planned: CHANGED_POST.planned, text: 'sneaked in' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await core.posts.get(POST_ID)).text).toBe(FULL_POST.text);
    await core.close();
  });
});
