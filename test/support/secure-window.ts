/**
 * What the Electron security checklist asks of the app's window (items 2-4 and 6:
 * https://www.electronjs.org/docs/latest/tutorial/security), written out here rather than read
 * from electron/main/security.ts, so a test of the window can fail when that file drifts.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;
