import { z } from 'zod';
import { DEFAULT_GUARDRAILS, GuardrailsSchema } from './guardrails';
import { MediaHostSettingsSchema } from './media-host';
import { DEFAULT_TONE_POLICY, TonePolicySchema, copyTonePolicy } from './tone-policy';

export const LANGUAGES = ['en', 'da'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const THEMES = ['system', 'light', 'dark'] as const;
export const ThemeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof ThemeSchema>;

const Percent = z.number().int().min(0).max(100);
export const TARGET_MIX_PERIODS = ['week', 'month'] as const;

/** The tone mix the user wants, in whole percentages that add up to 100, over a week or a month. */
export const TargetMixSchema = z
  .object({ private: Percent, blend: Percent, professional: Percent, period: z.enum(TARGET_MIX_PERIODS) })
  .refine((mix) => mix.private + mix.blend + mix.professional === 100, { message: 'the target mix must add up to 100%' });
export type TargetMix = z.infer<typeof TargetMixSchema>;

export const SettingsSchema = z.object({
  language: LanguageSchema,
  theme: ThemeSchema,
  /** Which tones each network welcomes; a post outside it needs an explicit confirmation. */
  tonePolicy: TonePolicySchema,
  /** The blend the tone calendar measures against; it nudges when the posts drift from it. */
  targetMix: TargetMixSchema,
  /** A post whose time passed while Spheres was closed goes out at the next start only this many minutes late; later, it waits for the person. */
  missedGraceMinutes: z.number().int().min(0).max(1440),
  /** Start Spheres (in the tray / menu bar) when the person logs in, so scheduled posts go out. */
  openAtLogin: z.boolean(),
  /** Where Threads and Instagram fetch images from (its secret is in the keychain); null until the person sets one up. */
  mediaHost: MediaHostSettingsSchema.nullable(),
  /** Quiet periods and watched words (Settings → Guardrails); they change through guardrails.* alone. */
  guardrails: GuardrailsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Danish is the first user's language, but a new install follows the system locale. */
export function defaultSettings(systemLocale: string): Settings {
  return {
    language: systemLocale.toLowerCase().startsWith('da') ? 'da' : 'en',
    theme: 'system',
    tonePolicy: copyTonePolicy(DEFAULT_TONE_POLICY),
    targetMix: { private: 30, blend: 30, professional: 40, period: 'week' },
    missedGraceMinutes: 15,
    openAtLogin: false,
    mediaHost: null,
    guardrails: { ...DEFAULT_GUARDRAILS },
  };
}
