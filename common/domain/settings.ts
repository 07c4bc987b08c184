import { z } from 'zod';
import { DEFAULT_TONE_POLICY, TonePolicySchema, copyTonePolicy } from '../tone/policy';

export const LANGUAGES = ['en', 'da'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const THEMES = ['system', 'light', 'dark'] as const;
export const ThemeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof ThemeSchema>;

export const SettingsSchema = z.object({
  language: LanguageSchema,
  theme: ThemeSchema,
  /** Which tones each network welcomes; a post outside it needs an explicit confirmation. */
  tonePolicy: TonePolicySchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Danish is the first user's language, but a new install follows the system locale. */
export function defaultSettings(systemLocale: string): Settings {
  return {
    language: systemLocale.toLowerCase().startsWith('da') ? 'da' : 'en',
    theme: 'system',
    tonePolicy: copyTonePolicy(DEFAULT_TONE_POLICY),
  };
}
