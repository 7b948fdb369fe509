// One lint config for the Node packages. process.env has one home: packages/config.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.cjs', '**/*.mjs', 'apps/admin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through @spendsync/config.' }],
    },
  },
  {
    // Simulators depend on adapters, never the other way round: only adapter tests may start them.
    files: ['packages/adapters/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@spendsync/simulators', '@spendsync/simulators/*'], message: 'Only tests may use simulators (@spendsync/simulators depends on the adapters).' }] }],
    },
  },
  {
    files: ['packages/config/**', '**/*.test.ts', '**/test/**', '**/bench/**', '**/testing/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
