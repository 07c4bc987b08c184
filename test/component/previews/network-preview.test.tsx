import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ADA, renderPreview } from './render-preview';

const POST = 'Launch day with @grace at https://example.com/launch/notes/2026 #spheres';

function card(name: string) {
  return within(screen.getByRole('article', { name: `${name} preview` }));
}

describe('a preview card looks like its network', () => {
  it('shows an X post with @handle, the time and blue link, mention and hashtag', () => {
    renderPreview('x', POST);
    const x = card('X');
    expect(x.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(x.getByText('@ada')).toBeInTheDocument();
    expect(x.getByText('now')).toBeInTheDocument();
    expect(x.getByRole('link', { name: 'https://example.com/launch/notes/2026' })).toHaveClass('text-[#177abe]');
    expect(x.getByText('@grace')).toHaveClass('text-[#177abe]');
    expect(x.getByText('#spheres')).toHaveClass('text-[#177abe]');
  });

  it('shows a Bluesky post with the bsky.social handle and the link as Bluesky shortens it', () => {
    renderPreview('bluesky', POST);
    const bluesky = card('Bluesky');
    expect(bluesky.getByText('@ada.bsky.social')).toBeInTheDocument();
    const link = bluesky.getByRole('link', { name: 'example.com/launch/notes...' });
    expect(link).toHaveAttribute('href', 'https://example.com/launch/notes/2026');
    expect(link).toHaveClass('text-[#0970eb]');
    expect(bluesky.getByText('#spheres')).toHaveClass('text-[#0970eb]');
  });

  it('keeps a custom Bluesky domain as the whole handle', () => {
    renderPreview('bluesky', 'Hi', { author: { name: 'Ada', handle: 'ada.example.org' } });
    expect(card('Bluesky').getByText('@ada.example.org')).toBeInTheDocument();
  });

  it('shows a Mastodon post with @handle@server and links, mentions and hashtags in its purple accent', () => {
    renderPreview('mastodon', POST);
    const mastodon = card('Mastodon');
    expect(mastodon.getByText('@ada@hachyderm.io')).toBeInTheDocument();
    expect(mastodon.getByRole('link', { name: 'https://example.com/launch/notes/2026' })).toHaveClass('text-[#563acc]');
    expect(mastodon.getByText('#spheres')).toHaveClass('text-[#563acc]');
    expect(mastodon.getByText('@grace')).toHaveClass('text-[#563acc]');
  });

  it('shows a Threads post under the bare handle and makes only the first hashtag a topic', () => {
    renderPreview('threads', 'Two tags #first and #second');
    const threads = card('Threads');
    expect(threads.getByText('ada')).toBeInTheDocument();
    expect(threads.queryByText('Ada Lovelace')).not.toBeInTheDocument();
    expect(threads.getByText('#first')).toHaveAttribute('data-entity', 'hashtag');
    expect(threads.queryByText('#second')).not.toBeInTheDocument();
    expect(threads.getByText(/and #second/)).not.toHaveAttribute('data-entity');
  });

  it('shows a LinkedIn post with the name, the headline and LinkedIn-blue link and hashtag', () => {
    renderPreview('linkedin', POST);
    const linkedin = card('LinkedIn');
    expect(linkedin.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(linkedin.getByText('Analyst at the Engine Works')).toBeInTheDocument();
    expect(linkedin.getByRole('link', { name: 'https://example.com/launch/notes/2026' })).toHaveClass('text-[#0a66c2]');
    expect(linkedin.getByText('#spheres')).toHaveClass('text-[#0a66c2]', 'font-semibold');
    expect(linkedin.getByRole('list', { name: 'Actions' })).toHaveTextContent('LikeCommentRepostSend');
  });

  it('shows a placeholder headline on LinkedIn when the author has none', () => {
    renderPreview('linkedin', 'Hello', { author: { name: 'Ada Lovelace', handle: 'ada' } });
    expect(card('LinkedIn').getByText('Your LinkedIn headline')).toHaveClass('italic');
  });

  it('shows an Instagram caption after the square media with the handle, dark-blue tags and no clickable link', () => {
    renderPreview('instagram', POST);
    const instagram = card('Instagram');
    expect(instagram.getAllByText('ada')).toHaveLength(2);
    expect(instagram.getByText('Instagram needs an image or video')).toBeInTheDocument();
    expect(instagram.getByText('#spheres')).toHaveClass('text-[#00376b]');
    expect(instagram.getByText('@grace')).toHaveClass('text-[#00376b]');
    expect(instagram.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows a Facebook post with "Just now", a public globe and a blue link', () => {
    renderPreview('facebook', POST);
    const facebook = card('Facebook');
    expect(facebook.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(facebook.getByText('Just now')).toBeInTheDocument();
    expect(facebook.getByText('Public')).toHaveClass('sr-only');
    expect(facebook.getByRole('link', { name: 'https://example.com/launch/notes/2026' })).toHaveClass('text-[#0064d1]');
    expect(facebook.getByText('#spheres')).toHaveClass('text-[#0064d1]');
    expect(facebook.getByRole('list', { name: 'Actions' })).toHaveTextContent('LikeCommentShare');
  });

  it('sets a short text-only Facebook post in the larger type and a long one in the normal type', () => {
    const { unmount } = renderPreview('facebook', 'Short and sweet.');
    expect(document.querySelector('[data-post-text]')).toHaveClass('text-2xl');
    unmount();
    renderPreview('facebook', 'A longer post that goes on past the eighty-five characters Facebook shows in large type.');
    expect(document.querySelector('[data-post-text]')).not.toHaveClass('text-2xl');
  });

  it('draws initials when the author has no picture, and the picture when there is one', () => {
    const { unmount } = renderPreview('x', 'Hi');
    expect(card('X').getByText('AL')).toHaveAttribute('aria-hidden', 'true');
    unmount();
    renderPreview('x', 'Hi', { author: { ...ADA, avatarUrl: 'data:image/png;base64,AA' } });
    expect(document.querySelector('img[src="data:image/png;base64,AA"]')).toHaveAttribute('alt', '');
  });

  it('names every action of the bar in the network order', () => {
    renderPreview('threads', 'Hi');
    const actions = card('Threads').getByRole('list', { name: 'Actions' });
    expect(within(actions).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Like', 'Comment', 'Repost', 'Send']);
  });

  it('speaks Danish when the app does', () => {
    renderPreview('facebook', 'Hej', { language: 'da' });
    expect(screen.getByRole('article', { name: 'Forhåndsvisning af Facebook' })).toHaveTextContent('Lige nu');
  });
});
