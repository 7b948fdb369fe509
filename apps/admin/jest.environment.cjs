// jsdom plus the web platform globals Node 20 has and jsdom lacks (react-router needs
// TextEncoder; the fake API answers with fetch Responses). jsdom's own Blob, URL and DOM stay.
const { TestEnvironment } = require('jest-environment-jsdom');

const FROM_NODE = ['TextEncoder', 'TextDecoder', 'Response', 'Request', 'Headers', 'fetch', 'ReadableStream', 'structuredClone', 'MessageChannel'];

class JsdomWithFetchEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) {
      if (this.global[name] === undefined) this.global[name] = globalThis[name];
    }
  }
}

module.exports = JsdomWithFetchEnvironment;
