// Lint enforces the import boundaries of ARCHITECTURE.md §1 and the determinism rules of §2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'net', 'fs', 'os', 'path', 'child_process', 'http', 'https', 'zlib', 'crypto', 'worker_threads', 'dgram', 'tls'];
const pattern = (group, message) => ({ group, message });

const noUi = pattern(['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*', 'zustand', 'recharts', '@tanstack/*'], 'the broker never imports electron or UI packages');
const noNet = pattern(['node:net', 'net', 'node:http', 'http', 'node:fs', 'fs', 'node:child_process', 'child_process'], 'only broker/wire and cli do I/O');
const noRenderer = pattern(['**/renderer/**'], 'only the renderer imports the renderer');
const noBrokerInUi = pattern(['**/broker/**', '**/main/**', '**/preload/**'], 'the renderer reads the cluster through src/shared contracts only');

/** §2: the model and what runs inside it never read real clocks, real randomness or real timers. */
const determinism = {
  'no-restricted-properties': ['error',
    { object: 'Date', property: 'now', message: 'use the injected Clock (ARCHITECTURE §2)' },
    { object: 'Math', property: 'random', message: 'use the seeded Random (ARCHITECTURE §2)' },
  ],
  'no-restricted-globals': ['error',
    { name: 'setTimeout', message: 'schedule an event on the queue instead' },
    { name: 'setInterval', message: 'schedule an event on the queue instead' },
    { name: 'setImmediate', message: 'schedule an event on the queue instead' },
    { name: 'performance', message: 'simulated time only' },
  ],
  'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'use the injected Clock' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'dist-cli/**', 'bench/build/**', 'test-results/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/shared/**', 'src/broker/protocol/**', 'src/broker/cluster/**', 'src/broker/sim/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi, noNet, noRenderer] }] },
  },
  {
    files: ['src/broker/cluster/**', 'src/broker/sim/**'],
    ignores: ['**/*.test.ts', 'src/broker/sim/wall-clock-driver.ts', 'src/broker/sim/swarm-cli.ts'],
    rules: {
      ...determinism,
    },
  },
  {
    // The scenario engine runs inside the model (issue 13): the same determinism and I/O rules; its CLI and file loader do I/O.
    files: ['src/broker/scenario/**'],
    ignores: ['**/*.test.ts', 'src/broker/scenario/cli.ts', 'src/broker/scenario/builtins.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noUi, noNet, noRenderer] }],
      ...determinism,
    },
  },
  {
    files: ['src/broker/wire/**', 'src/broker/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi, noRenderer] }] },
  },
  {
    files: ['src/main/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer, pattern(['react', 'react-dom', 'react-dom/*'], 'main never imports react')] }] },
  },
  {
    files: ['src/preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [pattern(['**/broker/**', '**/main/**', '**/renderer/**'], 'preload exposes the typed contract, nothing else')] }] },
  },
  {
    files: ['src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noBrokerInUi, pattern([...nodeBuiltins, 'electron', 'electron/*'], 'the renderer is browser code')] }] },
  },
);
