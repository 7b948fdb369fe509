// One lint config for the workspace (the Node packages and the admin UI). process.env has one home: packages/config.
import js from '@eslint/js';
import prettierConfig from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @spendsync/config.' },
      ],
    },
  },
  {
    // Simulators depend on adapters, never the other way round: only adapter tests may start them.
    files: ['packages/adapters/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@spendsync/simulators', '@spendsync/simulators/*'],
              message: 'Only tests may use simulators (@spendsync/simulators depends on the adapters).',
            },
          ],
        },
      ],
    },
  },
  {
    // The admin UI: the rules of hooks, and hooks' dependency lists complete. It runs in the browser (no process.env).
    files: ['apps/admin/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: [
      'packages/config/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      'apps/admin/e2e/**',
      '**/test/**',
      '**/bench/**',
      '**/testing/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  // Last: formatting is Prettier's (`pnpm format`), so no ESLint rule may fight it.
  prettierConfig,
);
