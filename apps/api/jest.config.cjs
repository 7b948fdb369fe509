// Integration tests get a fresh database per run: globalSetup creates it (on DATABASE_URL's
// server, or on an embedded PostgreSQL in a temp dir) and exports its URL as DATABASE_URL.
module.exports = {
  ...require('../../jest.preset.cjs'),
  rootDir: __dirname,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
