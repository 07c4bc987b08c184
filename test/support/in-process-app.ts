import { createSpheresApi, type SpheresApi } from '../../common/api';
import { createCore, type Core } from '../../electron/core';

/** A settings store in memory, shaped like electron-store / conf. */
export function memorySettingsStore(initial: Record<string, unknown> = {}) {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    data,
    get: (key: 'settings') => data.get(key),
    set: (key: 'settings', value: unknown) => void data.set(key, value),
  };
}

/** The real core and router behind a `window.spheres` built from the contract, without a transport. */
export function inProcessApp(options: { locale?: string; stored?: Record<string, unknown> } = {}): { core: Core; api: SpheresApi } {
  const core = createCore({
    settingsStore: memorySettingsStore(options.stored),
    systemLocale: options.locale ?? 'en-US',
    platform: 'linux',
    version: '0.1.0',
    transport: 'web',
  });
  const api = createSpheresApi({
    invoke: (method, input) => core.router.call(method, input),
    subscribe: (event, listener) =>
      core.events.subscribe((name, payload) => {
        if (name === event) listener(payload);
      }),
  });
  return { core, api };
}
