import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Node built-in modules, with and without the node: prefix. */
const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib',
];

/** Only electron/main (and the preload, which must) may import Electron at run time: a VS Code-style layer rule. */
const noRuntimeElectron = {
  name: 'electron',
  message: 'Only electron/main may import Electron at run time; use `import type` or an injected port.',
  allowTypeImports: true,
};

/** What every renderer file may not import: it talks to the app only through window.spheres. */
const rendererPaths = [{ ...noRuntimeElectron, allowTypeImports: false, message: 'The renderer talks to the app only through window.spheres.' }];
const rendererPatterns = [
  { group: ['node:*'], message: 'The renderer has no Node.' },
  { group: ['**/electron/**'], message: 'The renderer talks to the app only through window.spheres.' },
];

/** The renderer's import rule over `files`, with more patterns (a later block's rule replaces an earlier one's, so each repeats the base). */
function rendererImports(files, ...patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { paths: rendererPaths, patterns: [...rendererPatterns, ...patterns] }] } };
}

/**
 * Each folder in renderer/src/features is one section of the app (a room); what two of them share
 * lives in renderer/src/ui. A feature imports neither another feature nor the shell (renderer/src/app,
 * which imports the features). Relative specifiers are matched by depth: from features/<name>/x.ts,
 * `../<other>/…` is another feature and `../../app/…` the shell; one level deeper adds one `../`.
 */
const FEATURES = readdirSync(new URL('./renderer/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const FEATURE_DEPTHS = [0, 1, 2];
const featureRules = FEATURES.flatMap((feature) =>
  FEATURE_DEPTHS.map((depth) => {
    const up = '\\.\\./'.repeat(depth + 1);
    return rendererImports(
      [`renderer/src/features/${feature}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      {
        regex: `^${up}(?!\\.\\.(/|$))(?!${feature}(/|$))[^/]+(/|$)|(^|/)features/(?!${feature}(/|$))`,
        message: `A feature does not import another feature (here: ${feature}); move what both use to renderer/src/ui.`,
      },
      { regex: `^${up}\\.\\./app(/|$)`, message: 'A feature does not import the shell (renderer/src/app); shared pieces live in renderer/src/ui.' },
    );
  }),
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.ci/**', 'security/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noRuntimeElectron] }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['common/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { ...noRuntimeElectron, allowTypeImports: false, message: 'common/ is pure: no Electron.' },
            ...NODE_BUILTINS.flatMap((name) => [
              { name, message: 'common/ is pure: no Node API.' },
              { name: `node:${name}`, message: 'common/ is pure: no Node API.' },
            ]),
            { name: 'react', message: 'common/ is pure: no UI.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'common/ is pure: no Node API.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'common/ depends on nothing of the app.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'process', 'Buffer', 'require', 'global', 'globalThis'].map(
          (name) => ({ name, message: 'common/ is pure: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  {
    // The vocabulary every layer speaks (posts, months, tone policy): it builds on nothing else of common/.
    files: ['common/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*'], message: 'common/domain imports only itself: move the shared piece into common/domain.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'electron/web/browser/**/*.ts', 'test/component/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  rendererImports(['renderer/**/*.{ts,tsx}']),
  ...featureRules,
  // Shared widgets serve the features, so they never reach back into one (or into the shell).
  rendererImports(['renderer/src/ui/**/*.{ts,tsx}'], {
    regex: '(^|/)(features|app)(/|$)',
    message: 'renderer/src/ui is shared by the features: it imports no feature and not the shell.',
  }),
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noRuntimeElectron],
          patterns: [
            {
              regex: '^(\\.\\./)+(electron/)?(main|web)(/|$)|(^|/)renderer(/|$)',
              message: 'electron/core runs anywhere Node does: it never imports electron/main, electron/web or the renderer (they get the core, not the reverse).',
            },
          ],
        },
      ],
    },
  },
);
