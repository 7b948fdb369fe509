import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createApiMetrics } from './api-metrics';
import { createMetricsRouter } from './metrics.route';

describe('createMetricsRouter', () => {
  const servers: import('node:http').Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const serve = async (token?: string) => {
    const metrics = createApiMetrics({ processMetrics: false });
    metrics.syncRuns.inc({ provider: 'fal', status: 'partial' }, 2);
    const app = express().use(createMetricsRouter(metrics, token));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  };

  it('is open without a token, like /healthz', async () => {
    const response = await fetch(await serve());
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('spendsync_sync_runs_total{provider="fal",status="partial"} 2');
  });

  it.each([
    [undefined],
    ['Bearer'],
    ['Basic bWV0cmljczp0b2tlbg=='],
    ['Bearer 0123456789abcdef0123456789abcdeX'],
    ['bearer 0123456789abcdef0123456789abcdef'],
  ])('answers 401 to authorization %p when a token is set', async (authorization) => {
    const response = await fetch(await serve('0123456789abcdef0123456789abcdef'), {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('spendsync_sync_runs_total');
  });

  it('serves the metrics to the right token', async () => {
    const response = await fetch(await serve('0123456789abcdef0123456789abcdef'), {
      headers: { authorization: 'Bearer 0123456789abcdef0123456789abcdef' },
    });
    expect(response.status).toBe(200);
  });

  it('keeps each instance in its own registry: two in one process neither clash nor share', async () => {
    const [a, b] = [createApiMetrics(), createApiMetrics()];
    a.recordsWritten.inc({ provider: 'openai' }, 5);
    expect((await a.recordsWritten.get()).values).toEqual([{ labels: { provider: 'openai' }, value: 5 }]);
    expect((await b.recordsWritten.get()).values).toEqual([]);
    expect(await b.registry.metrics()).toContain('process_cpu_user_seconds_total');
  });
});
