import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import { App } from '../../../renderer/src/app/App';
import { inProcessApp } from '../../support/in-process-app';

async function mount(locale = 'en-US', options: { dataDir?: string } = {}) {
  const app = await inProcessApp({ locale, ...options });
  Object.defineProperty(window, 'spheres', { value: app.api satisfies SpheresApi, configurable: true });
  const view = render(<App />);
  await screen.findByRole('group', { name: /^(Tone|Tone)/ });
  return { app, view };
}

function planned() {
  return within(screen.getByRole('group', { name: /^(Planned for|Planlagt til)$/ }));
}

async function saveAndRead(app: Awaited<ReturnType<typeof mount>>['app'], expected: (post: Awaited<ReturnType<SpheresApi['posts']['lastDraft']>>) => void) {
  await userEvent.keyboard('{Control>}s{/Control}');
  await waitFor(async () => expected(await app.api.posts.lastDraft()));
}

/** Picks a zone the way a keyboard user does: type part of its name, Down to the first match, Enter. */
async function chooseZone(search: string) {
  const box = planned().getByRole('combobox');
  await userEvent.click(box);
  await userEvent.keyboard(search);
  await userEvent.keyboard('{ArrowDown}{ArrowUp}{Enter}');
}

beforeEach(() => window.localStorage.clear());

