import { describe, expect, it } from 'vitest';
import type { TargetMix, Tone } from '../../../common/domain';
import { COUNTED_AGAINST_TARGET, drift, driftNudge, measureAgainstTarget, mixByNetwork, rebalanceTargetMix, summarizeCalendar, toneMix, wholePercents, type CalendarPost } from '../../../common/tone';
import { testPost } from '../../support/posts';

const TARGET: TargetMix = { private: 30, blend: 30, professional: 40, period: 'week' };

function tones(counts: Partial<Record<Tone | 'none', number>>): { tone: Tone | null }[] {
  return Object.entries(counts).flatMap(([tone, count]) => Array.from({ length: count }, () => ({ tone: tone === 'none' ? null : (tone as Tone) })));
}

let serial = 0;
function post(at: string, tone: Tone | null, init: Partial<CalendarPost> = {}): CalendarPost {
  serial += 1;
  return testPost({
    id: `post-${String(serial).padStart(4, '0')}`,
    createdAt: at,
    planned: { at, zone: 'Europe/Copenhagen' },
    tone,
    targets: [{ network: 'linkedin' }],
    status: 'published',
    ...init,
  });
}

describe('tone mix', () => {
  it('counts each tone and keeps posts without a tone apart', () => {
    const mix = toneMix(tones({ private: 1, blend: 2, professional: 7, none: 2 }));
    expect(mix).toEqual({
      counts: { private: 1, blend: 2, professional: 7 },
      total: 10,
      untoned: 2,
      shares: { private: 0.1, blend: 0.2, professional: 0.7 },
      percents: { private: 10, blend: 20, professional: 70 },
    });
  });

  it('has no shares without toned posts', () => {
    expect(toneMix(tones({ none: 3 }))).toMatchObject({ total: 0, untoned: 3, shares: { private: 0, blend: 0, professional: 0 } });
  });

  it('gives shares that are the exact fractions and add up to 1', () => {
    const mix = toneMix(tones({ private: 1, blend: 1, professional: 1 }));
    expect(mix.shares).toEqual({ private: 1 / 3, blend: 1 / 3, professional: 1 / 3 });
    expect(mix.shares.private + mix.shares.blend + mix.shares.professional).toBe(1);
  });

  it('rounds percents by largest remainder so they add up to 100: 1/1/1 is 34/33/33', () => {
    expect(wholePercents({ private: 1, blend: 1, professional: 1 })).toEqual({ private: 34, blend: 33, professional: 33 });
  });

  it('rounds 2/2/3 to 29/28/43, giving the spare points to the largest remainders', () => {
    // Quotas 28.57, 28.57, 42.86: floors 28 + 28 + 42 = 98; professional (6/7) and then private (first of the tie) get one each.
    expect(wholePercents({ private: 2, blend: 2, professional: 3 })).toEqual({ private: 29, blend: 28, professional: 43 });
  });

  it('measures each network apart, a post with two networks on both', () => {
    const byNetwork = mixByNetwork([
      { tone: 'professional', targets: [{ network: 'linkedin' }, { network: 'x' }] },
      { tone: 'professional', targets: [{ network: 'linkedin' }] },
      { tone: 'private', targets: [{ network: 'instagram' }, { network: 'x' }] },
      { tone: 'blend', targets: [{ network: 'x', accountId: 'a' }, { network: 'x', accountId: 'b' }] },
    ]);
    expect([...byNetwork.keys()]).toEqual(['x', 'linkedin', 'instagram']);
    expect(byNetwork.get('x')?.counts).toEqual({ private: 1, blend: 1, professional: 1 });
    expect(byNetwork.get('linkedin')?.percents).toEqual({ private: 0, blend: 0, professional: 100 });
    expect(byNetwork.get('instagram')?.total).toBe(1);
  });
});

