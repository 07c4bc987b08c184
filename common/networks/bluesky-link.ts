/**
 * The text Bluesky's official app shows for a link, and publishes as the post's text (the link
 * facet points to the full address). Mirrors `toShortUrl` of the app:
 * https://github.com/bluesky-social/social-app/blob/main/src/lib/strings/url-helpers.ts
 *
 *   host + path, where path = (pathname === '/' ? '' : pathname) + search + hash,
 *   and a path longer than 15 characters becomes its first 13 and '...'.
 *
 * The app reads host and path from WHATWG `new URL()`, which common/ cannot use (no DOM, no Node),
 * so the parts of URL serialisation that show in the result are done here: lower-case host,
 * international domain names in punycode, default ports dropped, non-ASCII characters in path,
 * query and fragment percent-encoded. Dot segments (`/a/../b`) are left as written.
 */
export function blueskyLinkDisplayText(url: string): string {
  const parsed = parseHttpUrl(url);
  if (parsed === undefined) return url;
  const path = (parsed.pathname === '/' ? '' : parsed.pathname) + parsed.search + parsed.hash;
  return path.length > BLUESKY_LINK_PATH_MAX ? parsed.host + path.slice(0, BLUESKY_LINK_PATH_KEPT) + '...' : parsed.host + path;
}

/** Paths longer than this are shortened (social-app url-helpers.ts, toShortUrl). */
export const BLUESKY_LINK_PATH_MAX = 15;
/** Characters of the path kept before '...' (social-app url-helpers.ts, toShortUrl). */
export const BLUESKY_LINK_PATH_KEPT = 13;

interface ParsedUrl {
  readonly host: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

function parseHttpUrl(url: string): ParsedUrl | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  if (scheme === null) return undefined;
  const protocol = scheme[1]!.toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return undefined;

  const rest = url.slice(scheme[0].length).replace(/\\/g, '/');
  const authorityEnd = firstIndexOf(rest, ['/', '?', '#']);
  const authority = rest.slice(0, authorityEnd);
  const afterAuthority = rest.slice(authorityEnd);

  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  let hostname = hostAndPort;
  let port = '';
  const colon = hostAndPort.lastIndexOf(':');
  if (colon >= 0 && !hostAndPort.endsWith(']')) {
    hostname = hostAndPort.slice(0, colon);
    port = hostAndPort.slice(colon + 1).replace(/^0+(?=\d)/, '');
  }
  if (port === DEFAULT_PORTS[protocol]) port = '';
  const host = toAsciiHost(hostname) + (port === '' ? '' : `:${port}`);

  const hashAt = afterAuthority.indexOf('#');
  const beforeHash = hashAt < 0 ? afterAuthority : afterAuthority.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : afterAuthority.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const rawPath = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? '' : beforeHash.slice(queryAt + 1);

  return {
    host,
    pathname: rawPath === '' ? '/' : percentEncode(rawPath, PATH_SET),
    search: query === '' ? '' : `?${percentEncode(query, QUERY_SET)}`,
    hash: fragment === '' ? '' : `#${percentEncode(fragment, FRAGMENT_SET)}`,
  };
}

function firstIndexOf(text: string, needles: readonly string[]): number {
  let first = text.length;
  for (const needle of needles) {
    const at = text.indexOf(needle);
    if (at >= 0 && at < first) first = at;
  }
  return first;
}

// WHATWG URL percent-encode sets, ASCII part (everything above U+007E is always encoded).
const PATH_SET = new Set([' ', '"', '#', '<', '>', '?', '`', '{', '}']);
const QUERY_SET = new Set([' ', '"', '#', '<', '>', "'"]);
const FRAGMENT_SET = new Set([' ', '"', '<', '>', '`']);

function percentEncode(text: string, set: ReadonlySet<string>): string {
  // Printable ASCII outside every encode set needs no work.
  if (/^[!$%&(-;=@-_a-z|~]*$/.test(text)) return text;
  let out = '';
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp > 0x20 && cp < 0x7f && !set.has(char)) out += char;
    else out += utf8PercentEncode(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
  }
  return out;
}

function utf8PercentEncode(cp: number): string {
  const bytes: number[] =
    cp < 0x80
      ? [cp]
      : cp < 0x800
        ? [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)]
        : cp < 0x10000
          ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
          : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Lower case and IDNA ToASCII (the UTS #46 mapping approximated by lower case and NFC). */
function toAsciiHost(hostname: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(hostname)) return hostname.toLowerCase();
  return hostname
    .replace(/[\u3002\uff0e\uff61]/g, '.')
    .split('.')
    .map((label) => {
      const lower = label.normalize('NFC').toLowerCase();
      // eslint-disable-next-line no-control-regex
      return /^[\x00-\x7f]*$/.test(lower) ? lower : `xn--${punycodeEncode(lower)}`;
    })
    .join('.');
}

// RFC 3492 Punycode parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digit(d: number): string {
  return String.fromCharCode(d < 26 ? 97 + d : 22 + d);
}

/** RFC 3492 section 6.3. */
export function punycodeEncode(input: string): string {
  const codePoints = Array.from(input, (c) => c.codePointAt(0)!);
  let output = codePoints.filter((cp) => cp < 0x80).map((cp) => String.fromCharCode(cp)).join('');
  const basicCount = output.length;
  let handled = basicCount;
  if (basicCount > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    let m = Number.MAX_SAFE_INTEGER;
    for (const cp of codePoints) if (cp >= n && cp < m) m = cp;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of codePoints) {
      if (cp < n) delta++;
      if (cp === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          output += digit(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digit(q);
        bias = adapt(delta, handled + 1, handled === basicCount);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}
