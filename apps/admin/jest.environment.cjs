// jsdom plus the web platform globals Node 20 has and jsdom lacks (react-router needs
// TextEncoder; the fake API answers with fetch Responses). jsdom's own Blob, URL and DOM stay.
const { TestEnvironment } = require('jest-environment-jsdom');

const FROM_NODE = [
  'TextEncoder',
  'TextDecoder',
  'Response',
  'Request',
  'Headers',
  'fetch',
  'ReadableStream',
  'structuredClone',
  'MessageChannel',
];

class JsdomWithFetchEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) {
      if (this.global[name] === undefined) this.global[name] = globalThis[name];
    }
    // React's scheduler keeps a MessageChannel open for good, and Node's ports keep the process
    // alive: jest would never exit. Channels made in the test are tracked and closed at teardown.
    const channels = (this.channels = []);
    this.global.MessageChannel = class TrackedMessageChannel extends globalThis.MessageChannel {
      constructor() {
        super();
        channels.push(this);
      }
    };
  }

  async teardown() {
    for (const channel of this.channels) {
      channel.port1.close();
      channel.port2.close();
    }
    await super.teardown();
  }
}

module.exports = JsdomWithFetchEnvironment;
