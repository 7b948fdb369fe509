// Integration tests get a fresh database per run: globalSetup creates it (on DATABASE_URL's
// server, or on an embedded PostgreSQL in a temp dir) and exports its URL as DATABASE_URL.
const preset = require('../../jest.preset.cjs');

// The sync tests run every registered adapter, Vertex AI's BigQuery SDK included: the same
// test-only workaround as packages/adapters/jest.config.cjs (teeny-request's native import()
// of node-fetch becomes a require() of a stand-in on Node's fetch).
const [, swcOptions] = preset.transform['^.+\\.(t|j)sx?$'];
const requireDynamic = ['@swc/jest', { ...swcOptions, module: { type: 'commonjs', ignoreDynamic: false } }];

module.exports = {
  ...preset,
  rootDir: __dirname,
  // A hang guard, not a speed check: hooks that create tenants over real HTTP and PostgreSQL
  // took over 5 s on the shared 2-core machine at load average 14.
  testTimeout: 20_000,
  // Two workers on the 2-core machines: the suite waits on PostgreSQL, HTTP and child processes
  // much of the time (about 410 s against 640 s in one). Each has its own database (test/worker-database.ts).
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFiles: ['<rootDir>/test/worker-database.ts'],
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  transform: { '/teeny-request/build/src/index\\.js$': requireDynamic, ...preset.transform },
  // openid-client 6 and its oauth4webapi and jose ship ESM only: jest's require() gets them as CommonJS through swc.
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/(teeny-request|openid-client|oauth4webapi|jose)@[^/]+/node_modules/)?(teeny-request|openid-client|oauth4webapi|jose)/)',
  ],
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    '^node-fetch$': '<rootDir>/../../packages/adapters/jest/node-fetch.cjs',
  },
};
