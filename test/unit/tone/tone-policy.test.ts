import { describe, expect, it } from 'vitest';
import { DEFAULT_TONE_POLICY, TonePolicySchema, completeTonePolicy } from '../../../common/domain';
import { toneMismatches } from '../../../common/tone';

describe('tone policy', () => {
  it('welcomes professional and blend on LinkedIn, private and blend on Instagram and Threads, all elsewhere', () => {
    expect(DEFAULT_TONE_POLICY).toEqual({
      x: ['private', 'blend', 'professional'],
      bluesky: ['private', 'blend', 'professional'],
      mastodon: ['private', 'blend', 'professional'],
      threads: ['private', 'blend'],
      linkedin: ['blend', 'professional'],
      instagram: ['private', 'blend'],
      facebook: ['private', 'blend', 'professional'],
    });
  });

  it('warns before a private post goes to LinkedIn, naming the target', () => {
    expect(toneMismatches('private', ['x', 'linkedin', 'instagram'], DEFAULT_TONE_POLICY)).toEqual([
      { network: 'linkedin', tone: 'private', welcomed: ['blend', 'professional'] },
    ]);
  });

  it('warns before a professional post goes to Instagram and Threads', () => {
    expect(toneMismatches('professional', ['instagram', 'threads', 'bluesky'], DEFAULT_TONE_POLICY).map((m) => m.network)).toEqual([
      'instagram',
      'threads',
    ]);
  });

  it('refuses a network left with no tone, saying so in plain words', () => {
    const result = TonePolicySchema.safeParse({ ...DEFAULT_TONE_POLICY, linkedin: [] });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['linkedin', 'each network needs at least one tone']]);
  });

  it('has nothing to say about a post without a tone yet', () => {
    expect(toneMismatches(null, ['linkedin'], DEFAULT_TONE_POLICY)).toEqual([]);
  });

  it('repairs a stored policy network by network', () => {
    expect(completeTonePolicy({ linkedin: ['professional'], x: [], threads: ['loud'], mastodon: ['blend', 'blend'] })).toEqual({
      ...DEFAULT_TONE_POLICY,
      linkedin: ['professional'],
      mastodon: ['blend'],
    });
    expect(completeTonePolicy('garbage')).toEqual(DEFAULT_TONE_POLICY);
  });
});
