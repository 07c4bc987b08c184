export { openCore, type Core, type CorePorts } from './app-core';
export { repairConfigFiles } from './config-files';
export { EventBus } from './events';
export { createRouter, type Handlers, type Router, type RouterLog } from './router';
