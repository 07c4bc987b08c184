import { describe, expect, it } from 'vitest';
import {
  bucketByDay,
  bucketByMonth,
  bucketByWeek,
  bucketByYear,
  calendarDayOf,
  calendarTimeOf,
  replanByDays,
  replanToDay,
  storeMonthsFor,
  zoneDays,
} from '../../../common/tone';
import type { Post } from '../../../common/domain';

type Dated = Pick<Post, 'id' | 'createdAt' | 'planned'>;

function at(id: string, instant: string, zone = 'Europe/Copenhagen'): Dated {
  return { id, createdAt: '2026-01-01T09:00:00.000Z', planned: { at: instant, zone } };
}

const HOUR = 3_600_000;

describe('a post’s place on the calendar', () => {
  it('stands at its planned time, or at its creation time until it has one', () => {
    expect(calendarTimeOf(at('a', '2026-11-03T08:00:00.000Z'))).toBe(Date.parse('2026-11-03T08:00:00.000Z'));
    expect(calendarTimeOf({ createdAt: '2026-11-02T10:15:00.000Z', planned: null })).toBe(Date.parse('2026-11-02T10:15:00.000Z'));
  });

  it('falls on different days in Copenhagen, New York and Tokyo', () => {
    const post = at('a', '2026-11-03T23:30:00.000Z');
    expect(calendarDayOf(post, 'Europe/Copenhagen')).toBe('2026-11-04');
    expect(calendarDayOf(post, 'America/New_York')).toBe('2026-11-03');
    expect(calendarDayOf(post, 'Asia/Tokyo')).toBe('2026-11-04');
    expect(calendarDayOf(post, 'UTC')).toBe('2026-11-03');
    expect(calendarDayOf(at('b', '2026-11-03T14:30:00.000Z'), 'Pacific/Kiritimati')).toBe('2026-11-04');
  });
});

