import { afterEach, describe, expect, it } from '@jest/globals';
import { Money, daysBetween } from '@spendsync/domain';
import {
  startSimulatorServer,
  type SimRequest,
  type SimulatorServer,
  type SimulatorServerOptions,
} from './simulator-server';

let server: SimulatorServer | undefined;
const seen: SimRequest[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  seen.length = 0;
});

async function start(overrides: Partial<SimulatorServerOptions> = {}): Promise<SimulatorServer> {
  server = await startSimulatorServer({
    errorBody: (status, message) => ({ error: { message, status } }),
    handle: (request) => {
      seen.push(request);
      if (request.path === '/boom') throw new Error('handler failed');
      return { status: 200, body: { path: request.path, x: request.query.getAll('x') } };
    },
    // $1.10 per day, so totals are easy to check.
    groundTruth: (range) => ({
      cost: new Money('1.1').mul(daysBetween(range.start, range.end)),
      credits: new Money('0.25'),
    }),
    ...overrides,
  });
  return server;
}

const get = (s: SimulatorServer, path: string, init?: RequestInit) => fetch(`${s.url}${path}`, init);
const setFaults = (s: SimulatorServer, spec: unknown) =>
  get(s, '/__simulator/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });

describe('startSimulatorServer', () => {
  it('listens on 127.0.0.1 and passes requests with their query to the provider routes', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await get(s, '/v1/things?x=1&x=2');
    expect(await res.json()).toEqual({ path: '/v1/things', x: ['1', '2'] });
    expect(s.calls).toEqual([{ method: 'GET', path: '/v1/things', status: 200 }]);
  });

  it('parses JSON and form bodies', async () => {
    const s = await start();
    await get(s, '/a', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    await get(s, '/b', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=x',
    });
    expect(seen.map((r) => r.body)).toEqual([{ a: 1 }, { grant_type: 'client_credentials', scope: 'x' }]);
  });

  it('serves the ground truth of a range (end exclusive) as decimal text', async () => {
    const s = await start();
    const res = await get(s, '/__simulator/ground-truth?from=2026-01-01&to=2026-01-04');
    expect(await res.json()).toEqual({
      from: '2026-01-01',
      to: '2026-01-04',
      cost: '3.3',
      credits: '0.25',
      net: '3.05',
    });
    expect((await get(s, '/__simulator/ground-truth?from=2026-02-30&to=2026-03-01')).status).toBe(400);
    expect(s.calls).toEqual([]);
  });

  it('answers unknown control routes with 404', async () => {
    const s = await start();
    expect((await get(s, '/__simulator/nothing')).status).toBe(404);
  });

  it('injects faults set over HTTP, only on matching paths, with the provider error body', async () => {
    const s = await start();
    expect(
      (
        await setFaults(s, {
          rateLimit: { count: 1, retryAfterSeconds: 2 },
          serverError: { count: 1, status: 502 },
          path: '^/v1/costs',
        })
      ).status,
    ).toBe(204);
    expect((await get(s, '/v1/projects')).status).toBe(200);
    const limited = await get(s, '/v1/costs');
    expect([limited.status, limited.headers.get('retry-after'), await limited.json()]).toEqual([
      429,
      '2',
      { error: { message: 'Rate limit exceeded', status: 429 } },
    ]);
    const failed = await get(s, '/v1/costs');
    expect([failed.status, ((await failed.json()) as { error: { status: number } }).error.status]).toEqual([502, 502]);
    expect((await get(s, '/v1/costs')).status).toBe(200);
    expect(s.calls.map((c) => `${c.status} ${c.path}`)).toEqual([
      '200 /v1/projects',
      '429 /v1/costs',
      '502 /v1/costs',
      '200 /v1/costs',
    ]);
  });

  it('omits Retry-After when asked, and uses provider rate-limit headers when given', async () => {
    const s = await start({ rateLimitHeaders: (seconds) => ({ 'x-ratelimit-reset': String(seconds ?? 'none') }) });
    s.faults.set({ rateLimit: { count: 1, retryAfterSeconds: null } });
    const res = await get(s, '/x');
    expect([res.status, res.headers.get('retry-after'), res.headers.get('x-ratelimit-reset')]).toEqual([
      429,
      null,
      'none',
    ]);
  });

  it('serves a malformed 200 body that is not JSON', async () => {
    const s = await start();
    s.faults.set({ malformed: { count: 1 } });
    const res = await get(s, '/x');
    expect(res.status).toBe(200);
    await expect(res.clone().json()).rejects.toThrow();
    expect(await res.text()).not.toBe('');
  });

  it('delays matching requests by slowMs', async () => {
    const s = await start();
    s.faults.set({ slowMs: 150, path: /slow/ });
    const started = Date.now();
    await get(s, '/slow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('turns a failing route into a 500 with the provider error body and records it', async () => {
    const s = await start();
    const res = await get(s, '/boom');
    expect([res.status, await res.json()]).toEqual([
      500,
      { error: { message: 'simulator error: handler failed', status: 500 } },
    ]);
    expect(s.calls).toEqual([{ method: 'GET', path: '/boom', status: 500 }]);
  });

  it('uses the given JSON content type', async () => {
    const s = await start({ contentType: 'application/x-amz-json-1.1' });
    expect((await get(s, '/x')).headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it('closes even with a request still held back', async () => {
    const s = await start();
    s.faults.set({ slowMs: 5_000 });
    const pending = get(s, '/x').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await s.close();
    server = undefined;
    // fetch's TypeError comes from another realm under jest, so match its text.
    expect(String(await pending)).toMatch(/fetch failed/);
  });
});
