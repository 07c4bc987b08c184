import type { ServerLimits } from '../../../../common/domain';
import {
  MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL,
  MASTODON_DEFAULT_MAX_CHARACTERS,
  MASTODON_DEFAULT_MAX_MEDIA_ATTACHMENTS,
} from '../../../../common/networks/mastodon';
import { accountError } from '../account-error';
import { asRecord, stringField } from './types';

/**
 * What a Mastodon server is, before anything is requested or registered on it: the address the
 * user typed, reduced to an origin; the server information of GET /api/v2/instance, read into
 * limits (only Mastodon 4.0+ answers there with `configuration.statuses`); the domain handles use.
 * Pure: no requests, no keychain. The connector (mastodon.ts) does the talking.
 * https://docs.joinmastodon.org/methods/instance/#v2 (GET /api/v2/instance, Mastodon 4.0+)
 * https://docs.joinmastodon.org/entities/Instance/#statuses (the limits)
 */

/** A server address the user typed, checked and reduced to the origin Spheres talks to. */
export interface MastodonServer {
  /** `https://mastodon.social`; `http://127.0.0.1:<port>` for loopback test servers only. */
  origin: string;
  /** `mastodon.social`, with the port when it is not the scheme's default. */
  host: string;
}

const EXAMPLE = 'for example mastodon.social';

function invalidServer(problem: string, advice = `Enter just the server's address, ${EXAMPLE}.`): Error {
  return accountError('invalid_server_url', `${problem} ${advice}`);
}

/** Hostname labels after IDNA (URL turns "café.example" into "xn--caf-dma.example"). */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Reads what the user typed as a Mastodon server: "mastodon.social", "https://mastodon.social/",
 * "@alice@mastodon.social" (the server of a handle). Anything else is refused with a sentence that
 * says what is wrong; nothing is requested before this passes. Plain http is only for loopback
 * test servers, and only when `allowInsecureLoopback` is set.
 */
export function parseMastodonServer(typed: string, allowInsecureLoopback = false): MastodonServer {
  let rest = typed.trim();
  if (rest === '') throw invalidServer('The server address is empty.');
  if (/\s/.test(rest)) throw invalidServer('The server address contains spaces.');
  if (/^@[^@]*$/.test(rest)) {
    throw invalidServer(`"${rest.slice(0, 100)}" looks like a user name without its server.`, `Type the whole handle, like @alice@mastodon.social, or just the server, ${EXAMPLE}.`);
  }
  let scheme = 'https';
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (schemeMatch !== null) {
    scheme = schemeMatch[1]!.toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  } else {
    // A handle: "@alice@mastodon.social" or "alice@mastodon.social" names the server after the last @.
    const handle = /^@?[^@/:?#]+@([^@/?#]+)$/.exec(rest);
    if (handle !== null) rest = handle[1]!;
  }
  if (scheme !== 'https' && scheme !== 'http') {
    throw invalidServer(`Mastodon servers are reached over https://, not ${scheme}://.`);
  }
  const authorityEnd = rest.search(/[/?#\\]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const after = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  if (after !== '' && after !== '/') {
    throw invalidServer('The address has a path or query after the server name (like /@alice or /about); Spheres needs only the server.');
  }
  if (authority.includes('@')) {
    // Not echoed: the part before @ can be a password.
    throw invalidServer('The address contains a user name or password; you sign in on the server\'s own page instead.');
  }
  if (authority === '') throw invalidServer('The address has no server name.');
  if (authority.startsWith('[')) throw invalidServer('That is an IP address; a Mastodon server has a name.');
  if (!/^[\p{L}\p{N}\p{M}.-]+(:\d{1,5})?$/u.test(authority)) {
    throw invalidServer(`"${authority.slice(0, 100)}" contains characters a server name cannot have (a name has letters, digits, dots and dashes).`);
  }
  let url: URL;
  try {
    url = new URL(`${scheme}://${authority}`);
  } catch {
    throw invalidServer(`"${authority.slice(0, 100)}" is not a valid server name.`);
  }
  const hostname = url.hostname.replace(/\.$/, '');
  const host = `${hostname}${url.port === '' ? '' : `:${url.port}`}`;
  if (allowInsecureLoopback && (hostname === '127.0.0.1' || hostname === 'localhost')) return { origin: `${url.protocol}//${host}`, host };
  if (scheme === 'http') {
    throw invalidServer(`Spheres connects to Mastodon servers over https:// only, so http://${hostname} was not used.`);
  }
  if (/^[\d.]+$/.test(hostname)) throw invalidServer(`${hostname} is an IP address; a Mastodon server has a name.`);
  const labels = hostname.split('.');
  if (labels.length < 2) {
    throw invalidServer(`"${hostname.slice(0, 100)}" is not a server name on the internet: it needs a dot and a domain ending, like .social.`);
  }
  if (hostname.length > 253 || !labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels.at(-1)!)) {
    throw invalidServer(`"${hostname.slice(0, 100)}" is not a valid server name (each part between dots has letters, digits or dashes, with no dash at either end).`);
  }
  return { origin: `https://${host}`, host };
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function nonNegativeInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export interface InstanceFacts {
  limits: ServerLimits;
  /** The instance's own domain (LOCAL_DOMAIN), which handles use; may differ from the web host. */
  domain: string | undefined;
}

/** The limits of a Mastodon 4.0+ instance, or null when the answer is not a Mastodon instance. */
export function readInstance(body: unknown): InstanceFacts | null {
  const record = asRecord(body);
  const configuration = asRecord(record?.['configuration']);
  const statuses = asRecord(configuration?.['statuses']);
  if (statuses === null) return null;
  const media = asRecord(configuration?.['media_attachments']);
  const domain = stringField(record, 'domain');
  return {
    limits: {
      maxCharacters: positiveInt(statuses['max_characters']) ?? MASTODON_DEFAULT_MAX_CHARACTERS,
      charactersReservedPerUrl: nonNegativeInt(statuses['characters_reserved_per_url']) ?? MASTODON_DEFAULT_CHARACTERS_RESERVED_PER_URL,
      maxMediaAttachments: positiveInt(statuses['max_media_attachments']) ?? MASTODON_DEFAULT_MAX_MEDIA_ATTACHMENTS,
      imageSizeLimit: positiveInt(media?.['image_size_limit']) ?? null,
    },
    domain: domain !== undefined && /^[a-z0-9.-]{1,253}(:\d{1,5})?$/i.test(domain) ? domain.toLowerCase() : undefined,
  };
}

/** The sentence for a server whose answers are not Mastodon's (the version check: 4.0+ has /api/v2/instance). */
export function notMastodon(server: MastodonServer, why: string): Error {
  return accountError(
    'not_mastodon',
    `${server.host} does not look like a Mastodon server (${why}). Check the address: type the one your browser shows when you use Mastodon, ${EXAMPLE}. Spheres needs Mastodon 4.0 or later, or a server compatible with its API.`,
  );
}

/**
 * The domain for the handle. A server may use a shorter domain for handles than for its website
 * (handles @alice@example.com, website social.example.com); any other claim is ignored.
 */
export function handleDomain(server: MastodonServer, claimed: string | undefined): string {
  if (claimed === undefined || claimed === server.host) return server.host;
  const hostname = server.host.replace(/:\d+$/, '');
  return hostname.endsWith(`.${claimed}`) ? claimed : server.host;
}

