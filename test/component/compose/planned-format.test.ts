import { describe, expect, it } from 'vitest';
import { formatDate, formatTime, parseDate, parseTime } from '../../../renderer/src/features/compose/planned-format';

describe('dates and times as the app language writes them', () => {
  it('reads a Danish date day first, with any separator', () => {
    expect(parseDate('3.11.2099', 'da')).toEqual({ ok: true, value: expect.objectContaining({ year: 2099, month: 11, day: 3 }) });
    expect(parseDate('03-11-2099', 'da')).toEqual({ ok: true, value: expect.objectContaining({ year: 2099, month: 11, day: 3 }) });
  });

  it('reads an English date month first', () => {
    expect(parseDate('11/3/2099', 'en')).toEqual({ ok: true, value: expect.objectContaining({ year: 2099, month: 11, day: 3 }) });
  });

  it('refuses dates that do not exist, are incomplete or have a short year', () => {
    expect(parseDate('30.2.2099', 'da')).toEqual({ ok: false, problem: 'date_invalid' });
    expect(parseDate('3.11', 'da')).toEqual({ ok: false, problem: 'date_invalid' });
    expect(parseDate('3.11.99', 'da')).toEqual({ ok: false, problem: 'year_short' });
    expect(parseDate('  ', 'da')).toEqual({ ok: false, problem: 'date_missing' });
  });

  it('reads times with a point or colon, on the hour, and AM/PM only where the language writes it', () => {
    const at = (text: string, language: string) => {
      const parsed = parseTime(text, language);
      return parsed.ok ? parsed.value.toString({ smallestUnit: 'minute' }) : parsed.problem;
    };
    expect([at('9.30', 'da'), at('21:05', 'da'), at('0930', 'da'), at('21', 'da')]).toEqual(['09:30', '21:05', '09:30', '21:00']);
    expect([at('9:30 pm', 'en'), at('12 am', 'en'), at('12:15 PM', 'en'), at('21:00', 'en')]).toEqual(['21:30', '00:00', '12:15', '21:00']);
    expect([at('9:30 pm', 'da'), at('24.00', 'da'), at('9.75', 'da'), at('13 pm', 'en'), at('half past', 'en')]).toEqual(Array(5).fill('time_invalid'));
  });

  it('writes them back the same way', async () => {
    const { Temporal } = await import('temporal-polyfill');
    expect(formatDate(Temporal.PlainDate.from('2099-11-03'), 'da')).toBe('03.11.2099');
    expect(formatTime(Temporal.PlainTime.from('09:30'), 'da')).toBe('09.30');
    expect(formatDate(Temporal.PlainDate.from('2099-11-03'), 'en')).toBe('11/03/2099');
    expect(formatTime(Temporal.PlainTime.from('21:30'), 'en')).toBe('09:30 PM');
  });
});
