import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings, TargetMix } from '../../../common/domain';
import { CalendarScreen } from '../../../renderer/src/features/calendar/CalendarScreen';
import { TargetMixSection } from '../../../renderer/src/features/settings/TargetMixSection';
import { calendarApp, cell, inLanguage, renderCalendar, type PostSeed } from './calendar-app';

/** Wednesday 18 November 2026 is today; the last 14 days are 5–18 November. */
const FORTNIGHT: PostSeed[] = [
  { id: 'old-private', tone: 'private', networks: ['instagram'], at: '2026-11-03T08:00:00.000Z', status: 'queued' },
  ...['10', '12', '16', '17'].map((day): PostSeed => ({ id: `professional-${day}`, tone: 'professional', networks: ['linkedin'], at: `2026-11-${day}T08:00:00.000Z`, status: 'queued' })),
  { id: 'x-and-linkedin', tone: 'blend', networks: ['x', 'linkedin'], at: '2026-11-16T15:00:00.000Z', status: 'queued' },
  { id: 'market-draft', tone: 'blend', networks: ['instagram'], at: '2026-11-14T09:00:00.000Z', text: 'Saturday market, and a thought on craft.' },
  { id: 'summit-draft', tone: 'professional', networks: ['linkedin'], at: '2026-11-19T09:00:00.000Z' },
];

const panel = () => screen.getByRole('region', { name: 'Target mix' });

afterEach(() => vi.useRealTimers());

