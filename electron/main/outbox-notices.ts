import type { Language, OutboxEntry, OutboxTarget } from '../../common/domain';
import { NETWORK_INFO, type NetworkId } from '../../common/networks';

/**
 * What the system notification says when the outbox has news for the person: a post went out
 * everywhere, a network refused it, or it missed its time. Main has no i18next, so the few
 * sentences live here in both languages. Plain functions: index.ts shows what they decide.
 */

/** A target's outcome the person hears about; the others (queued, sending, retrying) are the engine's business. */
const END_STATES: ReadonlySet<OutboxTarget['state']> = new Set(['published', 'failed_permanent']);

/** The engine's code for a scheduled post whose time passed while Spheres was closed (engine.markMissed). */
export const MISSED_ITS_TIME = 'missed_its_time';

export type OutboxNews =
  /** Every target ended; `published` names the networks it went out on (empty when none did). */
  | { kind: 'posted'; networks: NetworkId[]; refused: Refusal[] }
  /** One or more targets were refused while others are still on their way. */
  | { kind: 'refused'; refused: Refusal[] }
  | { kind: 'missed' }
  /** The network answered that the account's sign-in is gone (401): its targets wait until the person reconnects it. */
  | { kind: 'reconnect'; accounts: Array<{ network: NetworkId; handle: string }> }
  /** Its time came for targets the person posts by hand (assisted posting): Spheres waits for them. */
  | { kind: 'assisted'; networks: NetworkId[] };

export interface Refusal {
  network: NetworkId;
  reason: string;
}

/** A notification as the OS shows it. */
export interface NoticeText {
  title: string;
  body: string;
}

/** What the notifier remembers of a post: each target's state and what it waits for, by account. Small, whatever the post's size. */
export type TargetStates = ReadonlyMap<string, Pick<OutboxTarget, 'state' | 'waiting'>>;

const targetKey = (target: Pick<OutboxTarget, 'network' | 'accountId'>): string => `${target.network}\u0000${target.accountId}`;

export function targetStates(entry: OutboxEntry): TargetStates {
  return new Map(entry.targets.map((target) => [targetKey(target), { state: target.state, waiting: target.waiting }]));
}

/**
 * The news in `next` compared with what the person was already told (`previous`): a target is
 * news when it reached an end state it was not in before. With no previous (the first event
 * for this post since Spheres started), only an outcome reached after `since` is news, so a
 * restart does not announce again what was announced in the last run.
 */
export function outboxNews(previous: TargetStates | undefined, next: OutboxEntry | null, since: Date): OutboxNews | null {
  if (next === null || next.targets.length === 0) return null;
  const changedSince = (target: OutboxTarget, same: (before: Pick<OutboxTarget, 'state' | 'waiting'>) => boolean): boolean => {
    if (previous === undefined) return Date.parse(target.updatedAt) >= since.getTime();
    const before = previous.get(targetKey(target));
    return before === undefined || !same(before);
  };
  const fresh = next.targets.filter((target) => END_STATES.has(target.state) && changedSince(target, (before) => before.state === target.state));
  if (fresh.length === 0) {
    const signedOut = next.targets.filter(
      (target) => target.waiting === 'reconnect' && changedSince(target, (before) => before.waiting === 'reconnect'),
    );
    if (signedOut.length === 0) {
      const byHand = next.targets.filter((target) => target.waiting === 'assisted' && changedSince(target, (before) => before.waiting === 'assisted'));
      return byHand.length === 0 ? null : { kind: 'assisted', networks: unique(byHand.map((target) => target.network)) };
    }
    return { kind: 'reconnect', accounts: signedOut.map((target) => ({ network: target.network, handle: target.handle })) };
  }

  const refusedNow = fresh.filter((target) => target.state === 'failed_permanent');
  // A missed post is one outcome for the whole post, whatever the number of its targets.
  if (refusedNow.some((target) => target.error?.code === MISSED_ITS_TIME)) return { kind: 'missed' };
  const refused = refusedNow.map((target) => ({ network: target.network, reason: target.error?.message ?? '' }));

  if (next.targets.every((target) => END_STATES.has(target.state))) {
    const networks = unique(next.targets.filter((target) => target.state === 'published').map((target) => target.network));
    return { kind: 'posted', networks, refused };
  }
  return refused.length > 0 ? { kind: 'refused', refused } : null;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

const WORDS = {
  en: {
    posted: (networks: string) => `Posted to ${networks}`,
    refused: (network: string, reason: string) => (reason === '' ? `${network} refused the post` : `${network} refused the post: ${reason}`),
    missed: 'Needs attention: missed its time',
    reconnect: (account: string) => `Needs attention: reconnect ${account}`,
    reconnectBody: 'The network no longer accepts its sign-in. The post waits until you connect the account again in Accounts.',
    missedBody: 'Spheres was not running at the planned time. Open the Outbox to send it now or plan it again.',
    assisted: (networks: string) => `Time to post it yourself on ${networks}`,
    assistedBody: 'Open the Outbox: Spheres copies the text, gets the images ready and opens the page.',
    keepsRunning: 'Spheres keeps running to send scheduled posts',
    keepsRunningBody: 'Find it in the menu bar to open it again or quit.',
    keepsRunningBodyTray: 'Find it in the notification area to open it again or quit.',
  },
  da: {
    posted: (networks: string) => `Slået op på ${networks}`,
    refused: (network: string, reason: string) => (reason === '' ? `${network} afviste opslaget` : `${network} afviste opslaget: ${reason}`),
    missed: 'Kræver handling: tidspunktet blev overskredet',
    reconnect: (account: string) => `Kræver handling: forbind ${account} igen`,
    reconnectBody: 'Netværket godtager ikke længere kontoens login. Opslaget venter, til du forbinder kontoen igen under Konti.',
    missedBody: 'Spheres kørte ikke på det planlagte tidspunkt. Åbn Udbakken for at sende det nu eller planlægge det igen.',
    assisted: (networks: string) => `Tid til at slå det op selv på ${networks}`,
    assistedBody: 'Åbn Udbakken: Spheres kopierer teksten, gør billederne klar og åbner siden.',
    keepsRunning: 'Spheres kører videre for at sende planlagte opslag',
    keepsRunningBody: 'Find det i menulinjen for at åbne det igen eller afslutte.',
    keepsRunningBodyTray: 'Find det i meddelelsesområdet for at åbne det igen eller afslutte.',
  },
} as const satisfies Record<Language, Record<string, unknown>>;

/** "Bluesky and Mastodon", "Bluesky, Mastodon og X": the list as the language writes it. */
function listOf(names: readonly string[], language: Language): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
}

