import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layers, rendererPatterns } from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'models/**', 'coverage/**', 'test-results/**', '.bench-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The review UI runs in a browser (or Electron's sandboxed renderer): browser globals, no Node.
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', location: 'readonly', history: 'readonly', fetch: 'readonly', EventSource: 'readonly', File: 'readonly', FileList: 'readonly', Blob: 'readonly', FormData: 'readonly', HTMLElement: 'readonly', HTMLInputElement: 'readonly', HTMLDivElement: 'readonly', KeyboardEvent: 'readonly', DragEvent: 'readonly', MessageEvent: 'readonly', Event: 'readonly', URLSearchParams: 'readonly', requestAnimationFrame: 'readonly', cancelAnimationFrame: 'readonly', Intl: 'readonly' } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: rendererPatterns }],
    },
  },
  // Layers: each imports only downward (eslint/layers.js).
  ...layers.map(({ files, patterns }) => ({ files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } })),
);
