import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPreview } from './render-preview';

const POST = 'Thanks @grace for the launch #spheres';

function card(name: string) {
  return within(screen.getByRole('article', { name: new RegExp(`^(${name} preview|Forhåndsvisning af ${name})$`) }));
}

describe('a typed @handle on networks where it tags nobody', () => {
  it.each(['linkedin', 'facebook'] as const)('is plain text on %s, with a hint that it tags nobody', (network) => {
    renderPreview(network, POST);
    const name = network === 'linkedin' ? 'LinkedIn' : 'Facebook';
    const preview = card(name);
    expect(preview.getByText(/Thanks @grace for the launch/)).not.toHaveAttribute('data-entity');
    expect(preview.queryByText('@grace')).not.toBeInTheDocument();
    expect(preview.getByText(`On ${name} a typed @name tags nobody: it is posted as plain text. To tag someone, add the tag on ${name} after the post is out.`)).toBeInTheDocument();
    // Hashtags still link there.
    expect(preview.getByText('#spheres')).toHaveAttribute('data-entity', 'hashtag');
  });

  it('says so in Danish', () => {
    renderPreview('linkedin', POST, { language: 'da' });
    expect(card('LinkedIn').getByText(/^På LinkedIn tagger et skrevet @navn ingen/)).toBeInTheDocument();
  });

  it('gives no hint where there is no @handle', () => {
    renderPreview('linkedin', 'Thanks for the launch');
    expect(card('LinkedIn').queryByText(/tags nobody/)).not.toBeInTheDocument();
  });

  it.each(['x', 'bluesky', 'mastodon', 'threads', 'instagram'] as const)('still draws the mention as a mention on %s, without the hint', (network) => {
    renderPreview(network, POST);
    expect(screen.getByText('@grace')).toHaveAttribute('data-entity', 'mention');
    expect(screen.queryByText(/tags nobody/)).not.toBeInTheDocument();
  });
});