const networkName = (network: NetworkId): string => NETWORK_INFO[network].name;

/**
 * The notification for some news about a post. The title is the outcome; the body names the
 * post (its excerpt) so the person knows which one, or the other outcome when a post went out
 * on one network and was refused on another.
 */
export function noticeText(news: OutboxNews, entry: Pick<OutboxEntry, 'excerpt'>, language: Language): NoticeText {
  const words = WORDS[language];
  const excerpt = shorten(entry.excerpt);
  const refusals = (refused: readonly Refusal[]): string[] => refused.map((item) => words.refused(networkName(item.network), item.reason));
  switch (news.kind) {
    case 'missed':
      return { title: words.missed, body: excerpt === '' ? words.missedBody : `${excerpt}\n${words.missedBody}` };
    case 'reconnect': {
      const accounts = listOf(news.accounts.map((account) => `${networkName(account.network)} (${account.handle})`), language);
      return { title: words.reconnect(accounts), body: excerpt === '' ? words.reconnectBody : `${excerpt}\n${words.reconnectBody}` };
    }
    case 'assisted':
      return { title: words.assisted(listOf(news.networks.map(networkName), language)), body: excerpt === '' ? words.assistedBody : `${excerpt}\n${words.assistedBody}` };
    case 'refused': {
      const [first, ...rest] = refusals(news.refused);
      return { title: first ?? '', body: [...rest, excerpt].filter((line) => line !== '').join('\n') };
    }
    case 'posted': {
      if (news.networks.length === 0) {
        const [first, ...rest] = refusals(news.refused);
        return { title: first ?? '', body: [...rest, excerpt].filter((line) => line !== '').join('\n') };
      }
      const title = words.posted(listOf(news.networks.map(networkName), language));
      return { title, body: [...refusals(news.refused), excerpt].filter((line) => line !== '').join('\n') };
    }
  }
}

/** The once-only notice when the window first closes into the tray (menu bar on macOS). */
export function keepsRunningText(language: Language, platform: string): NoticeText {
  const words = WORDS[language];
  return { title: words.keepsRunning, body: platform === 'darwin' ? words.keepsRunningBody : words.keepsRunningBodyTray };
}

/** Notification bodies are cut by the OS anyway; a short excerpt keeps the outcome readable. */
function shorten(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}

export interface OutboxNotifierPorts {
  language(): Language;
  show(notice: NoticeText, postId: string): void;
  /** When this run of Spheres started: outcomes from before it were announced then (or not wanted). */
  since: Date;
}

/**
 * Listens to `outbox.changed` and shows each outcome once: it remembers, per post, the target
 * states the person has been told about, and forgets a post when it leaves the outbox.
 */
export function createOutboxNotifier(ports: OutboxNotifierPorts): { changed(change: { postId: string; entry: OutboxEntry | null }): void } {
  const told = new Map<string, TargetStates>();
  return {
    changed({ postId, entry }) {
      const news = outboxNews(told.get(postId), entry, ports.since);
      if (entry === null) {
        told.delete(postId);
        return;
      }
      told.set(postId, targetStates(entry));
      if (news !== null) ports.show(noticeText(news, entry, ports.language()), postId);
    },
  };
}
