// The admin's component tests: swc for TSX, jsdom as the browser.
module.exports = {
  rootDir: __dirname,
  testEnvironment: '<rootDir>/jest.environment.cjs',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ESM-only packages react-admin pulls in are compiled by swc like our own files.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(react-hotkeys-hook)/)'],
  // As in the build (vite.config.ts, browserRouterOnly): ra-core's router adapter without its hash router.
  moduleNameMapper: {
    '^\\./adapters/reactRouterProvider\\.c?js$': '<rootDir>/src/routing/browser-router-provider.tsx',
  },
  // Browser tests (e2e/) run under jest.e2e.config.cjs.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/e2e/'],
};
