import { describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxTarget } from '../../../common/domain';
import { noticeText, outboxNews, targetStates } from '../../../electron/main/outbox-notices';

const STARTED = new Date('2026-03-02T08:00:00.000Z');

function facebook(waiting: OutboxTarget['waiting'], state: OutboxTarget['state'] = 'queued'): OutboxTarget {
  return {
    network: 'facebook',
    accountId: 'by-hand',
    handle: '',
    state,
    attempts: 0,
    nextAttemptAt: waiting === 'time' ? '2026-03-02T10:00:00.000Z' : null,
    waiting,
    error: null,
    partsDone: state === 'published' ? 1 : 0,
    parts: 1,
    url: null,
    untouched: true,
    assisted: true,
    updatedAt: '2026-03-02T09:00:00.000Z',
  };
}

const entry = (targets: OutboxTarget[]): OutboxEntry => ({ postId: 'post-lake', excerpt: 'Summer at the lake', tone: 'private', planned: null, status: 'queued', targets, updatedAt: '2026-03-02T09:00:00.000Z' });

describe('the notification when a post is to be posted by hand', () => {
  it('says "Time to post it yourself on Facebook" when its time comes, once', () => {
    const before = targetStates(entry([facebook('time')]));
    const now = entry([facebook('assisted')]);
    const news = outboxNews(before, now, STARTED);
    expect(news).toEqual({ kind: 'assisted', networks: ['facebook'] });
    expect(noticeText(news!, now, 'en')).toEqual({
      title: 'Time to post it yourself on Facebook',
      body: 'Summer at the lake\nOpen the Outbox: Spheres copies the text, gets the images ready and opens the page.',
    });
    expect(noticeText(news!, now, 'da').title).toBe('Tid til at slå det op selv på Facebook');
    expect(outboxNews(targetStates(now), now, STARTED)).toBeNull();
  });

  it('says "Posted to Facebook" once the person recorded it', () => {
    const news = outboxNews(targetStates(entry([facebook('assisted')])), entry([facebook(null, 'published')]), STARTED);
    expect(news).toEqual({ kind: 'posted', networks: ['facebook'], refused: [] });
  });
});
