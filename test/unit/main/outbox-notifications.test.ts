import { describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxTarget } from '../../../common/domain';
import { createOutboxNotifier, keepsRunningText, noticeText, outboxNews, targetStates, type NoticeText } from '../../../electron/main/outbox-notices';

const STARTED = new Date('2026-03-02T08:00:00.000Z');
const LATER = '2026-03-02T09:00:00.000Z';
const EARLIER = '2026-03-02T07:00:00.000Z';

function target(network: 'bluesky' | 'mastodon', state: OutboxTarget['state'], changes: Partial<OutboxTarget> = {}): OutboxTarget {
  return {
    network,
    accountId: `${network}-account`,
    handle: network === 'bluesky' ? 'ana.bsky.social' : '@ana@mastodon.social',
    state,
    attempts: state === 'queued' ? 0 : 1,
    nextAttemptAt: null,
    waiting: null,
    error: null,
    partsDone: state === 'published' ? 1 : 0,
    parts: 1,
    url: null,
    untouched: state === 'queued',
    updatedAt: LATER,
    ...changes,
  };
}

function entry(targets: OutboxTarget[], excerpt = 'Our spring report is out'): OutboxEntry {
  return { postId: 'post-spring-report', excerpt, tone: 'professional', planned: null, status: 'publishing', targets, updatedAt: LATER };
}

const refused = (network: 'bluesky' | 'mastodon', message: string, code = 'validation_failed') =>
  target(network, 'failed_permanent', { error: { kind: 'permanent', code, message } });
const missed = (network: 'bluesky' | 'mastodon') =>
  refused(network, 'The planned time passed while Spheres was closed.', 'missed_its_time');

describe('what the outbox notification says', () => {
  it('says "Posted to Bluesky and Mastodon" once every target is published', () => {
    const before = targetStates(entry([target('bluesky', 'published'), target('mastodon', 'sending')]));
    const news = outboxNews(before, entry([target('bluesky', 'published'), target('mastodon', 'published')]), STARTED);
    expect(news).toEqual({ kind: 'posted', networks: ['bluesky', 'mastodon'], refused: [] });
    expect(noticeText(news!, entry([]), 'en')).toEqual({ title: 'Posted to Bluesky and Mastodon', body: 'Our spring report is out' });
  });

  it('says it in Danish: "Slået op på Bluesky og Mastodon"', () => {
    expect(noticeText({ kind: 'posted', networks: ['bluesky', 'mastodon'], refused: [] }, entry([]), 'da').title).toBe('Slået op på Bluesky og Mastodon');
  });

  it('says nothing while one target is still sending', () => {
    const before = targetStates(entry([target('bluesky', 'sending'), target('mastodon', 'sending')]));
    expect(outboxNews(before, entry([target('bluesky', 'published'), target('mastodon', 'sending')]), STARTED)).toBeNull();
  });

  it('says "Mastodon refused the post: <reason>" as soon as Mastodon refuses, while Bluesky is still on its way', () => {
    const before = targetStates(entry([target('bluesky', 'sending'), target('mastodon', 'sending')]));
    const next = entry([target('bluesky', 'sending'), refused('mastodon', 'Text character limit of 500 exceeded')]);
    const news = outboxNews(before, next, STARTED);
    expect(news).toEqual({ kind: 'refused', refused: [{ network: 'mastodon', reason: 'Text character limit of 500 exceeded' }] });
    expect(noticeText(news!, next, 'en')).toEqual({ title: 'Mastodon refused the post: Text character limit of 500 exceeded', body: 'Our spring report is out' });
    expect(noticeText(news!, next, 'da').title).toBe('Mastodon afviste opslaget: Text character limit of 500 exceeded');
  });

  it('names the refusal in the body when the post went out on the other network at the same moment', () => {
    const before = targetStates(entry([target('bluesky', 'sending'), target('mastodon', 'sending')]));
    const next = entry([target('bluesky', 'published'), refused('mastodon', 'Validation failed')]);
    const news = outboxNews(before, next, STARTED);
    expect(noticeText(news!, next, 'en')).toEqual({ title: 'Posted to Bluesky', body: 'Mastodon refused the post: Validation failed\nOur spring report is out' });
  });

  it('says "Needs attention: missed its time" once for a post that missed its time on every network', () => {
    const before = targetStates(entry([target('bluesky', 'queued'), target('mastodon', 'queued')]));
    const next = entry([missed('bluesky'), missed('mastodon')]);
    const news = outboxNews(before, next, STARTED);
    expect(news).toEqual({ kind: 'missed' });
    expect(noticeText(news!, next, 'en').title).toBe('Needs attention: missed its time');
    expect(noticeText(news!, next, 'da').title).toBe('Kræver handling: tidspunktet blev overskredet');
  });

  it('says "Needs attention: reconnect Mastodon (@ana@mastodon.social)" once when the account’s sign-in is refused', () => {
    const before = targetStates(entry([target('bluesky', 'sending'), target('mastodon', 'sending')]));
    const signedOut = target('mastodon', 'queued', { waiting: 'reconnect' });
    const next = entry([target('bluesky', 'sending'), signedOut]);
    const news = outboxNews(before, next, STARTED);
    expect(news).toEqual({ kind: 'reconnect', accounts: [{ network: 'mastodon', handle: '@ana@mastodon.social' }] });
    expect(noticeText(news!, next, 'en').title).toBe('Needs attention: reconnect Mastodon (@ana@mastodon.social)');
    expect(noticeText(news!, next, 'da').title).toBe('Kræver handling: forbind Mastodon (@ana@mastodon.social) igen');
    expect(outboxNews(targetStates(next), entry([target('bluesky', 'sending', { attempts: 2 }), signedOut]), STARTED)).toBeNull();
  });

  it('says nothing when a post leaves the outbox (cancelled or back to the drafts)', () => {
    expect(outboxNews(targetStates(entry([target('bluesky', 'queued')])), null, STARTED)).toBeNull();
  });

  it('says nothing after a restart about a post published before Spheres started', () => {
    const next = entry([target('bluesky', 'published', { updatedAt: EARLIER }), target('mastodon', 'published', { updatedAt: EARLIER })]);
    expect(outboxNews(undefined, next, STARTED)).toBeNull();
  });

  it('announces a post that was published after Spheres started, even as the first event it hears of it', () => {
    const next = entry([target('bluesky', 'published')]);
    expect(outboxNews(undefined, next, STARTED)).toEqual({ kind: 'posted', networks: ['bluesky'], refused: [] });
  });

  it('cuts a long excerpt to one line of at most 120 characters', () => {
    const long = `${'word '.repeat(60)}\nsecond line`;
    const text = noticeText({ kind: 'posted', networks: ['bluesky'], refused: [] }, entry([], long), 'en');
    expect(text.body).not.toContain('\n');
    expect(text.body.length).toBeLessThanOrEqual(120);
    expect(text.body.endsWith('…')).toBe(true);
  });
});