describe('the target mix', () => {
  it('gives the rest to the other two tones in proportion when one changes', () => {
    // 50 left for blend and professional at 30:40 is 21.43 and 28.57: 21 and 29.
    expect(rebalanceTargetMix(TARGET, 'private', 50)).toEqual({ private: 50, blend: 21, professional: 29, period: 'week' });
  });

  it('splits evenly when the other two were both 0', () => {
    expect(rebalanceTargetMix({ private: 100, blend: 0, professional: 0, period: 'month' }, 'private', 40)).toEqual({
      private: 40,
      blend: 30,
      professional: 30,
      period: 'month',
    });
  });

  it('clamps to 0–100 and whole numbers', () => {
    expect(rebalanceTargetMix(TARGET, 'professional', 140)).toEqual({ private: 0, blend: 0, professional: 100, period: 'week' });
    expect(rebalanceTargetMix(TARGET, 'blend', 33.6)).toEqual({ private: 28, blend: 34, professional: 38, period: 'week' });
  });
});

describe('drift', () => {
  it('measures 9 professional and 1 private against 30/30/40 in percentage points', () => {
    const result = drift(toneMix(tones({ private: 1, professional: 9 })), TARGET);
    expect(result).toEqual({
      tones: {
        private: { actual: 10, target: 30, delta: -20 },
        blend: { actual: 0, target: 30, delta: -30 },
        professional: { actual: 90, target: 40, delta: 50 },
      },
      distance: 50,
      over: 'professional',
      under: 'blend',
    });
  });

  it('is 0 on target and null without toned posts', () => {
    expect(drift(toneMix(tones({ private: 3, blend: 3, professional: 4 })), TARGET)?.distance).toBe(0);
    expect(drift(toneMix(tones({ none: 4 })), TARGET)).toBeNull();
  });
});

describe('the drift nudge', () => {
  const zone = 'Europe/Copenhagen';
  // Tuesday 17 November 2026; the last 14 days are 4–17 November.
  const today = '2026-11-17';
  const lastFortnight = [
    ...['04', '05', '06', '09', '10', '11', '12', '13', '16'].map((day) => post(`2026-11-${day}T08:00:00.000Z`, 'professional')),
    post('2026-11-08T10:00:00.000Z', 'private', { targets: [{ network: 'instagram' }] }),
  ];

  it('says the last 14 days were 90% professional and names the Instagram draft from Saturday', () => {
    const draft = post('2026-11-14T09:00:00.000Z', 'blend', { status: 'draft', targets: [{ network: 'instagram' }, { network: 'x' }] });
    const nudge = driftNudge([...lastFortnight, draft], TARGET, { today, zone });
    expect(nudge).toEqual({
      period: { from: '2026-11-04', to: '2026-11-17', days: 14 },
      dominantTone: 'professional',
      share: 0.9,
      percent: 90,
      targetPercent: 40,
      mix: toneMix(tones({ private: 1, professional: 9 })),
      suggestion: { postId: draft.id, network: 'instagram', tone: 'blend', day: '2026-11-14' },
    });
  });

  it('does not count drafts, or posts from before the period, toward the mix', () => {
    const old = post('2026-11-03T08:00:00.000Z', 'private');
    const drafts = [post('2026-11-10T08:00:00.000Z', 'private', { status: 'draft' }), post('2026-11-11T08:00:00.000Z', 'private', { status: 'draft' })];
    expect(driftNudge([...lastFortnight, old, ...drafts], TARGET, { today, zone })?.mix.counts).toEqual({ private: 1, blend: 0, professional: 9 });
  });

  it('suggests the draft that brings the mix closest to the target, then the one nearest today', () => {
    const farBlend = post('2026-11-05T09:00:00.000Z', 'blend', { status: 'draft' });
    const nearBlend = post('2026-11-19T09:00:00.000Z', 'blend', { status: 'draft' });
    const professional = post('2026-11-17T09:00:00.000Z', 'professional', { status: 'draft' });
    const nudge = driftNudge([...lastFortnight, farBlend, nearBlend, professional], TARGET, { today, zone });
    expect(nudge?.suggestion).toEqual({ postId: nearBlend.id, network: 'linkedin', tone: 'blend', day: '2026-11-19' });
  });

  it('offers no suggestion when no draft would help', () => {
    const nudge = driftNudge([...lastFortnight, post('2026-11-15T09:00:00.000Z', 'professional', { status: 'draft' })], TARGET, { today, zone });
    expect(nudge?.dominantTone).toBe('professional');
    expect(nudge?.suggestion).toBeUndefined();
  });

  it('stays quiet within 15 points of the target', () => {
    // 4 professional of 10 = 40%, 3 blend = 30%, 3 private = 30%: on target.
    const balanced = [
      ...['04', '05', '06', '09'].map((day) => post(`2026-11-${day}T08:00:00.000Z`, 'professional')),
      ...['10', '11', '12'].map((day) => post(`2026-11-${day}T08:00:00.000Z`, 'blend')),
      ...['13', '14', '16'].map((day) => post(`2026-11-${day}T08:00:00.000Z`, 'private')),
    ];
    expect(driftNudge(balanced, TARGET, { today, zone })).toBeNull();
  });

  it('stays quiet with fewer than three posts to go on', () => {
    expect(driftNudge(lastFortnight.slice(0, 2), TARGET, { today, zone })).toBeNull();
  });

  it('weighs 30 days for a monthly target', () => {
    const nudge = driftNudge(lastFortnight, { ...TARGET, period: 'month' }, { today, zone });
    expect(nudge?.period).toEqual({ from: '2026-10-19', to: '2026-11-17', days: 30 });
  });
});

