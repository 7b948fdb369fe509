import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import { seedTenantData } from './seed-tenant-data';

// Downloads hold a database connection while they stream: a credential may run a bounded
// number at once, and a reader that stops reading is cut off, so the pool (and /healthz) stay free.
const ROWS = 40_000;

/** A download whose reader reads the head of the answer, then stops reading (`close` lets it go). */
function stalledDownload(url: string, token: string) {
  return new Promise<{ status: number; ended: Promise<string>; close(): void }>((resolve, reject) => {
    const request = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.once('data', () => response.pause());
      const ended = new Promise<string>((done) => {
        response.once('end', () => done('end'));
        response.once('aborted', () => done('aborted'));
        response.once('error', () => done('error'));
        response.once('close', () => done('close'));
      });
      resolve({ status: response.statusCode ?? 0, ended, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

describe('export limits', () => {
  let api: TestApi;
  let tenant: Tenant;
  let origin: string;
  beforeAll(async () => {
    api = await startTestApi({ exportLimits: { perCaller: 1, sendTimeoutMs: 500 } });
    tenant = await createTenant(api);
    origin = new URL(api.url).origin;
    const { accountId } = await seedTenantData(api.ds, tenant.organizationId, 'exports');
    await api.ds.query(
      `INSERT INTO cost_records (organization_id, provider_account_id, provider, day, model, charge_kind, cost, credits_applied)
       SELECT $1, $2, 'openai', DATE '2026-01-01' + (i % 28), 'model-' || i, 'usage', 0.01, 0 FROM generate_series(1, $3) AS i`,
      [tenant.organizationId, accountId, ROWS],
    );
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  const focus = `/export/focus.jsonl?start=2026-01-01&end=2026-02-01`;

  it('allows one download per credential at a time, cuts off a reader that stopped, and frees its connection', async () => {
    const stalled = await stalledDownload(`${origin}${focus}`, tenant.admin.token);
    expect(stalled.status).toBe(200);
    const second = await fetch(`${origin}/export/providers.csv`, {
      headers: { authorization: `Bearer ${tenant.admin.token}` },
    });
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Another credential is not held up.
    const other = await fetch(`${origin}/export/providers.csv`, {
      headers: { authorization: `Bearer ${tenant.viewer.token}` },
    });
    expect(other.status).toBe(200);
    await other.text();

    // Cut off after 500 ms without reading: its slot (and its database connection) are free again.
    let status = 429;
    for (let waited = 0; status === 429 && waited < 15_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const probe = await fetch(`${origin}/healthz`);
      expect(probe.status).toBe(200);
      const retry = await fetch(`${origin}/export/providers.csv`, {
        headers: { authorization: `Bearer ${tenant.admin.token}` },
      });
      status = retry.status;
      await retry.arrayBuffer();
    }
    expect(status).toBe(200);
    let wait: NodeJS.Timeout | undefined;
    expect(
      await Promise.race([
        stalled.ended,
        new Promise((resolve) => (wait = setTimeout(() => resolve('still open'), 2_000))),
      ]),
    ).not.toBe('end');
    clearTimeout(wait);
    // the paused reader's own socket: the server cut the download off, the client still holds its end
    stalled.close();
    const again = await fetch(`${origin}/export/providers.csv`, {
      headers: { authorization: `Bearer ${tenant.admin.token}` },
    });
    expect(again.status).toBe(200);
    await again.text();
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  }, 60_000);
});
