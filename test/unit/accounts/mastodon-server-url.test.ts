import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/api';
import { mastodonAppKey } from '../../../electron/core/accounts/connectors/mastodon';
import { handleDomain, parseMastodonServer, readInstance } from '../../../electron/core/accounts/connectors/mastodon-server';
import { isAccountId } from '../../../electron/core/vault';

function refusal(typed: string, allowInsecureLoopback = false): AppError {
  try {
    parseMastodonServer(typed, allowInsecureLoopback);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`"${typed}" was accepted`);
}

describe('reading the Mastodon server the user typed', () => {
  it.each([
    ['a bare server name', 'mastodon.social', 'https://mastodon.social', 'mastodon.social'],
    ['an https address with a trailing slash and spaces around', '  https://mastodon.social/  ', 'https://mastodon.social', 'mastodon.social'],
    ['capital letters', 'HTTPS://Mastodon.Social', 'https://mastodon.social', 'mastodon.social'],
    ['a handle with a leading @', '@alice@fosstodon.org', 'https://fosstodon.org', 'fosstodon.org'],
    ['a handle without the leading @', 'alice@hachyderm.io', 'https://hachyderm.io', 'hachyderm.io'],
    ['a fully qualified name with its final dot', 'mastodon.social.', 'https://mastodon.social', 'mastodon.social'],
    ['a server on another port', 'social.example.com:8443', 'https://social.example.com:8443', 'social.example.com:8443'],
    ['the https default port, which is dropped', 'https://mastodon.social:443/', 'https://mastodon.social', 'mastodon.social'],
    ['an internationalised name, as punycode', 'café.example', 'https://xn--caf-dma.example', 'xn--caf-dma.example'],
  ])('accepts %s', (_name, typed, origin, host) => {
    expect(parseMastodonServer(typed)).toStrictEqual({ origin, host });
  });

  it.each([
    ['an empty address', '   ', /is empty/],
    ['spaces inside', 'mastodon .social', /contains spaces/],
    ['a profile path', 'https://mastodon.social/@alice', /path or query/],
    ['a query', 'mastodon.social?lang=en', /path or query/],
    ['a fragment', 'mastodon.social#about', /path or query/],
    ['plain http', 'http://mastodon.social', /https:\/\/ only, so http:\/\/mastodon\.social was not used/],
    ['another scheme', 'ftp://mastodon.social', /over https:\/\/, not ftp:\/\//],
    ['illegal characters', 'mastodon_social!', /characters a server name cannot have/],
    ['an IPv4 address', '203.0.113.7', /203\.0\.113\.7 is an IP address/],
    ['an IPv6 address', '[2001:db8::1]', /IP address/],
    ['a name without a dot', 'mastodon', /needs a dot/],
    ['a label starting with a dash', '-bad.example', /"-bad.example" is not a valid server name \(each part/],
    ['a numeric ending', 'mastodon.123', /"mastodon.123" is not a valid server name/],
    ['a port out of range', 'mastodon.social:99999', /not a valid server name/],
    ['a user name alone', '@alice', /"@alice" looks like a user name without its server/],
    ['localhost outside tests', 'localhost', /needs a dot/],
    ['loopback http outside tests', 'http://127.0.0.1:4567', /https:\/\/ only/],
  ])('refuses %s with invalid_server_url and an example', (_name, typed, says) => {
    const error = refusal(typed);
    expect(error.code).toBe('invalid_server_url');
    expect(error.message).toMatch(says);
    expect(error.message).toContain('mastodon.social');
  });

  it('refuses credentials in the address without repeating them', () => {
    const error = refusal('https://alice:hunter2@mastodon.social');
    expect(error.code).toBe('invalid_server_url');
    expect(error.message).toMatch(/user name or password/);
    expect(error.message).not.toContain('hunter2');
  });

  it('takes plain http on loopback only when tests allow it', () => {
    expect(parseMastodonServer('http://127.0.0.1:4567/', true)).toStrictEqual({ origin: 'http://127.0.0.1:4567', host: '127.0.0.1:4567' });
    expect(parseMastodonServer('http://localhost:3000', true)).toStrictEqual({ origin: 'http://localhost:3000', host: 'localhost:3000' });
    expect(refusal('http://mastodon.social', true).message).toMatch(/https:\/\/ only/);
    expect(refusal('http://127.0.0.1:4567/@alice', true).message).toMatch(/path or query/);
  });
});

describe('the keychain key of a server\'s app registration', () => {
  it('is readable for an ordinary server', () => {
    expect(mastodonAppKey('mastodon.social')).toBe('mastodon:mastodon.social');
  });

  it('is hashed, and still a valid key with the registry\'s "app:" prefix, for a very long name', () => {
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.example`;
    const key = mastodonAppKey(host);
    expect(key).toMatch(/^mastodon:h[0-9a-f]{32}$/);
    expect(isAccountId(`app:${key}`)).toBe(true);
  });
});

describe('reading a Mastodon instance answer', () => {
  it('takes the server\'s limits from configuration', () => {
    const facts = readInstance({
      domain: 'mastodon.social',
      configuration: { statuses: { max_characters: 5000, characters_reserved_per_url: 30, max_media_attachments: 8 }, media_attachments: { image_size_limit: 16_777_216 } },
    });
    expect(facts).toStrictEqual({ domain: 'mastodon.social', limits: { maxCharacters: 5000, charactersReservedPerUrl: 30, maxMediaAttachments: 8, imageSizeLimit: 16_777_216 } });
  });

  it('falls back to Mastodon\'s defaults field by field, and to no image limit', () => {
    const facts = readInstance({ configuration: { statuses: { max_characters: '5000', max_media_attachments: 6 } } });
    expect(facts?.limits).toStrictEqual({ maxCharacters: 500, charactersReservedPerUrl: 23, maxMediaAttachments: 6, imageSizeLimit: null });
  });

  it.each([
    ['null', null],
    ['an array', [1, 2]],
    ['JSON without configuration', { name: 'Some API' }],
    ['configuration without statuses', { configuration: { urls: {} } }],
  ])('is not an instance when the answer is %s', (_name, body) => {
    expect(readInstance(body)).toBeNull();
  });
});

describe('the domain in a Mastodon handle', () => {
  const server = { origin: 'https://social.example.com', host: 'social.example.com' };

  it('uses a shorter domain the server hands out for its handles', () => {
    expect(handleDomain(server, 'example.com')).toBe('example.com');
  });

  it('ignores a domain that is not the server\'s own', () => {
    expect(handleDomain(server, 'mastodon.social')).toBe('social.example.com');
    expect(handleDomain(server, 'ample.com')).toBe('social.example.com');
  });

  it('uses the server\'s host when the instance names none', () => {
    expect(handleDomain(server, undefined)).toBe('social.example.com');
  });
});