describe('what the target panel counts', () => {
  const november = { zone: 'Europe/Copenhagen', from: '2026-11-01', to: '2026-11-30' } as const;

  it('counts planned and published posts, in every state on the way out, and no drafts', () => {
    expect(COUNTED_AGAINST_TARGET).toEqual(['planned', 'published']);
    const posts = [
      post('2026-11-02T08:00:00.000Z', 'private', { status: 'published' }),
      post('2026-11-03T08:00:00.000Z', 'private', { status: 'queued' }),
      post('2026-11-04T08:00:00.000Z', 'blend', { status: 'scheduled' }),
      post('2026-11-05T08:00:00.000Z', 'blend', { status: 'publishing' }),
      post('2026-11-06T08:00:00.000Z', 'professional', { status: 'failed' }),
      post('2026-11-07T08:00:00.000Z', 'professional', { status: 'needs_attention' }),
      post('2026-11-08T08:00:00.000Z', 'professional', { status: 'draft' }),
      post('2026-11-09T08:00:00.000Z', 'private', { status: 'draft' }),
    ];
    expect(measureAgainstTarget(posts, TARGET, november).mix.counts).toEqual({ private: 2, blend: 2, professional: 2 });
  });

  it('counts only the days of the period in the zone, and posts without a tone apart', () => {
    const posts = [
      // 23:30 UTC on 31 October is 1 November in Copenhagen: in.
      post('2026-10-31T23:30:00.000Z', 'private'),
      // 23:30 UTC on 30 November is 1 December in Copenhagen: out.
      post('2026-11-30T23:30:00.000Z', 'professional'),
      post('2026-10-31T12:00:00.000Z', 'professional'),
      post('2026-11-15T12:00:00.000Z', null, { status: 'queued' }),
    ];
    const measured = measureAgainstTarget(posts, TARGET, november);
    expect(measured.mix.counts).toEqual({ private: 1, blend: 0, professional: 0 });
    expect(measured.mix.untoned).toBe(1);
    expect(measured.drift?.tones.private).toEqual({ actual: 100, target: 30, delta: 70 });
  });

  it('measures each network from the same posts, a post on two networks on both', () => {
    const posts = [
      post('2026-11-02T08:00:00.000Z', 'blend', { targets: [{ network: 'x' }, { network: 'linkedin' }] }),
      post('2026-11-03T08:00:00.000Z', 'professional', { targets: [{ network: 'linkedin' }] }),
      post('2026-11-04T08:00:00.000Z', 'private', { status: 'draft', targets: [{ network: 'x' }] }),
    ];
    const { networks } = measureAgainstTarget(posts, TARGET, november);
    expect([...networks.keys()]).toEqual(['x', 'linkedin']);
    expect(networks.get('x')?.counts).toEqual({ private: 0, blend: 1, professional: 0 });
    expect(networks.get('linkedin')?.counts).toEqual({ private: 0, blend: 1, professional: 1 });
  });

  it('has no drift to show for a period without a toned post', () => {
    expect(measureAgainstTarget([post('2026-11-02T08:00:00.000Z', 'blend', { status: 'draft' })], TARGET, november).drift).toBeNull();
  });
});

