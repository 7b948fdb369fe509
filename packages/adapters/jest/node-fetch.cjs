// Test-only stand-in for node-fetch 3, which is ESM-only. teeny-request (the HTTP layer of
// @google-cloud/bigquery) loads it with a native import(), which jest's vm refuses without
// --experimental-vm-modules; jest.config.cjs turns that one import into a require of this file.
// It keeps node-fetch's contract as teeny-request uses it (body as a Node stream, json(), text())
// on top of Node's own fetch, so requests still go over HTTP to the simulator.
const { Readable } = require('node:stream');

async function nodeFetch(url, options = {}) {
  const { agent: _agent, compress: _compress, timeout, ...init } = options;
  const signals = [init.signal, timeout ? AbortSignal.timeout(timeout) : undefined].filter(Boolean);
  const response = await fetch(url, { ...init, signal: signals.length ? AbortSignal.any(signals) : undefined });
  const body = response.body ? Readable.fromWeb(response.body) : Readable.from([]);
  const text = async () => {
    const chunks = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  };
  return {
    url: response.url,
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    headers: response.headers,
    body,
    text,
    json: async () => JSON.parse(await text()),
  };
}

module.exports = nodeFetch;
module.exports.default = nodeFetch;
// node-fetch 2's classes, for CommonJS users of node-fetch that jest also maps here
// (@apollo/gateway builds its request headers with `new Headers()`).
module.exports.Headers = globalThis.Headers;
module.exports.Request = globalThis.Request;
module.exports.Response = globalThis.Response;