describe('the outbox notifier', () => {
  function notifier() {
    const shown: Array<{ notice: NoticeText; postId: string }> = [];
    let language: 'en' | 'da' = 'en';
    const outbox = createOutboxNotifier({ language: () => language, show: (notice, postId) => void shown.push({ notice, postId }), since: STARTED });
    return { shown, outbox, speak: (next: 'en' | 'da') => (language = next) };
  }

  it('never shows the same outcome twice, however often the entry is sent again', () => {
    const { shown, outbox } = notifier();
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'sending'), target('mastodon', 'sending')]) });
    const done = entry([target('bluesky', 'published'), target('mastodon', 'published')]);
    outbox.changed({ postId: 'post-spring-report', entry: done });
    outbox.changed({ postId: 'post-spring-report', entry: done });
    outbox.changed({ postId: 'post-spring-report', entry: { ...done, updatedAt: '2026-03-02T09:05:00.000Z' } });
    expect(shown).toEqual([{ notice: { title: 'Posted to Bluesky and Mastodon', body: 'Our spring report is out' }, postId: 'post-spring-report' }]);
  });

  it('tells a refusal, then the other network publishing, each once', () => {
    const { shown, outbox } = notifier();
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'sending'), target('mastodon', 'sending')]) });
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'sending'), refused('mastodon', 'Validation failed')]) });
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'published'), refused('mastodon', 'Validation failed')]) });
    expect(shown.map((item) => item.notice.title)).toEqual(['Mastodon refused the post: Validation failed', 'Posted to Bluesky']);
  });

  it('tells the outcome of a retry: a new attempt that fails again is news again', () => {
    const { shown, outbox } = notifier();
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'queued')]) });
    outbox.changed({ postId: 'post-spring-report', entry: entry([missed('bluesky')]) });
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'sending')]) });
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'published')]) });
    expect(shown.map((item) => item.notice.title)).toEqual(['Needs attention: missed its time', 'Posted to Bluesky']);
  });

  it('speaks the language chosen in Settings at the moment it shows the notification', () => {
    const { shown, outbox, speak } = notifier();
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'sending')]) });
    speak('da');
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'published')]) });
    expect(shown.map((item) => item.notice.title)).toEqual(['Slået op på Bluesky']);
  });

  it('forgets a post that left the outbox, and tells its outcome when it comes back and is sent', () => {
    const { shown, outbox } = notifier();
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'published')]) });
    outbox.changed({ postId: 'post-spring-report', entry: null });
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'queued')]) });
    outbox.changed({ postId: 'post-spring-report', entry: entry([target('bluesky', 'published', { updatedAt: '2026-03-02T10:00:00.000Z' })]) });
    expect(shown.map((item) => item.notice.title)).toEqual(['Posted to Bluesky', 'Posted to Bluesky']);
  });
});

describe('the notice when the window first closes into the tray', () => {
  it('says Spheres keeps running, in English and Danish, naming the menu bar on macOS', () => {
    expect(keepsRunningText('en', 'darwin')).toEqual({
      title: 'Spheres keeps running to send scheduled posts',
      body: 'Find it in the menu bar to open it again or quit.',
    });
    expect(keepsRunningText('da', 'win32')).toEqual({
      title: 'Spheres kører videre for at sende planlagte opslag',
      body: 'Find det i meddelelsesområdet for at åbne det igen eller afslutte.',
    });
  });
});
