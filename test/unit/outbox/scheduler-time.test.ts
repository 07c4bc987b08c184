import { describe, expect, it } from 'vitest';
import { plannedTimeFor, wallTimeOf } from '../../../electron/core/outbox';

describe('the instant of a planned wall-clock time', () => {
  it.each([
    // The day before and the day after each change: 09:00 stays 09:00 local, the offset moves.
    ['Europe/Copenhagen', '2026-03-28', '2026-03-28T08:00:00.000Z'],
    ['Europe/Copenhagen', '2026-03-30', '2026-03-30T07:00:00.000Z'],
    ['Europe/Copenhagen', '2026-10-24', '2026-10-24T07:00:00.000Z'],
    ['Europe/Copenhagen', '2026-10-26', '2026-10-26T08:00:00.000Z'],
    ['America/New_York', '2026-03-07', '2026-03-07T14:00:00.000Z'],
    ['America/New_York', '2026-03-09', '2026-03-09T13:00:00.000Z'],
    ['America/New_York', '2026-10-31', '2026-10-31T13:00:00.000Z'],
    ['America/New_York', '2026-11-02', '2026-11-02T14:00:00.000Z'],
  ])('puts 09:00 %s on %s at %s', (zone, date, instant) => {
    const result = plannedTimeFor({ date, time: '09:00' }, zone);
    expect(result).toEqual({ ok: true, planned: { at: instant, zone }, adjustment: null });
    if (result.ok) expect(wallTimeOf(result.planned)).toEqual({ date, time: '09:00' });
  });

  it.each([
    ['Europe/Copenhagen', '2026-03-29', '2026-03-29T01:30:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T07:30:00.000Z'],
  ])('moves 02:30 on the night %s springs forward (%s) to 03:30 and says so', (zone, date, instant) => {
    expect(plannedTimeFor({ date, time: '02:30' }, zone)).toEqual({
      ok: true,
      planned: { at: instant, zone },
      adjustment: { kind: 'skipped', asked: '02:30', goesAt: '03:30' },
    });
  });

  it.each([
    ['Europe/Copenhagen', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
  ])('takes the first of a time %s shows twice when it falls back (%s %s) and says so', (zone, date, time, instant) => {
    expect(plannedTimeFor({ date, time }, zone)).toEqual({
      ok: true,
      planned: { at: instant, zone },
      adjustment: { kind: 'repeated', asked: time, goesAt: 'earlier' },
    });
  });

  it('refuses a zone it does not know, a date that does not exist and a time that is not one, each with its reason', () => {
    expect(plannedTimeFor({ date: '2026-03-30', time: '09:00' }, 'Europe/Atlantis')).toMatchObject({ ok: false, code: 'unknown_zone' });
    expect(plannedTimeFor({ date: '2026-02-30', time: '09:00' }, 'Europe/Copenhagen')).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(plannedTimeFor({ date: '30.03.2026', time: '09:00' }, 'Europe/Copenhagen')).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(plannedTimeFor({ date: '2026-03-30', time: '24:00' }, 'Europe/Copenhagen')).toMatchObject({ ok: false, code: 'invalid_time' });
    expect(plannedTimeFor({ date: '2026-03-30', time: '9' }, 'Europe/Copenhagen')).toMatchObject({ ok: false, code: 'invalid_time' });
  });

  it('stores the zone under its canonical name', () => {
    const result = plannedTimeFor({ date: '2026-06-01', time: '12:00' }, 'europe/copenhagen');
    expect(result).toMatchObject({ ok: true, planned: { zone: 'Europe/Copenhagen', at: '2026-06-01T10:00:00.000Z' } });
  });
});
