// Browser tests (e2e/*.e2e.test.ts): the real API (apps/api/dist/main.js, so run `pnpm build`
// first), a fresh database, the providers' simulators and headless Chromium. Node environment;
// one file at a time, since each starts its own API and browser on a 2-core machine.
const preset = require('../../jest.preset.cjs');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: preset.transform,
  // Simulators and domain helpers come from the workspace packages' sources, like every other test.
  moduleNameMapper: preset.moduleNameMapper,
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 120_000,
};
