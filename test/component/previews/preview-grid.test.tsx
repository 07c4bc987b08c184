import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { analyze, type NetworkAnalysis, type NetworkId } from '../../../common/networks';
import { PreviewGrid, type PreviewMode } from '../../../renderer/src/ui/previews';
import { ADA, renderInLanguage } from './render-preview';

const TEXT = 'One text, every network. #spheres';
const ALL: readonly NetworkId[] = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram', 'facebook'];

function analysesOf(networks: readonly NetworkId[]): Partial<Record<NetworkId, NetworkAnalysis>> {
  return Object.fromEntries(networks.map((network) => [network, analyze(TEXT, network)]));
}

/** The grid with its mode and focus held as the composer holds them. */
function Composer({ networks, initialMode = 'grid', initialFocus = null }: Readonly<{ networks: readonly NetworkId[]; initialMode?: PreviewMode; initialFocus?: NetworkId | null }>) {
  const [mode, setMode] = useState<PreviewMode>(initialMode);
  const [focused, setFocused] = useState<NetworkId | null>(initialFocus);
  const [texts] = useState(() => Object.fromEntries(networks.map((network) => [network, TEXT])));
  const [analyses] = useState(() => analysesOf(networks));
  return (
    <PreviewGrid
      networks={networks}
      texts={texts}
      analyses={analyses}
      images={[]}
      tone="private"
      author={ADA}
      mode={mode}
      focused={focused}
      onModeChange={setMode}
      onFocusChange={setFocused}
    />
  );
}

describe('the preview grid', () => {
  it('asks for a network when none is picked', () => {
    renderInLanguage(<Composer networks={[]} />);
    expect(screen.getByText('Pick a network to see how the post will look')).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it('shows every picked network side by side in grid mode', () => {
    renderInLanguage(<Composer networks={ALL} />);
    expect(screen.getAllByRole('article').map((article) => article.getAttribute('data-network'))).toEqual(ALL);
    expect(screen.getByRole('button', { name: 'All side by side' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });

  it('switches to one large card with a tab per network', async () => {
    renderInLanguage(<Composer networks={['x', 'linkedin', 'facebook']} />);
    await userEvent.click(screen.getByRole('button', { name: 'One at a time' }));
    const tabs = within(screen.getByRole('tablist', { name: 'Networks' })).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['X', 'LinkedIn', 'Facebook']);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    const panel = screen.getByRole('tabpanel', { name: 'X' });
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(within(panel).getByRole('article', { name: 'X preview' })).toBeInTheDocument();
    expect(tabs[0]).toHaveAttribute('aria-controls', panel.id);
  });

  it('opens one network from its card', async () => {
    renderInLanguage(<Composer networks={ALL} />);
    await userEvent.click(screen.getByRole('button', { name: 'Show only LinkedIn' }));
    expect(screen.getByRole('tab', { name: 'LinkedIn' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toContainElement(screen.getByRole('article', { name: 'LinkedIn preview' }));
  });

  it('moves between tabs with the arrow keys, wrapping, and Home and End', async () => {
    renderInLanguage(<Composer networks={['x', 'bluesky', 'mastodon']} initialMode="focus" initialFocus="bluesky" />);
    const tab = (name: string) => screen.getByRole('tab', { name });
    await userEvent.click(tab('Bluesky'));
    await userEvent.keyboard('{ArrowRight}');
    expect(tab('Mastodon')).toHaveFocus();
    expect(tab('Mastodon')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('article', { name: 'Mastodon preview' })).toBeInTheDocument();
    await userEvent.keyboard('{ArrowRight}');
    expect(tab('X')).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(tab('Mastodon')).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Home}');
    expect(tab('X')).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{End}');
    expect(tab('Mastodon')).toHaveFocus();
  });

  it('keeps only the selected tab in the tab order', () => {
    renderInLanguage(<Composer networks={['x', 'bluesky']} initialMode="focus" initialFocus="bluesky" />);
    expect(screen.getByRole('tab', { name: 'Bluesky' })).toHaveAttribute('tabindex', '0');
    expect(screen.getByRole('tab', { name: 'X' })).toHaveAttribute('tabindex', '-1');
  });

  it('marks a tab whose post has errors in words, not only in red', () => {
    renderInLanguage(<Composer networks={['x', 'instagram']} initialMode="focus" />);
    expect(screen.getByRole('tab', { name: 'Instagram, Error' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'X' })).toBeInTheDocument();
  });

  it('tells the composer the mode and network the user picks', async () => {
    const onModeChange = vi.fn();
    const onFocusChange = vi.fn();
    renderInLanguage(
      <PreviewGrid
        networks={['x', 'bluesky']}
        texts={{ x: TEXT, bluesky: TEXT }}
        analyses={analysesOf(['x', 'bluesky'])}
        images={[]}
        tone={null}
        author={ADA}
        mode="grid"
        focused={null}
        onModeChange={onModeChange}
        onFocusChange={onFocusChange}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Show only Bluesky' }));
    expect(onFocusChange).toHaveBeenCalledWith('bluesky');
    expect(onModeChange).toHaveBeenCalledWith('focus');
  });

  it('says a network is still being counted while its analysis is on its way', () => {
    renderInLanguage(
      <PreviewGrid
        networks={['mastodon']}
        texts={{ mastodon: TEXT }}
        analyses={{}}
        images={[]}
        tone={null}
        author={ADA}
        mode="grid"
        focused={null}
        onModeChange={() => undefined}
        onFocusChange={() => undefined}
      />,
    );
    const card = screen.getByRole('article', { name: 'Mastodon preview' });
    expect(within(card).getByRole('status')).toHaveTextContent('Counting a long text…');
  });

  it('speaks Danish when the app does', () => {
    renderInLanguage(<Composer networks={[]} />, 'da');
    expect(screen.getByText('Vælg et netværk for at se, hvordan opslaget kommer til at se ud')).toBeInTheDocument();
  });
});
