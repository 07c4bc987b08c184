import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App';
import { outboxEntry, outboxTarget, spheresError, withFakeOutbox } from '../../support/fakes/outbox-fake';
import { inProcessApp } from '../../support/in-process-app';

const STOPPED = outboxEntry('results-teaser', {
  excerpt: 'Spring is here.',
  status: 'failed',
  targets: [outboxTarget({ state: 'failed_permanent', untouched: false, attempts: 1, error: { kind: 'permanent', code: 'guardrail_blocked', message: 'This post meets the quiet period Q1 quiet period, not confirmed for it.' } })],
});
const REASONS = { postId: 'results-teaser', periods: [{ id: 'q1', name: 'Q1 quiet period', start: '2026-03-10', end: '2026-04-05', zone: 'Europe/Copenhagen' }], words: [] };

async function mount(locale = 'en-US') {
  const app = await inProcessApp({ locale });
  const fake = withFakeOutbox(app.api, [STOPPED]);
  // As the core answers: Retry without the confirmation is refused, naming the period.
  fake.outbox.retry.mockImplementation(async (input: { id: string; confirmed?: unknown }) => {
    if (input.confirmed === undefined) throw spheresError('guardrail_confirmation_needed', 'Confirm this post first.', REASONS);
    return outboxEntry(input.id, { status: 'publishing' });
  });
  Object.defineProperty(window, 'spheres', { value: fake.spheres, configurable: true });
  window.location.hash = '#/outbox';
  render(<App />);
  await screen.findByRole('list', { name: /^(Posts in the outbox|Opslag i udbakken)$/ });
  return fake;
}

describe('a post the guardrails stopped at send time', () => {
  it('says why in the Outbox, and Retry asks before sending it with the confirmation', async () => {
    const fake = await mount();
    const item = within(screen.getByRole('listitem', { name: 'Spring is here.' }));
    expect(item.getByRole('list', { name: 'Accounts' })).toHaveTextContent(/(This post meets the quiet period Q1 quiet period|It meets a guardrail)/);
    await userEvent.click(item.getByRole('button', { name: 'Retry' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Post despite a guardrail?' });
    expect(dialog).toHaveTextContent('Planned in the quiet period Q1 quiet period');
    expect(within(dialog).getByRole('button', { name: 'Go back' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(fake.outbox.retry).toHaveBeenLastCalledWith({ id: 'results-teaser', confirmed: { periods: ['q1'], words: [] } }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('asks in Danish', async () => {
    await mount('da-DK');
    const item = within(screen.getByRole('listitem', { name: 'Spring is here.' }));
    expect(item.getByRole('list', { name: 'Konti' })).toHaveTextContent('Det rammer en sikkerhedsregel');
    await userEvent.click(item.getByRole('button', { name: 'Prøv igen' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Post trods en sikkerhedsregel?' });
    expect(within(dialog).getByRole('button', { name: 'Send alligevel' })).toBeInTheDocument();
  });
});
