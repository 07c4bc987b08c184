import { describe, expect, it } from 'vitest';
import { canPostByHand, checkPostLink, composeUrl, isComposeUrl } from '../../../common/networks';

describe("the networks' compose pages and post links for posting by hand", () => {
  it('opens Facebook at its home page and X, Threads and Bluesky with the text filled in', () => {
    expect(composeUrl('facebook', 'Hello & good day')).toBe('https://www.facebook.com/');
    expect(composeUrl('x', 'Hello & good day')).toBe('https://x.com/intent/post?text=Hello%20%26%20good%20day');
    expect(composeUrl('threads', 'Hi')).toBe('https://www.threads.net/intent/post?text=Hi');
    expect(composeUrl('bluesky', 'Hi')).toBe('https://bsky.app/intent/compose?text=Hi');
    expect(composeUrl('x', 'a'.repeat(2_001))).toBe('https://x.com/intent/post');
    expect(composeUrl('mastodon', 'Hi')).toBeNull();
    expect(canPostByHand('mastodon')).toBe(false);
  });

  it('allows only the compose pages themselves to be opened', () => {
    expect(isComposeUrl('https://www.facebook.com/')).toBe(true);
    expect(isComposeUrl('https://www.linkedin.com/feed/?shareActive=true')).toBe(true);
    expect(isComposeUrl('https://x.com/intent/post?text=Hi')).toBe(true);
    expect(isComposeUrl('https://www.facebook.com/settings')).toBe(false);
    expect(isComposeUrl('http://www.facebook.com/')).toBe(false);
    expect(isComposeUrl('https://user@www.facebook.com/')).toBe(false);
    expect(isComposeUrl('https://www.facebook.com.evil.example/')).toBe(false);
    expect(isComposeUrl('file:///etc/passwd')).toBe(false);
  });

  it("accepts a post's link on the network's own domain and says why another is refused", () => {
    expect(checkPostLink('facebook', 'Facebook', ' https://www.facebook.com/alice/posts/1 ')).toEqual({ ok: true, url: 'https://www.facebook.com/alice/posts/1' });
    expect(checkPostLink('linkedin', 'LinkedIn', 'https://www.linkedin.com/feed/update/urn:li:activity:7/')).toMatchObject({ ok: true });
    expect(checkPostLink('instagram', 'Instagram', 'https://www.instagram.com/p/Cabc/')).toMatchObject({ ok: true });
    expect(checkPostLink('facebook', 'Facebook', 'facebook.com/alice')).toMatchObject({ ok: false, code: 'not_a_link' });
    expect(checkPostLink('facebook', 'Facebook', 'javascript:alert(1)')).toMatchObject({ ok: false, code: 'not_a_link' });
    expect(checkPostLink('facebook', 'Facebook', 'ftp://facebook.com/x')).toMatchObject({ ok: false, code: 'not_https' });
    expect(checkPostLink('facebook', 'Facebook', 'https://notfacebook.com/x')).toMatchObject({ ok: false, code: 'wrong_network' });
    expect(checkPostLink('facebook', 'Facebook', 'https://www.facebook.com@evil.example/x')).toMatchObject({ ok: false, code: 'wrong_network' });
  });
});
