import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../common/domain';
import { analyze } from '../../../common/networks';
import { estimateXCost, X_PRICE_PER_POST_MILLS, X_PRICE_PER_POST_WITH_LINK_MILLS } from '../../../common/networks/x-cost';
import { XCostNote } from '../../../renderer/src/features/compose/XCostNote';
import { createI18n } from '../../../renderer/src/i18n';
import { App } from '../../../renderer/src/app/App';
import { testAccount, withFakeOutbox } from '../../support/fakes/outbox-fake';
import { inProcessApp } from '../../support/in-process-app';

/** A thread of two posts on X, the second with a link (the --- starts a new post). */
const THREAD = 'The first post of the thread has no link.\n---\nThe second one links to https://example.com/spheres';

function showCost(language: Language, text: string, accounts = 1) {
  const analysis = analyze(text, 'x', { thread: { numbering: false } });
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <XCostNote analysis={analysis} accounts={accounts} />
    </I18nextProvider>,
  );
}

describe('the cost of a post on X in the composer', () => {
  it('counts a thread\'s posts and those with a link at X\'s prices', () => {
    expect(X_PRICE_PER_POST_MILLS).toBe(15);
    expect(X_PRICE_PER_POST_WITH_LINK_MILLS).toBe(200);
    expect(estimateXCost(analyze(THREAD, 'x', { thread: { numbering: false } }), 1)).toStrictEqual({ posts: 2, withLink: 1, usd: 0.215 });
    expect(estimateXCost(analyze(THREAD, 'x', { thread: { numbering: false } }), 2)).toStrictEqual({ posts: 4, withLink: 2, usd: 0.43 });
  });

  it('says the estimate in English: posts, links and the sum', () => {
    showCost('en', THREAD);
    expect(screen.getByText(/^About/)).toHaveTextContent(/^About \$0\.215 on X \(2 posts, 1 with a link\)$/);
  });

  it('leaves out the links when there are none, and says one post in the singular', () => {
    showCost('en', 'Just words.');
    expect(screen.getByText(/^About/)).toHaveTextContent(/^About \$0\.015 on X \(1 post\)$/);
  });

  it('says it in Danish, with a Danish amount', () => {
    showCost('da', THREAD);
    expect(screen.getByText(/^Cirka/)).toHaveTextContent(/^Cirka 0,215 US\$ på X \(2 opslag, 1 med et link\)$/);
  });

  it('shows nothing when no X account is a target', () => {
    const { container } = showCost('en', THREAD, 0);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('the composer\'s X cost', () => {
  it('appears once an X account is picked, counting the link in the text', async () => {
    window.localStorage.clear();
    window.location.hash = '';
    const app = await inProcessApp({ locale: 'en-US', accounts: [testAccount('x', '@alice_x')] });
    Object.defineProperty(window, 'spheres', { value: withFakeOutbox(app.api).spheres, configurable: true });
    render(<App />);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('radio', { name: 'Blend' }));
    await u.type(screen.getByRole('textbox', { name: 'Base text' }), 'Shipping day, see https://example.com');
    expect(screen.queryByText(/on X \(/)).not.toBeInTheDocument();
    await u.click(within(screen.getByRole('group', { name: 'Post to' })).getByRole('checkbox', { name: '@alice_x on X' }));
    expect(screen.getByText(/on X \(/)).toHaveTextContent(/^About \$0\.20 on X \(1 post, 1 with a link\)$/);
  });
});
