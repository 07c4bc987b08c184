import { describe, expect, it } from 'vitest';
import { applyEvent, type SendIntent } from '../../../electron/core/outbox';
import { testIntent } from '../../support/intents';

const AT = new Date('2026-03-01T09:00:00.000Z');
const byHand = (overrides: Partial<SendIntent> = {}): SendIntent => testIntent({ target: { network: 'facebook', accountId: 'by-hand', assisted: true }, ...overrides });
const LINK = { id: 'https://www.facebook.com/alice/posts/1', url: 'https://www.facebook.com/alice/posts/1' };

describe('the publish state of a target the person posts by hand', () => {
  it('is handed to the person at its time: still queued, no next attempt, nothing else changed', () => {
    const queued = byHand({ nextAttemptAt: '2026-03-01T08:00:00.000Z' });
    const result = applyEvent(queued, { type: 'handed_over', at: AT });
    expect(result).toStrictEqual({ ok: true, intent: { ...queued, nextAttemptAt: null, updatedAt: AT.toISOString() } });
  });

  it('is published by the confirmation, every part under the link the person gave', () => {
    const result = applyEvent(byHand(), { type: 'confirmed', remote: LINK, at: AT });
    expect(result.ok && result.intent.state).toBe('published');
    expect(result.ok && result.intent.parts.map((part) => part.remote)).toStrictEqual([LINK, { id: `${LINK.id}#2` }]);
    expect(result.ok && result.intent.attempts).toBe(0);
  });

  it('takes one confirmation only', () => {
    const once = applyEvent(byHand(), { type: 'confirmed', remote: LINK, at: AT });
    if (!once.ok) throw new Error(once.reason);
    expect(applyEvent(once.intent, { type: 'confirmed', remote: LINK, at: AT })).toStrictEqual({ ok: false, reason: 'a target in state published cannot take "confirmed"' });
  });

  it('never applies to a target a publisher sends', () => {
    expect(applyEvent(testIntent(), { type: 'handed_over', at: AT })).toStrictEqual({ ok: false, reason: 'only an assisted target is handed to the person' });
    expect(applyEvent(testIntent(), { type: 'confirmed', remote: LINK, at: AT })).toStrictEqual({ ok: false, reason: 'only an assisted target is confirmed by the person' });
  });
});
