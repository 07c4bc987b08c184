import { AppError } from '../../../common/api';
import {
  GuardrailsSchema,
  QuietPeriodSchema,
  type GuardrailConfirmation,
  type GuardrailOverride,
  type Guardrails,
  type GuardrailsPatch,
  type Post,
  type QuietPeriod,
  type Settings,
} from '../../../common/domain';
import { checkGuardrails, describeCheck, isClear, uncovered, type GuardrailCheck } from '../../../common/guardrails';
import { periodsFromCalendar } from './ics-import';
import type { OverrideRecord} from './override-record';
import { overridesCsv } from './override-record';

export type OverrideAction = GuardrailOverride['action'];

/** What the outbox asks of the guardrails when a post is queued and when it is sent. */
export interface GuardrailsPort {
  /** Refuses with `guardrail_confirmation_needed` unless every guardrail the post meets is confirmed (now or before); records the new confirmations. */
  clear(post: Post, atMs: number, confirmed: GuardrailConfirmation | undefined, action: OverrideAction): Promise<void>;
  /** What stops the post at send time: guardrails it meets that no override covers. */
  blocked(post: Post, atMs: number): Promise<GuardrailCheck>;
}

export interface GuardrailsServiceOptions {
  settings: { get(): Settings; update(patch: Partial<Settings>): Settings };
  record: OverrideRecord;
  now(): Date;
}

/** The texts a post would send: its own and each targeted network's own version. */
function textsOf(post: Post): string[] {
  const networks = new Set(post.targets.map((target) => target.network));
  return [post.text, ...Object.entries(post.overrides).filter(([network]) => networks.has(network as never)).map(([, text]) => text ?? '')];
}

function sentence(check: GuardrailCheck): string {
  const parts: string[] = [];
  if (check.periods.length > 0) parts.push(`it is planned in a quiet period (${check.periods.map((period) => period.name).join(', ')})`);
  if (check.words.length > 0) parts.push(`it names a watched word (${check.words.map((match) => match.found).join(', ')})`);
  return `Confirm this post first: ${parts.join(' and ')}.`;
}

/** Settings → Guardrails, the checks the outbox runs, and the record of overrides. */
export class GuardrailsService implements GuardrailsPort {
  readonly #options: GuardrailsServiceOptions;

  constructor(options: GuardrailsServiceOptions) {
    this.#options = options;
  }

  get(): Guardrails {
    return this.#options.settings.get().guardrails;
  }

  #write(next: Guardrails): Guardrails {
    return this.#options.settings.update({ guardrails: GuardrailsSchema.parse(next) }).guardrails;
  }

  /** Watched words, the starter list, repeating rules: what the patch names changes, the rest stays. */
  save(patch: GuardrailsPatch): Guardrails {
    return this.#write({ ...this.get(), ...patch });
  }

  /** Adds a quiet period, or replaces the one with its id. */
  putPeriod(period: QuietPeriod): Guardrails {
    const current = this.get();
    const checked = QuietPeriodSchema.parse(period);
    const index = current.periods.findIndex((existing) => existing.id === checked.id);
    const periods = index === -1 ? [...current.periods, checked] : current.periods.map((existing, i) => (i === index ? checked : existing));
    return this.#write({ ...current, periods });
  }

  removePeriod(id: string): Guardrails {
    const current = this.get();
    if (!current.periods.some((period) => period.id === id)) throw new AppError('not_found', 'That quiet period is not in your list.', { id });
    return this.#write({ ...current, periods: current.periods.filter((period) => period.id !== id) });
  }

  /** The quiet periods of an .ics file join the list; an event imported before is updated, not doubled. */
  importCalendar(input: { name: string; text: string; zone: string }): { added: number; updated: number; guardrails: Guardrails } {
    const imported = periodsFromCalendar(input.text, { name: input.name, zone: input.zone, now: this.#options.now() });
    if (imported.length === 0) throw new AppError('invalid_input', `${input.name} has no events to use as quiet periods. Nothing was imported.`, { reason: 'no_events' });
    const current = this.get();
    const byId = new Map(current.periods.map((period) => [period.id, period]));
    let added = 0;
    let updated = 0;
    for (const period of imported) {
      if (byId.has(period.id)) updated++;
      else added++;
      byId.set(period.id, period);
    }
    return { added, updated, guardrails: this.#write({ ...current, periods: [...byId.values()] }) };
  }

  check(post: Post, atMs: number): GuardrailCheck {
    return checkGuardrails({ tone: post.tone, texts: textsOf(post), atMs }, this.get());
  }

  /** What the person has confirmed for this post so far, from the record. */
  async confirmedFor(postId: string): Promise<GuardrailConfirmation> {
    const entries = await this.#options.record.forPost(postId);
    return {
      periods: entries.filter((entry) => entry.rule === 'quiet_period').map((entry) => entry.ruleId),
      words: entries.filter((entry) => entry.rule === 'watched_word').map((entry) => entry.ruleId),
    };
  }

  async clear(post: Post, atMs: number, confirmed: GuardrailConfirmation | undefined, action: OverrideAction): Promise<void> {
    const open = uncovered(this.check(post, atMs), await this.confirmedFor(post.id));
    if (isClear(open)) return;
    const left = uncovered(open, confirmed);
    if (!isClear(left)) throw new AppError('guardrail_confirmation_needed', sentence(left), { postId: post.id, ...describeCheck(left) });
    await this.#record(post, open, action, atMs);
  }

  async blocked(post: Post, atMs: number): Promise<GuardrailCheck> {
    return uncovered(this.check(post, atMs), await this.confirmedFor(post.id));
  }

  async #record(post: Post, check: GuardrailCheck, action: OverrideAction, atMs: number): Promise<void> {
    const at = this.#options.now().toISOString();
    const common = { at, postId: post.id, action, postTime: new Date(atMs).toISOString(), tone: post.tone, networks: post.targets.map((target) => target.network) };
    await this.#options.record.append([
      ...check.periods.map(({ period }) => ({ ...common, rule: 'quiet_period' as const, ruleId: period.id, detail: `${period.name} (${period.start} – ${period.end}, ${period.zone})` })),
      ...check.words.map((match) => ({ ...common, rule: 'watched_word' as const, ruleId: match.word, detail: match.found })),
    ]);
  }

  /**
   * The calendar's move into a quiet period, confirmed by the person: recorded like any override.
   * Only periods: a move changes when, not what; the words are asked about when it is queued.
   */
  async confirmMove(post: Post, confirmed: GuardrailConfirmation): Promise<{ recorded: number }> {
    if (post.planned === null) return { recorded: 0 };
    const atMs = Date.parse(post.planned.at);
    const open = uncovered({ ...this.check(post, atMs), words: [] }, await this.confirmedFor(post.id));
    const left = uncovered(open, confirmed);
    if (!isClear(left)) throw new AppError('guardrail_confirmation_needed', sentence(left), { postId: post.id, ...describeCheck(left) });
    await this.#record(post, open, 'move', atMs);
    return { recorded: open.periods.length };
  }

  async csv(): Promise<{ csv: string; overrides: number }> {
    const entries = await this.#options.record.list();
    return { csv: overridesCsv(entries), overrides: entries.length };
  }
}
