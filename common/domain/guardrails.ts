import { z } from 'zod';

/** A calendar day as the person means it, in the period's zone: 2026-01-31. */
const DaySchema = z.iso.date();
const InstantSchema = z.iso.datetime({ offset: true });
/** An IANA zone this runtime knows. */
export const GuardrailZoneSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Europe/Copenhagen');

export const QUIET_PERIOD_SOURCES = ['manual', 'ics', 'rule'] as const;

/**
 * A stretch of time in which professional posts wait for an explicit "post anyway": whole days
 * (start and end both days, the end included) or two instants (the end excluded), in the zone the
 * person or their calendar chose.
 */
export const QuietPeriodSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().trim().min(1, 'Give the quiet period a name.').max(200),
    start: z.union([DaySchema, InstantSchema]),
    end: z.union([DaySchema, InstantSchema]),
    zone: GuardrailZoneSchema,
    source: z.enum(QUIET_PERIOD_SOURCES),
  })
  .strict()
  .refine((period) => isDay(period.start) === isDay(period.end), { message: 'A quiet period runs from a day to a day, or from a time to a time.', path: ['end'] })
  .refine((period) => (isDay(period.start) ? period.start <= period.end : Date.parse(period.start) < Date.parse(period.end)), {
    message: 'A quiet period ends after it starts.',
    path: ['end'],
  });
export type QuietPeriod = z.infer<typeof QuietPeriodSchema>;

/** "The 30 days before each quarterly announcement": each date in the list makes one quiet period. */
export const RepeatingRuleSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().trim().min(1, 'Give the rule a name.').max(200),
    announcements: z.array(DaySchema).min(1, 'Add at least one announcement date.').max(200),
    daysBefore: z.number().int().min(1, 'Choose from 1 to 365 days.').max(365, 'Choose from 1 to 365 days.'),
    zone: GuardrailZoneSchema,
  })
  .strict();
export type RepeatingRule = z.infer<typeof RepeatingRuleSchema>;

/** One of the person's watched words or phrases: a project name, a person, a deal. */
export const WatchedWordSchema = z
  .string()
  .trim()
  .min(1, 'A watched word cannot be empty.')
  .max(100, 'A watched word or phrase is at most 100 characters.')
  .refine((word) => /[\p{L}\p{N}]/u.test(word), 'A watched word needs at least one letter or digit.');

export const GuardrailsSchema = z
  .object({
    periods: z.array(QuietPeriodSchema).max(2000),
    rules: z.array(RepeatingRuleSchema).max(50),
    watchedWords: z.array(WatchedWordSchema).max(500),
    /** The built-in English and Danish list of insider-sensitive terms (common/guardrails/starter-words.ts). */
    starterList: z.boolean(),
  })
  .strict();
export type Guardrails = z.infer<typeof GuardrailsSchema>;

export const DEFAULT_GUARDRAILS: Guardrails = { periods: [], rules: [], watchedWords: [], starterList: false };

/** guardrails.save: what it names changes, everything else stays (periods change one at a time). */
export const GuardrailsPatchSchema = GuardrailsSchema.omit({ periods: true })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Name at least one guardrail setting to change.' });
export type GuardrailsPatch = z.infer<typeof GuardrailsPatchSchema>;

/**
 * What a person confirmed when they chose "Post anyway": the quiet periods (ids, a rule's as
 * `rule:<id>:<date>`) and watched words (as written in their list or the starter list). A rule
 * added after the confirmation is not covered by it.
 */
export const GuardrailConfirmationSchema = z
  .object({
    periods: z.array(z.string().min(1).max(200)).max(2000),
    words: z.array(z.string().min(1).max(100)).max(1000),
  })
  .strict();
export type GuardrailConfirmation = z.infer<typeof GuardrailConfirmationSchema>;

/** One override as the record keeps it, for the compliance officer. */
export const GuardrailOverrideSchema = z
  .object({
    at: InstantSchema,
    postId: z.string().min(1),
    /** When the override was given: queueing (Post now, Schedule), moving in the calendar, or a retry after a send-time stop. */
    action: z.enum(['post_now', 'schedule', 'retry', 'move']),
    rule: z.enum(['quiet_period', 'watched_word']),
    /** The period's id, or the word as listed. */
    ruleId: z.string(),
    /** The period's name and dates, or the word. */
    detail: z.string(),
    /** The post's planned time (or the moment it was sent now). */
    postTime: z.string().nullable(),
    tone: z.string().nullable(),
    networks: z.array(z.string()),
  })
  .strict();
export type GuardrailOverride = z.infer<typeof GuardrailOverrideSchema>;

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
