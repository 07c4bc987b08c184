import {
  APP_NETWORKS,
  AccountNetworkSchema,
  AccountSchema,
  MAX_AVATAR_BYTES,
  type Account,
  type AccountNetwork,
  type AppCheck,
  type AppCredentialsStatus,
  type AppNetwork,
  type ConnectInput,
} from '../../../common/domain';
import type { AppError } from '../../../common/api';
import { NETWORK_INFO } from '../../../common/networks';
import type { EventBus } from '../events';
import type { RouterLog } from '../router';
import type { CredentialVault, Credentials } from '../vault';
import { identifyImage } from '../media/image-kind';
import { accountError, meansReconnect } from './account-error';
import { checkApp } from './app-check';
import type { AppCredentials, AppRegistry, Connector, ConnectorContext, ConnectStep, Endpoints } from './connectors/types';
import { createAuthorize } from './oauth/flow';
import type { FetchLike } from './oauth/http';

/** The part of electron-store / conf the service needs: one key holding the account list. */
export interface AccountsStore {
  get(key: 'accounts'): unknown;
  set(key: 'accounts', value: Account[]): void;
}

/** An account list as a store holds it, every entry readable. */
export function storedAccountsValid(raw: unknown): boolean {
  return Array.isArray(raw) && raw.every((entry) => AccountSchema.safeParse(entry).success);
}

