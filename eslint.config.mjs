// Lint rules. The one that matters most: src/domain is pure (no I/O), so the
// browser tab and the server compute every RC figure with the same code.
import tseslint from 'typescript-eslint';

const ioModules = [
  'botbuilder', 'botbuilder-*', 'botframework-*', 'restify', 'restify-*', '@azure/*',
  'fs', 'fs/*', 'node:*', 'http', 'https', 'net', 'child_process', 'worker_threads',
  'react', 'react-dom', '@microsoft/*', '../storage/*', '../delivery/*', '../http/*',
  '../app/*', '../config/*', '../cli/*',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '.scratch/**', 'tab/dist/**', 'devTools/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ioModules, message: 'src/domain is pure: no I/O, SDK or DOM imports.' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/domain is pure: pass configuration in.' },
        { name: 'window', message: 'src/domain is pure: no DOM.' },
        { name: 'document', message: 'src/domain is pure: no DOM.' },
        { name: 'fetch', message: 'src/domain is pure: no I/O.' },
        { name: 'require', message: 'src/domain is pure: use imports.' },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' } },
  },
);
