import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EnvelopeSchema, createSpheresApi } from '../../common/api';

/**
 * The only thing that crosses into the page: `window.spheres`, generated from the contract.
 * No ipcRenderer, no Node. https://www.electronjs.org/docs/latest/tutorial/context-isolation
 */
contextBridge.exposeInMainWorld(
  'spheres',
  createSpheresApi({
    invoke: async (method, input) => EnvelopeSchema.parse(await ipcRenderer.invoke(method, input)),
    subscribe: (event, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(event, handler);
      return () => {
        ipcRenderer.removeListener(event, handler);
      };
    },
  }),
);
