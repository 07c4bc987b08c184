import { EventBus } from './events';
import { createRouter, type Handlers, type Router, type RouterLog } from './router';
import { SettingsService, type SettingsStore } from './settings';

export interface CorePorts {
  settingsStore: SettingsStore;
  systemLocale: string;
  platform: string;
  version: string;
  transport: 'electron' | 'web';
  log?: RouterLog;
}

export interface Core {
  router: Router;
  events: EventBus;
  settings: SettingsService;
}

/** Builds the services and the router from their ports; main and the web host both call this. */
export function createCore(ports: CorePorts): Core {
  const events = new EventBus();
  const settings = new SettingsService(ports.settingsStore, events, ports.systemLocale);
  const handlers: Handlers = {
    'app.info': () => ({ name: 'Spheres', version: ports.version, platform: ports.platform, transport: ports.transport }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
  };
  return { router: createRouter(handlers, ports.log), events, settings };
}
