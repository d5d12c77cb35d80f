// Lint, and the architecture's import rules (VS Code style: code is split by where it runs).
//   src-main/common        pure TypeScript: runs in main, preload, renderer and tests
//   src-main/node          needs Node (ws, http, fs): the session core, simulator, CLI; its rooms below
//                          the app core (time, windows, session, files, simulator, settings) never import it
//   src-main/electron-main the Electron shell: the only place that may import electron (and the preload)
//   src-main/electron-preload the preload: electron and src-main/common/ipc, nothing else
//   src-renderer           the Svelte toolbar: browser only, sees src-main/common and nothing else
//   src-main/common/state  the state the contract carries: never imports src-main/common/ipc
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';

// electron-log/node is plain Node (the core's logger in tests); its main/renderer/preload entries need Electron.
const electronModules = [
  'electron',
  'electron/*',
  'electron-store',
  'electron-log/main',
  'electron-log/renderer',
  'electron-log/preload',
  'electron-updater',
];
const electronOnly = {
  paths: electronModules
    .filter((m) => !m.includes('*'))
    .map((name) => ({
      name,
      message: 'Only src-main/electron-main may import Electron; keep the core plain TypeScript.',
    })),
  patterns: [
    {
      group: electronModules.filter((m) => m.includes('*')),
      message: 'Only src-main/electron-main may import Electron.',
    },
  ],
};
// Code of one side never reaches into a side it does not run in.
const notTheToolbar = {
  group: ['**/src-renderer/**', '**/electron-preload/**'],
  message: 'The toolbar page and the preload are built for the page: main-process code does not import them.',
};
const nodePatterns = [
  ...electronOnly.patterns,
  { group: ['**/electron-main/**'], message: 'node code must not depend on the Electron shell.' },
  notTheToolbar,
];
const nodeBuiltins = {
  group: ['node:*', 'ws', 'fs', 'path', 'http', 'https', 'net', 'os', 'child_process'],
  message: 'This code also runs in the browser: no Node modules here.',
};

// What code shared by main, preload and page may import: no Node, no Electron, nothing of one side only.
const commonPatterns = [
  ...electronOnly.patterns,
  nodeBuiltins,
  { group: ['**/node/**', '**/electron-main/**'], message: 'common must not depend on node or electron-main code.' },
  notTheToolbar,
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'release/',
      'release-test/',
      'test-results/',
      'playwright-report/',
      '.tmp/',
      '.stryker-tmp*/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', electronOnly],
    },
  },
  {
    files: ['src-main/common/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: electronOnly.paths, patterns: commonPatterns }] },
  },
  {
    // The state is what the contract carries: the contract imports the state, never the other way.
    files: ['src-main/common/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnly.paths,
          patterns: [
            ...commonPatterns,
            {
              group: ['**/ipc/**'],
              message: 'common/state must not depend on the IPC contract (it imports the state).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: electronOnly.paths, patterns: nodePatterns }] },
  },
  {
    // The rooms below the app core (test/node/architecture/rooms.test.ts checks the whole order).
    files: ['src-main/node/{time,windows,session,files,simulator,settings}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnly.paths,
          patterns: [
            ...nodePatterns,
            {
              group: ['**/app/**', '**/cli/**', '**/preview/**'],
              message: 'The rooms below the app core never import node/app, node/cli or node/preview.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    ignores: ['src-renderer/vite.config.ts'], // runs in Node, at build time
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnly.paths,
          patterns: [
            ...electronOnly.patterns,
            nodeBuiltins,
            {
              group: ['**/src-main/node/**', '**/src-main/electron-main/**', '**/src-main/electron-preload/**'],
              message: 'The renderer sees only src-main/common (the IPC contract and the protocol types).',
            },
            {
              group: ['**/src-main/common/**', '\\#common/**/../**'], // a leading # starts a comment in these gitignore-style patterns: escaped
              message:
                'The renderer reaches src-main/common as `#common/…` (package.json `imports` maps it, for Vite, tsc and Node alike).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron-main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [notTheToolbar] }] },
  },
  {
    // Runs in every toolbar page before it loads, sandboxed: the contract's API over ipcRenderer, nothing more.
    files: ['src-main/electron-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./common/ipc/(?!.*\\.\\.)).*',
              message: 'The preload may import only electron and src-main/common/ipc.',
            },
          ],
        },
      ],
    },
  },
);