describe('what the drift counts', () => {
  const zone = 'Europe/Copenhagen';

  it('counts the planned and published posts of the last days up to today, none planned after it', () => {
    const posts = [
      ...['10', '11', '12'].map((day) => post(`2026-11-${day}T08:00:00.000Z`, 'professional', { status: 'published' })),
      post('2026-11-13T08:00:00.000Z', 'professional', { status: 'failed' }),
      post('2026-11-18T20:00:00.000Z', 'professional', { status: 'queued' }),
      // Tomorrow and later: planned, but not part of the last 14 days.
      post('2026-11-19T08:00:00.000Z', 'private', { status: 'queued' }),
      post('2026-11-25T08:00:00.000Z', 'private', { status: 'scheduled' }),
      // A draft from within the period does not count.
      post('2026-11-14T08:00:00.000Z', 'private', { status: 'draft' }),
    ];
    const nudge = driftNudge(posts, TARGET, { today: '2026-11-18', zone });
    expect(nudge?.period).toEqual({ from: '2026-11-05', to: '2026-11-18', days: 14 });
    expect(nudge?.mix.counts).toEqual({ private: 0, blend: 0, professional: 5 });
  });
});

describe('the calendar summary', () => {
  it('lays out days, weeks, months and the total in one pass, within a range', () => {
    const posts = [
      post('2026-11-02T08:00:00.000Z', 'private'),
      post('2026-11-02T07:00:00.000Z', 'professional'),
      post('2026-11-08T22:30:00.000Z', 'blend'),
      post('2026-11-30T23:30:00.000Z', null, { status: 'draft' }),
      post('2026-10-25T12:00:00.000Z', 'private'),
    ];
    const calendar = summarizeCalendar(posts, 'Europe/Copenhagen', { weekStart: 1, from: '2026-10-26', to: '2026-12-06' });
    expect([...calendar.days.keys()]).toEqual(['2026-11-02', '2026-11-08', '2026-12-01']);
    expect(calendar.days.get('2026-11-02')?.posts.map((p) => p.tone)).toEqual(['professional', 'private']);
    expect(calendar.days.get('2026-11-02')?.mix.counts).toEqual({ private: 1, blend: 0, professional: 1 });
    // 22:30 UTC on Sunday 8 November is 23:30 in Copenhagen: still Sunday, still the first week.
    expect([...calendar.weeks.entries()].map(([week, mix]) => [week, mix.total, mix.untoned])).toEqual([
      ['2026-11-02', 3, 0],
      ['2026-11-30', 0, 1],
    ]);
    expect([...calendar.months.keys()]).toEqual(['2026-11', '2026-12']);
    expect(calendar.total.counts).toEqual({ private: 1, blend: 1, professional: 1 });
    expect(calendar.total.untoned).toBe(1);
  });

  it('keys weeks by their Sunday for Sunday weeks', () => {
    const calendar = summarizeCalendar([post('2026-11-08T12:00:00.000Z', 'blend')], 'Europe/Copenhagen', { weekStart: 7 });
    expect([...calendar.weeks.keys()]).toEqual(['2026-11-08']);
  });
});