/** What can be kept of an account list that is not: its readable entries. */
export function readableAccounts(raw: unknown): Account[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = AccountSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export interface AccountsServiceOptions {
  store: AccountsStore;
  vault: CredentialVault;
  events: EventBus;
  connectors: Readonly<Partial<Record<AccountNetwork, Connector<never>>>>;
  fetch: FetchLike;
  /** The system browser (shell.openExternal in the app). */
  openBrowser(url: string): Promise<void>;
  now(): Date;
  log?: RouterLog;
  /** Loopback fakes in tests; the networks' real addresses otherwise. */
  endpoints?: Readonly<Partial<Record<AccountNetwork, Endpoints>>>;
  allowInsecureServers?: boolean;
  /** How long the browser step may take; five minutes by default. */
  authTimeoutMs?: number;
  /** Client ids this build carries (X's public client); the person's own app overrides them. */
  builtInApps?: Readonly<Partial<Record<AppNetwork, AppCredentials>>>;
}

const APP_KEY = (app: string): string => `app:${app}`;
const NEEDS_SECRET: Readonly<Record<AppNetwork, boolean>> = { x: false, linkedin: true, threads: true, instagram: true };

/**
 * Connected accounts: metadata in the accounts store, secrets in the vault, never one without the
 * other. Connects run one at a time; refreshes happen before expiry; a refused refresh marks the
 * account "reconnect needed" instead of failing silently.
 */
export class AccountsService {
  readonly #options: AccountsServiceOptions;
  #connecting: { network: AccountNetwork; controller: AbortController } | null = null;
  readonly #refreshing = new Map<string, Promise<Account>>();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: AccountsServiceOptions) {
    this.#options = options;
  }

  /** Entries that no longer validate (hand-edited, from a newer app) are left out and logged. */
  list(): Account[] {
    const raw = this.#options.store.get('accounts');
    if (!Array.isArray(raw)) return [];
    const accounts: Account[] = [];
    for (const entry of raw) {
      const parsed = AccountSchema.safeParse(entry);
      if (parsed.success) accounts.push(parsed.data);
      else this.#options.log?.error('account metadata entry ignored', { issues: parsed.error.issues.length });
    }
    return accounts;
  }

  /**
   * After the account list was damaged beyond repair: an account whose keychain item is still there
   * but whose details were lost comes back as "connect again" rather than vanishing (its sign-in
   * would otherwise sit in the keychain unseen). Its handle is unknown, so it shows its id; a
   * reconnect fills the rest in. Returns the ids it brought back; a locked keychain brings none.
   */
  async flagAccountsWithoutDetails(): Promise<string[]> {
    let ids: string[];
    try {
      ids = await this.#options.vault.list();
    } catch {
      return [];
    }
    const accounts = this.list();
    const known = new Set(accounts.map((account) => account.id));
    const flagged: Account[] = [];
    for (const id of ids) {
      if (known.has(id) || id.startsWith(APP_KEY(''))) continue;
      const network = AccountNetworkSchema.safeParse(id.split(':')[0]);
      if (!network.success) continue;
      flagged.push(
        AccountSchema.parse({
          id,
          network: network.data,
          handle: id,
          displayName: '',
          avatarUrl: null,
          serverUrl: null,
          tokenExpiresAt: null,
          refreshable: false,
          scopes: [],
          status: 'reconnect_needed',
          statusReason: 'Its details were lost in a damaged file; its sign-in is still in the keychain. Connect the account again.',
          connectedAt: this.#options.now().toISOString(),
          lastRefreshedAt: null,
          limits: null,
          facts: {},
        }),
      );
    }
    if (flagged.length > 0) this.#write([...accounts, ...flagged]);
    return flagged.map((account) => account.id);
  }

  get(id: string): Account {
    const account = this.list().find((candidate) => candidate.id === id);
    if (account === undefined) throw accountError('not_found', 'That account is not connected to Spheres (it may have been disconnected already).');
    return account;
  }

  #write(accounts: Account[]): void {
    this.#options.store.set('accounts', accounts);
    this.#options.events.emit('accounts.changed', accounts);
  }

  /** Replaces the account in place (a refresh keeps its position), or adds it at the end. */
  #upsert(account: Account): void {
    const accounts = this.list();
    const at = accounts.findIndex((candidate) => candidate.id === account.id);
    if (at === -1) accounts.push(account);
    else accounts[at] = account;
    this.#write(accounts);
  }

  #context(network: AccountNetwork, signal: AbortSignal): ConnectorContext {
    const options = this.#options;
    const progress = (step: ConnectStep, authorizeUrl?: string): void =>
      options.events.emit('accounts.connectProgress', { network, step, authorizeUrl: authorizeUrl ?? null });
    return {
      fetch: options.fetch,
      authorize: createAuthorize({
        openBrowser: async (url) => {
          progress('waiting_for_browser', url);
          await options.openBrowser(url);
        },
        timeoutMs: options.authTimeoutMs ?? 5 * 60_000,
        signal,
      }),
      now: options.now,
      signal,
      endpoints: options.endpoints?.[network] ?? {},
      allowInsecureServers: options.allowInsecureServers ?? false,
      progress,
      apps: this.#appRegistry(),
    };
  }

  #appRegistry(): AppRegistry {
    const vault = this.#options.vault;
    return {
      get: async (key) => {
        const stored = await vault.get(APP_KEY(key));
        if (stored?.clientId === undefined) return null;
        const port = Number(stored.extra?.['redirectPort']);
        return { clientId: stored.clientId, clientSecret: stored.clientSecret, redirectPort: Number.isInteger(port) && port > 0 ? port : undefined };
      },
      set: async (key, app) => {
        await vault.set(APP_KEY(key), {
          clientId: app.clientId,
          ...(app.clientSecret === undefined ? {} : { clientSecret: app.clientSecret }),
          ...(app.redirectPort === undefined ? {} : { extra: { redirectPort: String(app.redirectPort) } }),
        });
      },
    };
  }

  #connector(network: AccountNetwork): Connector<never> {
    const connector = this.#options.connectors[network];
    if (connector === undefined) throw accountError('invalid_input', `Spheres cannot connect ${NETWORK_INFO[network].name} accounts yet.`);
    return connector;
  }

  /** The person's own app, or else the one this build carries. */
  async #appFor(connector: Connector<never>): Promise<AppCredentials | null> {
    if (connector.app === null) return null;
    return (await this.#appRegistry().get(connector.app)) ?? this.#options.builtInApps?.[connector.app] ?? null;
  }

  /**
   * Connects (or reconnects) one account. The keychain is checked first, so a locked keychain
   * fails before the browser opens; the secret is saved before the metadata, and the metadata
   * is only written once the secret is safe: no half-connected account either way.
   */
  async connect(input: ConnectInput): Promise<Account> {
    if (this.#connecting !== null) {
      throw accountError('connect_in_progress', `Spheres is still connecting ${NETWORK_INFO[this.#connecting.network].name}. Finish or cancel that first.`);
    }
    const controller = new AbortController();
    this.#connecting = { network: input.network, controller };
    const events = this.#options.events;
    try {
      const connector = this.#connector(input.network);
      await this.#options.vault.list();
      const app = await this.#appFor(connector);
      const context = this.#context(input.network, controller.signal);
      const connected = await connector.connect(input as never, app, context);
      const now = this.#options.now().toISOString();
      const account: Account = AccountSchema.parse({
        ...connected.profile,
        avatarImage: await this.#avatarImage(connected.profile.avatarUrl, controller.signal),
        status: 'connected',
        statusReason: null,
        connectedAt: now,
        lastRefreshedAt: null,
      });
      try {
        await this.#options.vault.set(account.id, connected.credentials);
      } catch (error) {
        // The network granted a token Spheres cannot keep: give it back rather than leave it live.
        await connector.revoke?.(account, connected.credentials, app, context).catch(() => {});
        throw error;
      }
      try {
        this.#upsert(account);
      } catch (error) {
        await this.#options.vault.delete(account.id).catch(() => {});
        throw error;
      }
      events.emit('accounts.connectProgress', { network: input.network, step: 'done', authorizeUrl: null });
      return account;
    } catch (error) {
      events.emit('accounts.connectProgress', { network: input.network, step: 'failed', authorizeUrl: null });
      throw error;
    } finally {
      this.#connecting = null;
    }
  }

  /**
   * The profile picture as a data: URL, best effort: a picture that is missing, too large, not an
   * image, or slow to arrive leaves the initials in its place and never fails the connect.
   */
  async #avatarImage(url: string | null, signal: AbortSignal): Promise<string | null> {
    if (url === null) return null;
    try {
      const response = await this.#options.fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]), redirect: 'follow' });
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (!response.ok || declared > MAX_AVATAR_BYTES) return null;
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length === 0 || bytes.length > MAX_AVATAR_BYTES) return null;
      const kind = await identifyImage(bytes, 'The profile picture');
      return `data:${kind.mime};base64,${Buffer.from(bytes).toString('base64')}`;
    } catch {
      return null;
    }
  }

  /** Stops a connect that waits for the browser; true when there was one. */
  cancelConnect(): boolean {
    if (this.#connecting === null) return false;
    this.#connecting.controller.abort();
    return true;
  }

  /**
   * Removes the keychain item and the metadata. The token is revoked at the network first when it
   * can be (best effort: an unreachable network must not keep an account the user wants gone).
   */
  async disconnect(id: string): Promise<{ removed: boolean }> {
    const account = this.list().find((candidate) => candidate.id === id);
    const credentials = await this.#options.vault.get(id).catch(() => null);
    if (account !== undefined && credentials !== null) {
      const connector = this.#options.connectors[account.network];
      if (connector?.revoke !== undefined) {
        const app = await this.#appFor(connector).catch(() => null);
        const controller = new AbortController();
        await connector.revoke(account, credentials, app, this.#context(account.network, controller.signal)).catch((error: unknown) => {
          this.#options.log?.error('token revoke failed', { network: account.network, error: error instanceof Error ? error.message : String(error) });
        });
      }
    }
    const removedSecret = await this.#options.vault.delete(id);
    const before = this.list();
    const after = before.filter((candidate) => candidate.id !== id);
    if (after.length !== before.length) this.#write(after);
    return { removed: removedSecret || after.length !== before.length };
  }

  /** Refreshes the account if its token is due (or `force`), and reports its health. */
  async refresh(id: string, force = false): Promise<Account> {
    const running = this.#refreshing.get(id);
    if (running !== undefined) return running;
    const task = this.#refreshOne(id, force).finally(() => this.#refreshing.delete(id));
    this.#refreshing.set(id, task);
    return task;
  }

  #isDue(account: Account, connector: Connector<never>): boolean {
    if (account.tokenExpiresAt === null) return false;
    return Date.parse(account.tokenExpiresAt) - this.#options.now().getTime() <= connector.refreshMarginMs;
  }

  async #refreshOne(id: string, force: boolean): Promise<Account> {
    const account = this.get(id);
    const connector = this.#connector(account.network);
    if (!force && (account.status !== 'connected' || !this.#isDue(account, connector))) return account;
    if (!account.refreshable) {
      // Nothing can renew it (LinkedIn without partner refresh tokens): it works until it expires,
      // and the Accounts screen counts down the days; then the person has to reconnect.
      if (account.tokenExpiresAt !== null && Date.parse(account.tokenExpiresAt) <= this.#options.now().getTime()) {
        return this.#markReconnect(account, `Its sign-in expired on ${account.tokenExpiresAt.slice(0, 10)} and ${NETWORK_INFO[account.network].name} does not let Spheres renew it. Connect the account again.`);
      }
      if (!force) return account;
    }
    const credentials = await this.#options.vault.get(id);
    if (credentials === null || credentials.accessToken === undefined) {
      return this.#markReconnect(account, 'Its credentials are missing from the keychain.');
    }
    const controller = new AbortController();
    try {
      const refreshed = await connector.refresh(account, credentials, await this.#appFor(connector), this.#context(account.network, controller.signal));
      const current = this.get(id);
      if (refreshed.renewed === false) {
        const checked: Account = { ...current, status: 'connected', statusReason: null };
        this.#upsert(checked);
        return checked;
      }
      await this.#options.vault.set(id, refreshed.credentials);
      const next: Account = { ...current, tokenExpiresAt: refreshed.tokenExpiresAt, status: 'connected', statusReason: null, lastRefreshedAt: this.#options.now().toISOString() };
      this.#upsert(next);
      return next;
    } catch (error) {
      if (meansReconnect(error)) return this.#markReconnect(account, (error as AppError).message);
      // Offline or a server hiccup: the token may still be good; try again on the next round.
      if (account.tokenExpiresAt !== null && Date.parse(account.tokenExpiresAt) <= this.#options.now().getTime()) {
        return this.#markReconnect(account, `Its sign-in expired and could not be renewed: ${error instanceof Error ? error.message : String(error)}`);
      }
      throw error;
    }
  }

  #markReconnect(account: Account, reason: string): Account {
    const next: Account = { ...account, status: 'reconnect_needed', statusReason: reason.slice(0, 1000) };
    this.#upsert(next);
    return next;
  }

  /** Refreshes every account whose token is due; failures are logged, never thrown. */
  async refreshDue(): Promise<void> {
    for (const account of this.list()) {
      await this.refresh(account.id).catch((error: unknown) => {
        this.#options.log?.error('account refresh failed', { network: account.network, error: error instanceof Error ? error.message : String(error) });
      });
    }
  }

  /** Checks for due refreshes now and then every `intervalMs`. */
  start(intervalMs = 5 * 60_000): void {
    if (this.#timer !== null) return;
    void this.refreshDue();
    this.#timer = setInterval(() => void this.refreshDue(), intervalMs);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#connecting?.controller.abort();
  }

  /** The access token for publishing, refreshed first if due. Main-process callers only. */
  async credentialsFor(id: string): Promise<Credentials> {
    const account = await this.refresh(id);
    if (account.status !== 'connected') throw accountError('reconnect_needed', `${NETWORK_INFO[account.network].name} account ${account.handle} needs to be connected again. ${account.statusReason ?? ''}`.trim());
    const credentials = await this.#options.vault.get(id);
    if (credentials === null) throw accountError('reconnect_needed', `The credentials of ${account.handle} are missing from the keychain. Connect the account again.`);
    return credentials;
  }

  async listApps(): Promise<AppCredentialsStatus[]> {
    const registry = this.#appRegistry();
    return Promise.all(
      APP_NETWORKS.map(async (app) => {
        const stored = await registry.get(app);
        const builtIn = this.#options.builtInApps?.[app] !== undefined;
        return {
          app,
          configured: (stored !== null && (!NEEDS_SECRET[app] || stored.clientSecret !== undefined)) || builtIn,
          clientId: stored?.clientId ?? null,
          hasSecret: stored?.clientSecret !== undefined,
          needsSecret: NEEDS_SECRET[app],
          redirectPort: stored?.redirectPort ?? null,
          builtIn,
        };
      }),
    );
  }

  async saveApp(input: { app: AppNetwork; clientId: string; clientSecret?: string | undefined; redirectPort?: number | null | undefined }): Promise<AppCredentialsStatus> {
    const registry = this.#appRegistry();
    const current = await registry.get(input.app);
    // An empty secret field means "keep the saved one": the renderer never sees it to send it back.
    const clientSecret = input.clientSecret !== undefined && input.clientSecret !== '' ? input.clientSecret : current?.clientId === input.clientId ? current.clientSecret : undefined;
    if (NEEDS_SECRET[input.app] && clientSecret === undefined) {
      throw accountError('invalid_input', `${NETWORK_INFO[input.app].name} needs the app's client secret as well as its client id.`);
    }
    // Undefined keeps the saved port; null clears it (back to an OS-chosen port).
    const redirectPort = input.redirectPort === undefined ? current?.redirectPort : (input.redirectPort ?? undefined);
    await registry.set(input.app, { clientId: input.clientId, clientSecret, redirectPort });
    return (await this.listApps()).find((status) => status.app === input.app)!;
  }

  /**
   * "Test the app": asks the network whether it knows the saved app (the built-in one when the
   * person has none), before any sign-in. Reads the keychain; changes nothing.
   */
  async testApp(app: AppNetwork): Promise<AppCheck> {
    const own = await this.#appRegistry().get(app);
    const builtIn = this.#options.builtInApps?.[app];
    const tested = own ?? builtIn ?? null;
    if (tested === null) return { app, outcome: 'not_set_up', checked: NEEDS_SECRET[app] ? 'id_and_secret' : 'id_only', source: 'own', detail: null };
    return checkApp(app, tested, own === null ? 'built_in' : 'own', { fetch: this.#options.fetch, endpoints: this.#options.endpoints?.[app] ?? {} });
  }

  async removeApp(app: AppNetwork): Promise<AppCredentialsStatus> {
    await this.#options.vault.delete(APP_KEY(app));
    return (await this.listApps()).find((status) => status.app === app)!;
  }
}