describe('the planned time', () => {
  it('takes a date and time as English writes them, in the zone picked, and keeps the zone', async () => {
    const { app } = await mount();
    await userEvent.type(screen.getByRole('textbox', { name: 'Base text' }), 'Planned');
    await chooseZone('copenhagen');
    await userEvent.type(planned().getByRole('textbox', { name: 'Date' }), '11/03/2099');
    await userEvent.type(planned().getByRole('textbox', { name: 'Time' }), '9:30 pm');
    await saveAndRead(app, (post) => expect(post?.planned).toEqual({ at: '2099-11-03T20:30:00Z', zone: 'Europe/Copenhagen' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows an incomplete date as an error, never as "not planned", and will not send it', async () => {
    const { app } = await mount();
    await userEvent.type(screen.getByRole('textbox', { name: 'Base text' }), 'Planned');
    await userEvent.type(planned().getByRole('textbox', { name: 'Time' }), '09:30');
    await userEvent.type(planned().getByRole('textbox', { name: 'Date' }), '11/03');
    await userEvent.tab();
    expect(planned().getByRole('alert')).toHaveTextContent('“11/03” is not a date. Write it like 11/03/2026.');
    expect(planned().getByRole('textbox', { name: 'Date' })).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('radio', { name: 'Blend' }));
    await userEvent.click(screen.getByRole('checkbox', { name: /^X/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Post now' }));
    expect(screen.getByText('Correct the planned time, or choose “Not planned”.')).toBeInTheDocument();
    await saveAndRead(app, (post) => expect(post).toMatchObject({ text: 'Planned', planned: null, status: 'draft' }));
  });

  it('asks for the time when only a date is given, and for the year in full', async () => {
    await mount();
    await userEvent.type(planned().getByRole('textbox', { name: 'Date' }), '11/03/99');
    await userEvent.tab();
    const alerts = planned().getAllByRole('alert').map((alert) => alert.textContent);
    expect(alerts).toEqual(['Write the year in full, like 11/03/2026.', 'Enter a time too, like 09:30 AM.']);
  });

  it('flags a time that has passed', async () => {
    await mount();
    await userEvent.type(planned().getByRole('textbox', { name: 'Date' }), '01/02/2020');
    await userEvent.type(planned().getByRole('textbox', { name: 'Time' }), '10:00');
    expect(planned().getByText('This time has passed: choose a new time.')).toBeInTheDocument();
  });

  it('never carries a bad value into the next draft', async () => {
    await mount();
    await userEvent.type(screen.getByRole('textbox', { name: 'Base text' }), 'First draft');
    await userEvent.type(planned().getByRole('textbox', { name: 'Date' }), '31/31/2099');
    await userEvent.tab();
    expect(planned().getAllByRole('alert')[0]).toHaveTextContent('“31/31/2099” is not a date. Write it like 11/03/2026.');
    await userEvent.click(screen.getByRole('button', { name: 'Move to trash' }));
    await screen.findByText('The draft is in the trash for 30 days.');
    expect(planned().getByRole('textbox', { name: 'Date' })).toHaveValue('');
    expect(planned().queryByRole('alert')).not.toBeInTheDocument();
  });

  it('writes dates and times the Danish way in Danish, and reads them back that way', async () => {
    const { app, view } = await mount('da-DK');
    const date = planned().getByRole('textbox', { name: 'Dato' });
    expect(date).toHaveAttribute('placeholder', '03.11.2026');
    expect(planned().getByRole('textbox', { name: 'Klokkeslæt' })).toHaveAttribute('placeholder', '09.30');
    await userEvent.type(screen.getByRole('textbox', { name: 'Grundtekst' }), 'Planlagt');
    await chooseZone('copenhagen');
    await userEvent.type(date, '3.11.2099');
    await userEvent.type(planned().getByRole('textbox', { name: 'Klokkeslæt' }), '9.30');
    await saveAndRead(app, (post) => expect(post?.planned).toEqual({ at: '2099-11-03T08:30:00Z', zone: 'Europe/Copenhagen' }));
    view.unmount();
    await mount('da-DK', { dataDir: app.dataDir });
    await waitFor(() => expect(planned().getByRole('textbox', { name: 'Dato' })).toHaveValue('03.11.2099'));
    expect(planned().getByRole('textbox', { name: 'Klokkeslæt' })).toHaveValue('09.30');
    expect(planned().getByRole('combobox', { name: 'Tidszone' })).toHaveValue('Centraleuropæisk tid — Copenhagen (UTC+01:00)');
  });

  it('shows its errors and the passed time in Danish', async () => {
    await mount('da-DK');
    await userEvent.type(planned().getByRole('textbox', { name: 'Dato' }), '3.11');
    await userEvent.tab();
    expect(planned().getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
      '“3.11” er ikke en dato. Skriv den som 03.11.2026.',
      'Skriv også et klokkeslæt, fx 09.30.',
    ]);
    await userEvent.clear(planned().getByRole('textbox', { name: 'Dato' }));
    await userEvent.type(planned().getByRole('textbox', { name: 'Dato' }), '1.2.2020');
    await userEvent.type(planned().getByRole('textbox', { name: 'Klokkeslæt' }), '10.00');
    expect(planned().getByText('Tidspunktet er passeret: vælg et nyt tidspunkt.')).toBeInTheDocument();
  });
});

describe('the time-zone picker', () => {
  it('is a combobox that filters as you type and moves through matches with the arrow keys', async () => {
    await mount();
    const box = planned().getByRole('combobox', { name: 'Time zone' });
    expect(box).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(box);
    await userEvent.keyboard('new york');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    const options = screen.getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([expect.stringMatching(/^Eastern Time — New York \(UTC-0[45]:00\)$/)]);
    await userEvent.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[0]!.id);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).not.toHaveValue('new york');
  });

  it('finds a zone by its Danish name and keeps the wall-clock time when the zone changes', async () => {
    const { app } = await mount('da-DK');
    await userEvent.type(screen.getByRole('textbox', { name: 'Grundtekst' }), 'Zone');
    await chooseZone('copenhagen');
    await userEvent.type(planned().getByRole('textbox', { name: 'Dato' }), '1.7.2099');
    await userEvent.type(planned().getByRole('textbox', { name: 'Klokkeslæt' }), '12.00');
    await chooseZone('eastern-tid new york');
    await saveAndRead(app, (post) => expect(post?.planned).toEqual({ at: '2099-07-01T16:00:00Z', zone: 'America/New_York' }));
    expect(planned().getByRole('combobox', { name: 'Tidszone' })).toHaveValue('Eastern-tid — New York (UTC-04:00)');
  });
});
