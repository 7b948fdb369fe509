const preset = require('../../jest.preset.cjs');

// teeny-request (under @google-cloud/bigquery) loads the ESM-only node-fetch 3 with a native
// import(), which jest's vm refuses without --experimental-vm-modules. In tests only, that one
// file is compiled with dynamic imports turned into require(), and node-fetch maps to a small
// stand-in on Node's fetch (jest/node-fetch.cjs). Production code is unchanged.
const [, swcOptions] = preset.transform['^.+\\.(t|j)sx?$'];
const requireDynamic = ['@swc/jest', { ...swcOptions, module: { type: 'commonjs', ignoreDynamic: false } }];

module.exports = {
  ...preset,
  rootDir: __dirname,
  transform: { '/teeny-request/build/src/index\\.js$': requireDynamic, ...preset.transform },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/teeny-request@[^/]+/node_modules/)?teeny-request/)'],
  moduleNameMapper: { ...preset.moduleNameMapper, '^node-fetch$': '<rootDir>/jest/node-fetch.cjs' },
};
