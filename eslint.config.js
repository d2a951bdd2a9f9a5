// Lint: typescript-eslint's recommended rules, plus the architecture rule that keeps src/core pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Host APIs core must not touch: the DOM, clocks, timers, storage, the network.
const hostApis = ['document', 'window', 'performance', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'fetch', 'XMLHttpRequest', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'queueMicrotask'];

const uiModules = ['react', 'react-dom', 'react-dom/*', 'three', 'three/*', '@react-three/*', 'comlink', 'comlink/*'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'coverage/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // src/core runs unchanged in Node, vitest and web workers: no UI, no DOM, no wall clock, no unseeded randomness.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: uiModules, message: 'src/core must stay free of UI and worker plumbing.' },
          { group: ['**/ui/**', '**/cli/**', '**/workers/**', 'node:*', 'fs', 'path'], message: 'src/core must not depend on ui, cli, workers or Node APIs.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded Rng (src/core/util/rng.ts).' },
        { object: 'Date', property: 'now', message: 'No wall clock in core; pass time in.' },
        ...hostApis.map((property) => ({ object: 'globalThis', property, message: `src/core never reaches the host (${property}): pass it in from a worker, the CLI or the UI.` })),
      ],
      'no-restricted-globals': ['error', ...hostApis.map((name) => ({ name, message: `src/core never reaches the host (${name}): pass it in from a worker, the CLI or the UI.` }))],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date']", message: 'No wall clock in core (new Date()); pass time in.' },
        { selector: "CallExpression[callee.name='Date']", message: 'No wall clock in core (Date()); pass time in.' },
      ],
    },
  },
);