describe('days in a zone', () => {
  it('has a 23-hour day when Copenhagen springs forward and a 25-hour day when it falls back', () => {
    const copenhagen = zoneDays('Europe/Copenhagen');
    expect((copenhagen.startOf('2026-03-30') - copenhagen.startOf('2026-03-29')) / HOUR).toBe(23);
    expect((copenhagen.startOf('2026-10-26') - copenhagen.startOf('2026-10-25')) / HOUR).toBe(25);
  });

  it('starts the day at 01:00 where a DST change skips midnight (Santiago, 6 September 2026)', () => {
    expect(new Date(zoneDays('America/Santiago').startOf('2026-09-06')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('puts the last half hour of the long autumn day on that day', () => {
    // 23:30 CET (+01:00) on 25 October, the 25-hour day.
    expect(calendarDayOf(at('a', '2026-10-25T22:30:00.000Z'), 'Europe/Copenhagen')).toBe('2026-10-25');
    expect(calendarDayOf(at('b', '2026-10-25T23:00:00.000Z'), 'Europe/Copenhagen')).toBe('2026-10-26');
  });

  it('refuses a zone Temporal does not know', () => {
    expect(() => zoneDays('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('buckets', () => {
  const posts = [
    at('late', '2026-10-31T23:30:00.000Z'),
    at('early', '2026-10-31T07:00:00.000Z'),
    at('morning', '2026-11-02T07:00:00.000Z'),
    at('second', '2026-10-31T07:00:00.000Z'),
    at('newyear', '2026-12-31T23:30:00.000Z'),
  ];

  it('groups by day in the zone, days ascending and each day in time order', () => {
    const byDay = bucketByDay(posts, 'Europe/Copenhagen');
    expect([...byDay.keys()]).toEqual(['2026-10-31', '2026-11-01', '2026-11-02', '2027-01-01']);
    expect(byDay.get('2026-10-31')?.map((post) => post.id)).toEqual(['early', 'second']);
    expect(byDay.get('2026-11-01')?.map((post) => post.id)).toEqual(['late']);
  });

  it('groups by day differently in UTC', () => {
    expect(bucketByDay(posts, 'UTC').get('2026-10-31')?.map((post) => post.id)).toEqual(['early', 'second', 'late']);
  });

  it('groups by week, keyed by the week’s first day, for Monday and Sunday weeks', () => {
    expect([...bucketByWeek(posts, 'Europe/Copenhagen', 1)].map(([key, list]) => [key, list.length])).toEqual([
      ['2026-10-26', 3],
      ['2026-11-02', 1],
      ['2026-12-28', 1],
    ]);
    expect([...bucketByWeek(posts, 'Europe/Copenhagen', 7)].map(([key, list]) => [key, list.length])).toEqual([
      ['2026-10-25', 2],
      ['2026-11-01', 2],
      ['2026-12-27', 1],
    ]);
  });

  it('groups by month and year in the zone: New Year’s Eve 23:30 UTC is already 2027 in Copenhagen', () => {
    expect([...bucketByMonth(posts, 'Europe/Copenhagen').keys()]).toEqual(['2026-10', '2026-11', '2027-01']);
    expect([...bucketByYear(posts, 'Europe/Copenhagen').keys()]).toEqual(['2026', '2027']);
    expect([...bucketByYear(posts, 'UTC').keys()]).toEqual(['2026']);
  });
});

describe('which store months hold a range of days', () => {
  it('reaches into May for June 2026 in Copenhagen, where 1 June starts on 31 May UTC', () => {
    expect(storeMonthsFor('2026-06-01', '2026-07-05', 'Europe/Copenhagen')).toEqual(['2026-05', '2026-06', '2026-07']);
  });

  it('reaches into the next month west of UTC', () => {
    expect(storeMonthsFor('2026-11-01', '2026-11-30', 'America/New_York')).toEqual(['2026-11', '2026-12']);
    expect(storeMonthsFor('2026-11-01', '2026-11-30', 'UTC')).toEqual(['2026-11']);
  });
});

/*
 * The DST rule: a re-planned post keeps its wall-clock time and zone; where that time does not
 * exist or happens twice on the new day, Temporal's 'compatible' disambiguation decides — a gap
 * moves the time forward by the gap's length, an overlap takes the earlier instant.
 */
describe('re-planning across daylight-saving changes (Europe/Copenhagen)', () => {
  const zone = 'Europe/Copenhagen';

  it('keeps 09:00 when a post moves from winter time to summer time', () => {
    // 09:00 CET on Saturday 28 March is 08:00 UTC; 09:00 CEST on Monday 30 March is 07:00 UTC.
    expect(replanToDay({ at: '2026-03-28T08:00:00.000Z', zone }, '2026-03-30')).toEqual({ at: '2026-03-30T07:00:00.000Z', zone });
  });

  it('keeps 09:00 when a post moves from summer time to winter time', () => {
    expect(replanToDay({ at: '2026-10-24T07:00:00.000Z', zone }, '2026-10-26')).toEqual({ at: '2026-10-26T08:00:00.000Z', zone });
  });

  it('moves 02:30 forward to 03:30 on 29 March 2026, when 02:30 does not exist', () => {
    // 02:30 CET on 28 March is 01:30 UTC; on the 29th clocks jump from 02:00 to 03:00.
    expect(replanToDay({ at: '2026-03-28T01:30:00.000Z', zone }, '2026-03-29')).toEqual({ at: '2026-03-29T01:30:00.000Z', zone });
  });

  it('keeps 02:30 on the day after the spring gap', () => {
    expect(replanToDay({ at: '2026-03-28T01:30:00.000Z', zone }, '2026-03-30')).toEqual({ at: '2026-03-30T00:30:00.000Z', zone });
  });

  it('takes the first 02:30 (still summer time, +02:00) on 25 October 2026, when 02:30 happens twice', () => {
    expect(replanToDay({ at: '2026-10-24T00:30:00.000Z', zone }, '2026-10-25')).toEqual({ at: '2026-10-25T00:30:00.000Z', zone });
  });

  it('keeps 02:30 when a post moves across the autumn change to the next day', () => {
    // 02:30 CEST on 24 October (00:30 UTC) to 02:30 CET on 26 October (01:30 UTC).
    expect(replanByDays({ at: '2026-10-24T00:30:00.000Z', zone }, 2)).toEqual({ at: '2026-10-26T01:30:00.000Z', zone });
  });

  it('moves by days in the post’s own zone, whatever zone the calendar shows', () => {
    // 08:00 in New York on 31 October (12:00 UTC, EDT) to 7 November (13:00 UTC, EST): New York changes a week after Europe.
    expect(replanByDays({ at: '2026-10-31T12:00:00.000Z', zone: 'America/New_York' }, 7)).toEqual({
      at: '2026-11-07T13:00:00.000Z',
      zone: 'America/New_York',
    });
  });
});
