import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { image, renderPreview, words } from './render-preview';

const THREE_POSTS = 'Hello @alice check https://example.com/some/very/long/path/here #launch '.repeat(12).trim();

describe('text past the limit', () => {
  it('highlights the characters past LinkedIn\'s 3,000 in red and says so to screen readers', () => {
    const text = words(500);
    const { analysis } = renderPreview('linkedin', text);
    const overflow = analysis.overflow!;
    expect(overflow.start).toBe(3000);
    const marks = document.querySelectorAll('mark[data-overflow]');
    expect(marks).toHaveLength(1);
    expect(marks[0]).toHaveClass('bg-red-200', 'dark:bg-red-900/60');
    expect(marks[0]!.textContent).toBe(`Over the limit: ${text.slice(overflow.start)}`);
    expect(within(marks[0] as HTMLElement).getByText('Over the limit:')).toHaveClass('sr-only');
  });

  it('counts a LinkedIn text past the limit in red with the finding as an error', () => {
    const text = words(500);
    const { analysis } = renderPreview('linkedin', text);
    const count = document.querySelector('[data-count]')!;
    expect(count).toHaveTextContent(`Over the limit: ${analysis.length.toLocaleString('en')}/3,000 characters`);
    expect(count).toHaveClass('text-red-700');
    const findings = screen.getByRole('list', { name: 'Notes for LinkedIn' });
    const error = within(findings).getByText(/over LinkedIn's limit/).closest('li');
    expect(error).toHaveAttribute('data-severity', 'error');
    expect(error).toHaveClass('text-red-700');
    expect(error).toHaveTextContent(/^Error:/);
  });

  it('marks nothing and counts in grey when the text fits', () => {
    renderPreview('linkedin', 'Fits easily.');
    expect(document.querySelector('mark')).not.toBeInTheDocument();
    expect(document.querySelector('[data-count]')).toHaveTextContent('12/3,000');
    expect(document.querySelector('[data-count]')).not.toHaveClass('text-red-700');
  });
});

describe('a text longer than one post on a network that threads', () => {
  it('shows a long X text as a thread of 3 posts, each with its own counter', () => {
    const { analysis } = renderPreview('x', THREE_POSTS);
    expect(analysis.parts).toHaveLength(3);
    const thread = screen.getByRole('list', { name: 'Thread of 3 posts' });
    const posts = within(thread).getAllByRole('listitem', { name: /^Post \d of 3$/ });
    expect(posts).toHaveLength(3);
    posts.forEach((post, i) => {
      const part = analysis.parts[i]!;
      expect(post.querySelector('[data-part-count]')).toHaveTextContent(`${part.length}/280`);
      expect(post.querySelector('[data-post-text]')!.textContent).toBe(part.text);
    });
    expect(thread.querySelectorAll('[data-thread-line]')).toHaveLength(2);
    expect(document.querySelector('[data-count]')).toHaveTextContent('Thread of 3 posts');
    expect(document.querySelector('mark')).not.toBeInTheDocument();
  });

  it('puts the images on the first post of the thread only', () => {
    renderPreview('x', THREE_POSTS, { images: [image('a', 'A cat')] });
    const posts = within(screen.getByRole('list', { name: 'Thread of 3 posts' })).getAllByRole('listitem', { name: /^Post/ });
    expect(within(posts[0]!).getByRole('img', { name: 'A cat' })).toBeInTheDocument();
    expect(within(posts[1]!).queryByRole('img')).not.toBeInTheDocument();
  });

  it('adds the numbering X will publish to each post of a numbered thread', () => {
    renderPreview('x', THREE_POSTS, { analyzeOptions: { thread: { numbering: true } } });
    const texts = Array.from(document.querySelectorAll('[data-post-text]')).map((element) => element.textContent);
    expect(texts[0]).toMatch(/ 1\/3$/);
    expect(texts[2]).toMatch(/ 3\/3$/);
  });

  it('shows Bluesky bytes next to the count', () => {
    renderPreview('bluesky', 'Hej på dig');
    expect(document.querySelector('[data-count]')).toHaveTextContent('10/300');
    expect(document.querySelector('[data-bytes]')).toHaveTextContent('11/3,000 bytes');
  });

  it('lists a warning in amber', () => {
    renderPreview('instagram', 'Tags #a1 #b2 #c3 #d4 #e5 #f6', { images: [image('a')] });
    expect(document.querySelector('[data-severity="warning"]')).toHaveClass('text-amber-700');
  });

  it('lists a thread as a hint in grey', () => {
    renderPreview('x', THREE_POSTS);
    const hint = document.querySelector('[data-severity="hint"]');
    expect(hint).toHaveClass('text-zinc-600');
    expect(hint).toHaveTextContent('Hint: X allows 280 weighted characters per post, so this text will be published as a thread of 3 posts. To choose where a post ends, put --- on a line of its own there.');
  });
});

describe('a thread that cannot be made', () => {
  it('shows one Mastodon post with an error, not a thread, when the content warning alone is longer than a post', () => {
    renderPreview('mastodon', 'short', { analyzeOptions: { contentWarning: 'w'.repeat(520) } });
    expect(screen.queryByRole('list', { name: /^Thread of/ })).not.toBeInTheDocument();
    const findings = screen.getByRole('list', { name: 'Notes for Mastodon' });
    const error = within(findings).getByText(/The content warning alone is 520 characters/).closest('li');
    expect(error).toHaveAttribute('data-severity', 'error');
  });

  it('says in Danish that the content warning leaves too little room per post', () => {
    renderPreview('mastodon', '0123456789', { analyzeOptions: { contentWarning: 'w'.repeat(499) }, language: 'da' });
    expect(screen.queryByRole('list', { name: /^Tråd/ })).not.toBeInTheDocument();
    expect(screen.getByText(/^Fejl:/).closest('li')).toHaveTextContent(/efterlader kun 1 tegn tekst i hvert opslag på Mastodon/);
  });
});
