import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core';
import { SettingsService } from '../../../electron/core/settings';
import { DEFAULT_GUARDRAILS, DEFAULT_TONE_POLICY } from '../../../common/domain';

const DEFAULT_TARGET = { private: 30, blend: 30, professional: 40, period: 'week' };

// electron-store is conf with Electron's paths injected; conf on a temp folder is the same storage.
function service(dir: string, locale = 'en-US') {
  const conf = new Conf<Record<string, unknown>>({ projectName: 'spheres', cwd: dir, configName: 'settings' });
  return new SettingsService({ get: (key) => conf.get(key), set: (key, value) => conf.set(key, value) }, new EventBus(), locale);
}

describe('settings on disk', () => {
  it('starts in Danish on a Danish system and in English elsewhere', () => {
    expect(service(mkdtempSync(path.join(os.tmpdir(), 'spheres-'))).get().language).toBe('en');
    expect(service(mkdtempSync(path.join(os.tmpdir(), 'spheres-')), 'da-DK').get().language).toBe('da');
  });

  it('keeps a change across a restart', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-'));
    service(dir).update({ language: 'da', theme: 'dark' });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({
      settings: { language: 'da', theme: 'dark', tonePolicy: DEFAULT_TONE_POLICY, targetMix: DEFAULT_TARGET, missedGraceMinutes: 15, openAtLogin: false, mediaHost: null, guardrails: DEFAULT_GUARDRAILS },
    });
    expect(service(dir).get()).toEqual({ language: 'da', theme: 'dark', tonePolicy: DEFAULT_TONE_POLICY, targetMix: DEFAULT_TARGET, missedGraceMinutes: 15, openAtLogin: false, mediaHost: null, guardrails: DEFAULT_GUARDRAILS });
  });

  it('repairs a hand-edited file field by field instead of failing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-'));
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ settings: { language: 'da', theme: 'sepia', tonePolicy: { linkedin: ['professional'], x: [] } } }),
    );
    expect(service(dir).get()).toEqual({
      language: 'da',
      theme: 'system',
      tonePolicy: { ...DEFAULT_TONE_POLICY, linkedin: ['professional'] },
      targetMix: DEFAULT_TARGET,
      // Fields added after the file was written take their defaults.
      missedGraceMinutes: 15,
      openAtLogin: false,
      mediaHost: null,
      guardrails: DEFAULT_GUARDRAILS,
    });
  });

  it('keeps the media host across a restart, and a hand-damaged one falls back to none without touching the rest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-'));
    const mediaHost = { endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1', bucket: 'spheres-media', accessKeyId: 'AKIAEXAMPLE', pathStyle: false };
    service(dir).update({ language: 'da', mediaHost });
    expect(service(dir).get()).toMatchObject({ language: 'da', mediaHost });
    const file = path.join(dir, 'settings.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { settings: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ settings: { ...stored.settings, mediaHost: { ...mediaHost, bucket: 'Not_A_Bucket' } } }));
    expect(service(dir).get()).toEqual({ language: 'da', theme: 'system', tonePolicy: DEFAULT_TONE_POLICY, targetMix: DEFAULT_TARGET, missedGraceMinutes: 15, openAtLogin: false, mediaHost: null, guardrails: DEFAULT_GUARDRAILS });
  });

  it('keeps quiet periods and watched words across a restart, and a hand-damaged list falls back to none without touching the rest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-'));
    const guardrails = {
      periods: [{ id: 'q4', name: 'Q4 results', start: '2026-01-10', end: '2026-02-05', zone: 'Europe/Copenhagen', source: 'manual' as const }],
      rules: [],
      watchedWords: ['Project Falcon'],
      starterList: true,
    };
    service(dir).update({ language: 'da', guardrails });
    expect(service(dir).get()).toMatchObject({ language: 'da', guardrails });
    const file = path.join(dir, 'settings.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { settings: Record<string, unknown> };
    // A period that ends before it starts cannot be trusted: the guardrails fall back, the rest stays.
    writeFileSync(file, JSON.stringify({ settings: { ...stored.settings, guardrails: { ...guardrails, periods: [{ ...guardrails.periods[0], end: '2025-01-01' }] } } }));
    expect(service(dir).get()).toEqual({ language: 'da', theme: 'system', tonePolicy: DEFAULT_TONE_POLICY, targetMix: DEFAULT_TARGET, missedGraceMinutes: 15, openAtLogin: false, mediaHost: null, guardrails: DEFAULT_GUARDRAILS });
  });
});
