import { z } from 'zod';
import { SectionSchema, SettingsSchema } from '../domain';

/** A method that takes no argument: anything but `undefined` is a hostile or buggy payload. */
const NoInput = z.undefined();

const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** Which host serves the renderer: the desktop app or the loopback web host. */
  transport: z.enum(['electron', 'web']),
});

const SettingsPatchSchema = SettingsSchema.partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Name at least one setting to change.' });

/**
 * The contract: every method the renderer may call, with the schema its input must pass and the
 * schema its output is checked against. The preload, the web bridge and the main-process handlers
 * are all generated from this one object.
 */
export const methods = {
  'app.info': { input: NoInput, output: AppInfoSchema },
  'settings.get': { input: NoInput, output: SettingsSchema },
  'settings.update': { input: SettingsPatchSchema, output: SettingsSchema },
} as const;

/** Events flow from the core to the renderer. */
export const events = {
  'settings.changed': SettingsSchema,
  /** A native menu item or shortcut asked for a section. */
  'app.navigate': z.object({ section: SectionSchema }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
