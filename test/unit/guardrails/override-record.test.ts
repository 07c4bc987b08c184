import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuardrailOverride } from '../../../common/domain';
import { OverrideRecord, overridesCsv } from '../../../electron/core/guardrails';
import { nodeStorageFs } from '../../../electron/core/storage';
import { inProcessApp } from '../../support/in-process-app';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const entry = (overrides: Partial<GuardrailOverride> = {}): GuardrailOverride => ({
  at: '2026-03-20T08:59:00.000Z',
  postId: 'results-teaser',
  action: 'schedule',
  rule: 'quiet_period',
  ruleId: 'q1',
  detail: 'Q1 quiet period (2026-03-10 – 2026-04-05, Europe/Copenhagen)',
  postTime: '2026-03-20T09:00:00.000Z',
  tone: 'professional',
  networks: ['linkedin', 'x'],
  ...overrides,
});

describe('the record of overrides', () => {
  it('only appends: earlier overrides stay as written, in order', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-record-'));
    folders.push(dataDir);
    const record = new OverrideRecord({ fs: nodeStorageFs, dataDir });
    await record.append([entry()]);
    const first = readFileSync(record.file, 'utf8');
    await record.append([entry({ postId: 'other-post-1', rule: 'watched_word', ruleId: 'opkøb', detail: 'Opkøbet' })]);
    expect(readFileSync(record.file, 'utf8').startsWith(first)).toBe(true);
    // A fresh reader (a restart) reads the same.
    expect(await new OverrideRecord({ fs: nodeStorageFs, dataDir }).list()).toEqual([entry(), entry({ postId: 'other-post-1', rule: 'watched_word', ruleId: 'opkøb', detail: 'Opkøbet' })]);
  });

  it('leaves out a line cut off by a crash, and the next override starts a line of its own', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-record-'));
    folders.push(dataDir);
    await new OverrideRecord({ fs: nodeStorageFs, dataDir }).append([entry()]);
    const file = path.join(dataDir, 'guardrails', 'overrides.jsonl');
    appendFileSync(file, '{"at":"2026-03-2');
    const record = new OverrideRecord({ fs: nodeStorageFs, dataDir });
    expect(await record.list()).toEqual([entry()]);
    await record.append([entry({ postId: 'after-crash-1' })]);
    expect((await new OverrideRecord({ fs: nodeStorageFs, dataDir }).list()).map((one) => one.postId)).toEqual(['results-teaser', 'after-crash-1']);
  });

  it('exports CSV quoted as RFC 4180 says, with CRLF line ends and formulas defused', () => {
    const csv = overridesCsv([entry({ detail: 'Deal "Falcon", phase 2\nsecret' }), entry({ rule: 'watched_word', ruleId: '=HYPERLINK("x")', detail: '@merger' })]);
    expect(csv.split('\r\n')).toEqual([
      'When,Post,Action,Rule,Rule id,Period or word,Post time,Tone,Networks',
      '2026-03-20T08:59:00.000Z,results-teaser,schedule,quiet_period,q1,"Deal ""Falcon"", phase 2\nsecret",2026-03-20T09:00:00.000Z,professional,linkedin x',
      `2026-03-20T08:59:00.000Z,results-teaser,schedule,watched_word,"'=HYPERLINK(""x"")",'@merger,2026-03-20T09:00:00.000Z,professional,linkedin x`,
      '',
    ]);
  });

  it('writes the CSV where the library export writes (exports/ on the web host) and changes nothing else', async () => {
    const { core, api, dataDir } = await inProcessApp();
    folders.push(dataDir);
    core.guardrails.save({ watchedWords: ['Falcon'] });
    const settingsBefore = core.settings.get();
    const result = await api.guardrails.exportRecord();
    expect(result.overrides).toBe(0);
    expect(path.dirname(result.file!)).toBe(path.join(dataDir, 'exports'));
    expect(path.basename(result.file!)).toMatch(/^spheres-guardrail-overrides-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(readFileSync(result.file!, 'utf8')).toBe('When,Post,Action,Rule,Rule id,Period or word,Post time,Tone,Networks\r\n');
    expect(core.settings.get()).toEqual(settingsBefore);
    await core.close();
  });
});
