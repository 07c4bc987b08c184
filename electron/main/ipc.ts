import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, type Envelope } from '../../common/api';
import type { Router } from '../core';
import { isTrustedSender } from './security';

/** The IpcMain surface we use, so the bridge can be tested without Electron. */
export type IpcRegistrar = Pick<IpcMain, 'handle'>;
type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Only the Spheres window may call the app.' },
};

/** One handler per contract method; each checks its sender before the router sees the input. */
export function registerIpcHandlers(ipcMain: IpcRegistrar, router: Router): string[] {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, (event: InvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
      return router.call(method, input);
    });
  }
  return [...METHOD_NAMES];
}