describe('the target mix and the drift nudge', () => {
  it('shows this week against the target, per tone, drafts not counted', async () => {
    await calendarApp(FORTNIGHT);
    renderCalendar();
    // US weeks: Sunday 15 to Saturday 21 November: professional on the 16th and 17th, blend on the 16th.
    await waitFor(() => expect(within(panel()).getByRole('row', { name: /^Professional/ })).toBeInTheDocument());
    expect(within(panel()).getByText('This week · Nov 15 – Nov 21')).toBeInTheDocument();
    const row = (tone: string) => within(panel()).getByRole('row', { name: new RegExp(`^${tone}`) }).textContent;
    expect(row('Private')).toBe('Private0 · 0%30%−30 points');
    expect(row('Blend')).toBe('Blend1 · 33%30%+3 points');
    expect(row('Professional')).toBe('Professional2 · 67%40%+27 points');
    expect(within(panel()).getByRole('img', { name: 'Target mix: Private 30%, Blend 30%, Professional 40%' })).toBeInTheDocument();
  });

  it('says when the last 14 days drifted, and names the draft that would rebalance them', async () => {
    await calendarApp(FORTNIGHT);
    renderCalendar();
    const nudge = await waitFor(() => {
      const found = document.querySelector('[data-nudge]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    // 4 professional and 1 blend from 5 to 18 November: 80% professional against 40%.
    expect(nudge).toHaveTextContent('The last 14 days were 80% professional (target 40%). The Instagram draft from Saturday would rebalance it.');
    await userEvent.click(within(nudge).getByRole('button', { name: 'Show that draft' }));
    expect(screen.getByRole('region', { name: 'Saturday, November 14' })).toBeInTheDocument();
    expect(document.querySelector('[data-panel-post="market-draft"]')).toHaveAttribute('aria-pressed', 'true');
  });

  it('measures per network too', async () => {
    await calendarApp(FORTNIGHT);
    renderCalendar();
    expect(await within(panel()).findByRole('img', { name: 'Mix of LinkedIn: 3 posts, 1 blend, 2 professional' })).toBeInTheDocument();
    expect(within(panel()).getByRole('img', { name: 'Mix of X: 1 post, 1 blend' })).toBeInTheDocument();
  });

  it('measures the month for a monthly target', async () => {
    await calendarApp(FORTNIGHT);
    renderCalendar({ target: { private: 20, blend: 30, professional: 50, period: 'month' } });
    expect(await within(panel()).findByText('This month · Nov 1 – Nov 30')).toBeInTheDocument();
    await waitFor(() => expect(within(panel()).getByRole('row', { name: /^Private/ }).textContent).toBe('Private1 · 17%20%−3 points'));
  });

  it('speaks Danish', async () => {
    await calendarApp(FORTNIGHT);
    renderCalendar({ language: 'da' });
    const nudge = await waitFor(() => {
      const found = document.querySelector('[data-nudge]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(nudge).toHaveTextContent('De sidste 14 dage var 80 % professionelle (målet er 40 %). Instagram-kladden fra lørdag ville rette op på det.');
  });
});

describe('the calendar screen', () => {
  it('follows the settings it is given', async () => {
    const { api } = await calendarApp(FORTNIGHT);
    const settings: Settings = { ...(await api.settings.get()), targetMix: { private: 10, blend: 10, professional: 80, period: 'month' } };
    inLanguage(<CalendarScreen settings={settings} />);
    expect(await screen.findByRole('img', { name: 'Target mix: Private 10%, Blend 10%, Professional 80%' })).toBeInTheDocument();
  });

  it('opens a post in the composer at #/compose/<id> unless told otherwise', async () => {
    const { api } = await calendarApp(FORTNIGHT);
    const settings = await api.settings.get();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-18T10:00:00.000Z'));
    inLanguage(<CalendarScreen settings={settings} />);
    await waitFor(() => expect(document.querySelector('[data-post-id="market-draft"]')).not.toBeNull());
    await userEvent.click(cell('2026-11-14'));
    await userEvent.click(screen.getByRole('button', { name: 'Open in composer' }));
    expect(window.location.hash).toBe('#/compose/market-draft');
  });
});

describe('the target mix setting', () => {
  const START: TargetMix = { private: 30, blend: 30, professional: 40, period: 'week' };

  it('starts at 30 / 30 / 40 per week and refuses a mix that does not add up to 100', async () => {
    const { api } = await calendarApp([]);
    expect((await api.settings.get()).targetMix).toEqual(START);
    await expect(api.settings.update({ targetMix: { private: 50, blend: 50, professional: 50, period: 'week' } })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.settings.update({ targetMix: { ...START, period: 'month' } })).resolves.toMatchObject({ targetMix: { ...START, period: 'month' } });
  });

  it('keeps the three at 100 as one slider moves, and saves the whole mix once the slider rests', async () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    inLanguage(<TargetMixSection targetMix={START} onChange={onChange} />);
    fireEvent.change(screen.getByRole('slider', { name: 'Private' }), { target: { value: '40' } });
    fireEvent.change(screen.getByRole('slider', { name: 'Private' }), { target: { value: '50' } });
    expect(screen.getByRole('slider', { name: 'Private' })).toHaveValue('50');
    expect(screen.getByRole('slider', { name: 'Blend' })).toHaveValue('21');
    expect(screen.getByRole('slider', { name: 'Professional' })).toHaveValue('29');
    expect(screen.getByRole('slider', { name: 'Blend' })).toHaveAttribute('aria-valuetext', '21%');
    expect(onChange).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(300));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ targetMix: { private: 50, blend: 21, professional: 29, period: 'week' } });
  });

  it('saves the period at once, with the whole mix', async () => {
    const onChange = vi.fn();
    inLanguage(<TargetMixSection targetMix={START} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Measured' }), 'month');
    expect(onChange).toHaveBeenCalledWith({ targetMix: { ...START, period: 'month' } });
  });

  it('restores the default and follows a change made elsewhere', async () => {
    const onChange = vi.fn();
    const view = inLanguage(<TargetMixSection targetMix={{ private: 60, blend: 20, professional: 20, period: 'month' }} onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Restore 30 / 30 / 40' }));
    expect(onChange).toHaveBeenCalledWith({ targetMix: { private: 30, blend: 30, professional: 40, period: 'month' } });
    view.rerender(<TargetMixSection targetMix={{ private: 10, blend: 10, professional: 80, period: 'week' }} onChange={onChange} />);
    expect(screen.getByRole('slider', { name: 'Professional' })).toHaveValue('80');
  });
});
