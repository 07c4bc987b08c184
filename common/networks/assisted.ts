import { BLUESKY_COMPOSE_URL, BLUESKY_POST_HOSTS } from './bluesky';
import { FACEBOOK_COMPOSE_URL, FACEBOOK_POST_HOSTS } from './facebook';
import { INSTAGRAM_COMPOSE_URL, INSTAGRAM_POST_HOSTS } from './instagram';
import { LINKEDIN_COMPOSE_URL, LINKEDIN_POST_HOSTS } from './linkedin';
import { THREADS_COMPOSE_URL, THREADS_POST_HOSTS } from './threads';
import type { NetworkId } from './types';
import { X_COMPOSE_URL, X_POST_HOSTS } from './x';

interface ComposePage {
  /** The network's own page where a person writes a post. */
  url: string;
  /** Whether the page takes the text as `?text=` (a web intent). */
  takesText: boolean;
  /** The hosts (and their subdomains) a post's link is on. */
  postHosts: readonly string[];
}

/**
 * The networks a person can post to by hand through Spheres (assisted posting), with their compose
 * pages. Mastodon is not here: each server has its own address, and its API posts for every account.
 */
export const COMPOSE_PAGES: Readonly<Partial<Record<NetworkId, ComposePage>>> = Object.freeze({
  facebook: { url: FACEBOOK_COMPOSE_URL, takesText: false, postHosts: FACEBOOK_POST_HOSTS },
  instagram: { url: INSTAGRAM_COMPOSE_URL, takesText: false, postHosts: INSTAGRAM_POST_HOSTS },
  linkedin: { url: LINKEDIN_COMPOSE_URL, takesText: false, postHosts: LINKEDIN_POST_HOSTS },
  threads: { url: THREADS_COMPOSE_URL, takesText: true, postHosts: THREADS_POST_HOSTS },
  x: { url: X_COMPOSE_URL, takesText: true, postHosts: X_POST_HOSTS },
  bluesky: { url: BLUESKY_COMPOSE_URL, takesText: true, postHosts: BLUESKY_POST_HOSTS },
});

/** Whether a person can choose "Post it myself" for this network. */
export function canPostByHand(network: NetworkId): boolean {
  return COMPOSE_PAGES[network] !== undefined;
}

/** An absolute address in parts (common/ has no URL class: it runs where no DOM or Node is). */
interface Address {
  scheme: string;
  userinfo: string;
  host: string;
  port: string;
  path: string;
}

const ADDRESS = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?([^:/?#]*)(?::(\d*))?([^?#]*)(?:\?[^#]*)?(?:#.*)?$/i;

function parseAddress(address: string): Address | null {
  if (/\s/.test(address)) return null;
  const match = ADDRESS.exec(address);
  if (match === null || match[3] === '') return null;
  return { scheme: match[1]!.toLowerCase(), userinfo: match[2] ?? '', host: match[3]!.toLowerCase(), port: match[4] ?? '', path: match[5] === '' ? '/' : match[5]! };
}

/** Intents take the text in the address; past this it stays on the clipboard only (browsers and servers cut long addresses). */
const MAX_TEXT_IN_ADDRESS = 2_000;

/** The compose page to open for this text; null for a network with none. */
export function composeUrl(network: NetworkId, text: string): string | null {
  const page = COMPOSE_PAGES[network];
  if (page === undefined) return null;
  if (!page.takesText || text === '' || text.length > MAX_TEXT_IN_ADDRESS) return page.url;
  return `${page.url}?text=${encodeURIComponent(text)}`;
}

/** Whether an address is one Spheres may open as a network's compose page (the host's allowlist). */
export function isComposeUrl(address: string): boolean {
  const url = parseAddress(address);
  if (url === null || url.scheme !== 'https' || url.userinfo !== '' || url.port !== '') return false;
  return Object.values(COMPOSE_PAGES).some((page) => {
    const base = parseAddress(page.url)!;
    // The page itself, with its own query (the share box) or the text: nothing else on that host.
    return url.host === base.host && url.path === base.path;
  });
}

export type PostLinkCheck = { ok: true; url: string } | { ok: false; code: 'not_a_link' | 'not_https' | 'wrong_network'; message: string };

/** The link a person pasted for a post they made by hand: an https address on that network's own domain. */
export function checkPostLink(network: NetworkId, name: string, pasted: string): PostLinkCheck {
  const page = COMPOSE_PAGES[network];
  const trimmed = pasted.trim();
  const url = parseAddress(trimmed);
  if (url === null) {
    return { ok: false, code: 'not_a_link', message: `That is not a link. Copy the address of your ${name} post from the browser and paste it here.` };
  }
  if (url.scheme !== 'https') {
    return { ok: false, code: 'not_https', message: `A ${name} post's link starts with https://. Copy it from the browser's address bar.` };
  }
  const host = url.host;
  const onNetwork = page?.postHosts.some((domain) => host === domain || host.endsWith(`.${domain}`)) ?? false;
  if (!onNetwork || url.userinfo !== '') {
    return { ok: false, code: 'wrong_network', message: `That link is on ${host}, not ${name}. Paste the link of your ${name} post.` };
  }
  return { ok: true, url: trimmed };
}
