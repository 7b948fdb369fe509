import { afterEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { createHttpClient } from './http-client';
import type { HttpClientOptions } from './http';
import { catchAdapterError, createCapturingLogger } from './testing/contract-helpers';
import { sendJson, startTestServer, type TestHandler, type TestServer } from './testing/test-server';

const SECRET = 'sk-admin-SUPERsecret0123456789';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client against a fresh local server; waits are recorded (and shortened to 1 ms) unless `realSleep`. */
async function setup(handler: TestHandler, options: Partial<HttpClientOptions> & { realSleep?: boolean } = {}) {
  server = await startTestServer(handler);
  const logger = createCapturingLogger();
  const waits: number[] = [];
  const client = createHttpClient({
    provider: 'openai',
    label: 'Test',
    baseUrl: `${server.url}/v1/`,
    fetch: globalThis.fetch,
    headers: { authorization: `Bearer ${SECRET}` },
    secrets: [SECRET],
    logger,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 1000 },
    sleep: options.realSleep ? undefined : async (ms) => void waits.push(ms),
    ...options,
  });
  return { client, logger, waits, requests: server.requests };
}

describe('createHttpClient', () => {
  it('sends auth and accept headers to the base path and returns the parsed JSON', async () => {
    const { client, requests } = await setup((_, res) => sendJson(res, 200, { ok: true }));
    await expect(
      client.requestJson({ path: '/things', query: { ids: ['a', 'b'], n: 2, skip: undefined } }),
    ).resolves.toEqual({ ok: true });
    expect(requests[0]).toMatchObject({ method: 'GET', url: '/v1/things?ids=a&ids=b&n=2' });
    expect(requests[0]?.headers).toMatchObject({ authorization: `Bearer ${SECRET}`, accept: 'application/json' });
  });

  it('posts a JSON body with its content type', async () => {
    const { client, requests } = await setup((r, res) => sendJson(res, 200, JSON.parse(r.body)));
    await expect(client.requestJson({ method: 'POST', path: 'echo', body: { a: 1 } })).resolves.toEqual({ a: 1 });
    expect(requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('waits the Retry-After a 429 asks for, then succeeds', async () => {
    const { client, waits } = await setup((_, res, n) =>
      n === 0 ? sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '7' }) : sendJson(res, 200, [1]),
    );
    await expect(client.requestJson({ path: '/x' })).resolves.toEqual([1]);
    expect(waits).toEqual([7000]);
  });

  it('really sleeps for a retry-after-ms wait', async () => {
    const { client } = await setup(
      (_, res, n) => (n === 0 ? sendJson(res, 429, {}, { 'retry-after-ms': '250' }) : sendJson(res, 200, {})),
      { realSleep: true },
    );
    const started = Date.now();
    await client.requestJson({ path: '/x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('fails RATE_LIMITED at once when Retry-After is longer than the policy allows', async () => {
    const { client, requests } = await setup((_, res) => sendJson(res, 429, {}, { 'retry-after': '3600' }));
    const error = await catchAdapterError(client.requestJson({ path: '/x' }), 'RATE_LIMITED');
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(error.retryable).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('retries 5xx answers with capped backoff, then succeeds', async () => {
    const { client, waits, requests } = await setup((_, res, n) =>
      n < 2 ? sendJson(res, 503, { error: { message: 'busy' } }) : sendJson(res, 200, 'done'),
    );
    await expect(client.requestJson({ path: '/x' })).resolves.toBe('done');
    expect(requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(20);
  });

  it('gives UPSTREAM_UNAVAILABLE with the status once retries are used up', async () => {
    const { client, requests } = await setup((_, res) => sendJson(res, 502, { error: { message: 'bad gateway' } }));
    const error = await catchAdapterError(client.requestJson({ path: '/x' }), 'UPSTREAM_UNAVAILABLE');
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/^Test: HTTP 502: bad gateway/);
    expect(requests).toHaveLength(3);
  });

  it.each([
    [401, 'AUTH_FAILED'],
    [403, 'CREDENTIAL_REJECTED'],
    [404, 'NOT_FOUND'],
    [400, 'BAD_REQUEST'],
  ] as const)('classifies HTTP %i as %s without retrying', async (status, code) => {
    const { client, requests } = await setup((_, res) => sendJson(res, status, { error: { message: 'nope' } }));
    const error = await catchAdapterError(client.requestJson({ path: '/x' }), code);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it('lets classifyError override the code and message', async () => {
    const { client } = await setup((_, res) => sendJson(res, 401, { error: 'Missing scopes: api.usage.read.' }), {
      classifyError: (r) =>
        r.text.includes('Missing scopes') ? { code: 'CREDENTIAL_REJECTED', message: 'link an Admin key' } : undefined,
    });
    const error = await catchAdapterError(client.requestJson({ path: '/x' }), 'CREDENTIAL_REJECTED');
    expect(error.message).toBe('Test: HTTP 401: link an Admin key');
  });

  it('gives ABORTED without a request when the signal is already aborted', async () => {
    const { client, requests } = await setup((_, res) => sendJson(res, 200, {}));
    await catchAdapterError(client.requestJson({ path: '/x', signal: AbortSignal.abort() }), 'ABORTED');
    expect(requests).toHaveLength(0);
  });

  it('gives ABORTED when aborted while waiting for an answer', async () => {
    const { client } = await setup(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await catchAdapterError(client.requestJson({ path: '/x', signal: controller.signal }), 'ABORTED');
  });

  it('gives ABORTED when aborted during a retry wait', async () => {
    const { client } = await setup((_, res) => sendJson(res, 503, {}), {
      realSleep: true,
      retry: { maxAttempts: 3, baseDelayMs: 5_000, maxDelayMs: 5_000 },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await catchAdapterError(client.requestJson({ path: '/x', signal: controller.signal }), 'ABORTED');
  });

  it('times out an attempt that gets no answer and retries it', async () => {
    const { client, requests } = await setup(() => undefined, {
      retry: { maxAttempts: 2, timeoutMs: 100, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await catchAdapterError(client.requestJson({ path: '/x' }), 'UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(/no answer within 100 ms/);
    expect(requests).toHaveLength(2);
  });

  it('gives UPSTREAM_UNAVAILABLE for a refused connection', async () => {
    const { client } = await setup(() => undefined);
    await server?.close();
    server = undefined;
    const error = await catchAdapterError(client.requestJson({ path: '/x' }), 'UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(/network error/);
  });

  it('reports a 200 whose body is not JSON as INVALID_RESPONSE, without retrying', async () => {
    const { client, requests } = await setup((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":[');
    });
    const error = await catchAdapterError(client.requestJson({ path: '/x' }), 'INVALID_RESPONSE');
    expect(error.message).toMatch(/not JSON \(9 bytes\)/);
    expect(requests).toHaveLength(1);
  });

  it('reports a schema mismatch as INVALID_RESPONSE naming the field but not its value', async () => {
    const { client } = await setup((_, res) => sendJson(res, 200, { amount: 'value-that-must-not-show', items: [] }));
    const schema = z.object({ amount: z.number(), items: z.array(z.string()) });
    const error = await catchAdapterError(client.requestJson({ path: '/costs' }, schema), 'INVALID_RESPONSE');
    expect(error.message).toMatch(/unexpected response from \/costs \(amount: /);
    expect(error.message).not.toContain('value-that-must-not-show');
  });

  it('never lets a secret the server echoes reach a message or a log line', async () => {
    const { client, logger } = await setup((r, res, n) =>
      sendJson(res, n === 0 ? 503 : 401, { error: { message: `bad key ${String(r.headers.authorization)}` } }),
    );
    const error = await catchAdapterError(client.requestJson({ path: `/x/${SECRET}` }), 'AUTH_FAILED');
    expect(error.message).toContain('bad key Bearer [redacted]');
    expect([error.message, ...logger.lines].filter((t) => t.includes(SECRET))).toEqual([]);
    // Both the request log and the retry warning name the path, which held the secret.
    expect(logger.lines.filter((l) => l.includes('/x/[redacted]')).map((l) => l.split(' ')[0])).toEqual([
      'debug',
      'warn',
      'debug',
    ]);
  });
  it('never repeats a body that is not a known error shape (another server behind the base URL)', async () => {
    const { client } = await setup((_, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>internal admin console: db password hunter2</html>');
    });
    const error = await catchAdapterError(client.requestJson({ path: 'x' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Test: HTTP 404: the answer had no recognised error body.');
  });

  it('reads error bodies with readErrorMessage when given: a JSON body of another shape is not repeated', async () => {
    const strict = (body: unknown) => (body as { only?: string } | undefined)?.only;
    const known = (url: string) => url === '/v1/known';
    const { client } = await setup(
      (req, res) =>
        known(req.url)
          ? sendJson(res, 400, { only: 'the proxy said this' })
          : sendJson(res, 500, { message: 'db password hunter2' }),
      { readErrorMessage: strict, retry: { maxAttempts: 1 } },
    );
    const said = await catchAdapterError(client.requestJson({ path: 'known' }));
    expect(said.message).toBe('Test: HTTP 400: the proxy said this');
    const other = await catchAdapterError(client.requestJson({ path: 'other' }));
    expect(other.message).toMatch(/^Test: HTTP 500: the answer had no recognised error body\./);
    expect(other.message).not.toContain('hunter2');
  });

  it('never follows a redirect: BAD_REQUEST naming it, and the target is never called', async () => {
    const target = await startTestServer((_, res) => sendJson(res, 200, { ok: true }));
    try {
      const { client, requests } = await setup((_, res) => {
        res.writeHead(307, { location: `${target.url}/internal` });
        res.end();
      });
      const error = await catchAdapterError(client.requestJson({ path: 'x' }));
      expect(error).toMatchObject({ code: 'BAD_REQUEST', status: 307 });
      expect(error.message).toMatch(/answered with a redirect, which spendsync never follows/);
      expect(requests).toHaveLength(1);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });
});
