import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/**
 * X's client id a build may carry (a public client: no secret), and the fixed redirect port its X
 * app registered; read by electron/core/accounts/built-in-apps.ts in the main process only. A
 * malformed value stops the build rather than shipping an app that cannot connect X.
 */
function builtInXApp(): Record<string, string> {
  const clientId = process.env['SPHERES_X_CLIENT_ID']?.trim() ?? '';
  const port = process.env['SPHERES_X_REDIRECT_PORT']?.trim() ?? '';
  if (clientId !== '' && !/^[\x21-\x7e]{1,300}$/.test(clientId)) throw new Error('SPHERES_X_CLIENT_ID must be the X app\'s OAuth 2.0 client id: printable characters, no spaces.');
  if (port !== '' && !(/^\d+$/.test(port) && Number(port) >= 1024 && Number(port) <= 65535)) throw new Error('SPHERES_X_REDIRECT_PORT must be a port from 1024 to 65535.');
  return { __SPHERES_X_CLIENT_ID__: JSON.stringify(clientId), __SPHERES_X_REDIRECT_PORT__: JSON.stringify(port) };
}

export default defineConfig({
  main: {
    define: builtInXApp(),
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload may only require('electron'): bundle everything else into one CJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), tailwindcss()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: {
        input: {
          index: resolve('renderer/index.html'),
          // The web host's window.spheres (electron/web/server.ts injects it); unused by the desktop app.
          'web-bridge': resolve('electron/web/browser/bridge.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'web-bridge' ? 'web-bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
