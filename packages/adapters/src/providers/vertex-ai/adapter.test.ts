import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, eachDay, formatMoney, sumMoney, type CostRecord } from '@spendsync/domain';
import type { ProviderSimulator, SimulatorOptions } from '../../testing/provider-simulator';
import { catchAdapterError, collectRecords, createTestDeps } from '../../testing/contract-helpers';
import { createServiceAccountClient } from './auth';
import { createVertexDataset } from '@spendsync/simulators/providers/vertex-ai/dataset';
import { vertexAiProvider } from './index';
import { buildQueryRequest } from './query';
import { SIM_BILLING_TABLE, startVertexAiSimulator } from '@spendsync/simulators/providers/vertex-ai/simulator';

process.env.METADATA_SERVER_DETECTION = 'none';

// 20 days: longer than the simulator's "slow query" threshold, so the job is polled before its rows come.
const OPTIONS: SimulatorOptions = { seed: 11, start: '2026-02-01', days: 20, workspaces: 3, pageSize: 3 };

describe('Vertex AI adapter against the BigQuery simulator', () => {
  let sim: ProviderSimulator;
  let records: CostRecord[];
  const adapter = (overrides: Record<string, unknown> = {}) =>
    vertexAiProvider.create(
      vertexAiProvider.credentials.parse({ ...sim.credentials, ...overrides }),
      createTestDeps(sim),
    );

  beforeAll(async () => {
    sim = await startVertexAiSimulator(OPTIONS);
    ({ records } = await collectRecords(adapter(), sim.dataRange));
  });
  afterAll(() => sim.close());

  it('declares the export delay so syncs re-read two days', () => {
    expect(vertexAiProvider.capabilities).toMatchObject({ dataDelayHours: 48, credits: true, requestCounts: false });
  });

  it('totals cost and credits to the ground truth over several result pages', () => {
    const truth = sim.groundTruth(sim.dataRange);
    expect(truth.credits.isZero()).toBe(false);
    expect(formatMoney(sumMoney(records.map((r) => r.cost)))).toBe(formatMoney(truth.cost));
    expect(formatMoney(sumMoney(records.map((r) => r.creditsApplied)))).toBe(formatMoney(truth.credits));
    expect(sim.calls.filter((c) => c.method === 'GET').length).toBeGreaterThan(1);
  });

  it('sums credits over every credit type, per day and project', () => {
    const dataset = createVertexDataset(OPTIONS);
    for (const day of eachDay(sim.dataRange)) {
      for (const project of dataset.projects) {
        const rows = dataset.resultRows(day).filter((r) => r.projectId === project.id);
        const got = records.filter((r) => r.day === day && r.workspaceId === project.id);
        expect(formatMoney(sumMoney(got.map((r) => r.creditsApplied)))).toBe(
          formatMoney(sumMoney(rows.map((r) => r.credits.neg()))),
        );
      }
    }
    // The export does carry lines with several credit types, and a type the docs do not list.
    const lines = eachDay(sim.dataRange).flatMap((day) => dataset.exportLines(day));
    expect(lines.some((l) => new Set(l.credits.map((c) => c.type)).size > 1)).toBe(true);
    expect(lines.some((l) => l.credits.some((c) => c.type === 'SPENDING_BASED_DISCOUNT'))).toBe(true);
  });

  it('keeps units per record and classifies every SKU', () => {
    const byUnit = new Map(records.map((r) => [`${r.model}|${r.unit}|${r.chargeKind}`, r]));
    expect([...byUnit.keys()].sort()).toEqual([
      // Partner models billed under their own services, by SKU; Gemini API usage lands on its Gemini model.
      'claude-sonnet-4.5|null|usage',
      'gemini-1.5-flash|characters|usage',
      'gemini-2.5-flash-lite|null|usage',
      'gemini-2.5-flash|null|usage',
      'gemini-3-flash|null|usage',
      'gemini-3-flash|token-hours|usage',
      'imagen-3|images|image',
      'llama-3.3-70b|null|usage',
      'other|count|usage',
      'veo-2|seconds|usage',
    ]);
    const flash = records.filter((r) => r.model === 'gemini-2.5-flash');
    expect(
      flash.every(
        (r) => r.inputTokens !== null && r.cachedInputTokens !== null && r.inputTokens >= r.cachedInputTokens,
      ),
    ).toBe(true);
  });

  it('reads only the services the account is configured for, with partition filter and a dry run first', async () => {
    const dataset = createVertexDataset(OPTIONS);
    const from = sim.calls.length;
    const { records: vertexOnly } = await collectRecords(adapter({ services: 'vertex-ai' }), sim.dataRange);
    const expected = eachDay(sim.dataRange)
      .flatMap((day) => dataset.exportLines(day))
      .filter((l) => l.group === 'vertex-ai');
    expect(formatMoney(sumMoney(vertexOnly.map((r) => r.cost)))).toBe(
      formatMoney(sumMoney(expected.map((l) => l.cost))),
    );
    expect(vertexOnly.some((r) => r.model.startsWith('claude') || r.model.startsWith('llama'))).toBe(false);
    // Partner and Gemini API spend exist in the export: all three services cost more than Vertex AI alone.
    expect(sumMoney(records.map((r) => r.cost)).gt(sumMoney(vertexOnly.map((r) => r.cost)))).toBe(true);
    expect(sim.calls.slice(from).filter((c) => c.method === 'POST' && /\/queries$/.test(c.path)).length).toBe(2);
  });

  it.each([
    [
      { billingTable: 'acme-billing.billing_export.gcp_billing_export_v1_WRONG' },
      /Table acme-billing:billing_export.gcp_billing_export_v1_WRONG was not found in location US/,
    ],
    [{ location: 'EU' }, /was not found in location EU.*Check the table name and location/],
  ])('reports a wrong table or location as NOT_FOUND with what to check: %j', async (change, message) => {
    const error = await catchAdapterError(adapter(change).verify(), 'NOT_FOUND');
    expect(error.message).toMatch(message);
  });

  it('reports a key file whose private key cannot sign as AUTH_FAILED, without calling BigQuery', async () => {
    const key = JSON.parse(sim.credentials.serviceAccount as string);
    const broken = { ...key, private_key: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n' };
    const from = sim.calls.length;
    await catchAdapterError(adapter({ serviceAccount: broken }).verify(), 'AUTH_FAILED');
    expect(sim.calls.slice(from)).toEqual([]);
  });

  it('simulates a table that requires a partition filter: the query without _PARTITIONTIME is refused', async () => {
    const key = JSON.parse(sim.credentials.serviceAccount as string);
    const { token } = await createServiceAccountClient(key, { fetch, baseUrl: sim.url }).getAccessToken();
    const request = buildQueryRequest(
      SIM_BILLING_TABLE,
      { start: sim.dataRange.start, end: addDays(sim.dataRange.start, 1) },
      'US',
      10,
    );
    const withoutPartitionFilter = {
      ...request,
      query: request.query.replace(/WHERE _PARTITIONTIME[^\n]+\n\s+AND /, 'WHERE '),
    };
    expect(withoutPartitionFilter.query).not.toContain('_PARTITIONTIME');
    const response = await fetch(`${sim.url}/bigquery/v2/projects/acme-billing/queries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(withoutPartitionFilter),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        errors: [
          {
            reason: 'invalidQuery',
            message: expect.stringMatching(/without a filter over column\(s\) '_PARTITIONTIME'/),
          },
        ],
      },
    });
  });

  it('answers on the path without the /bigquery/v2 prefix too (BIGQUERY_EMULATOR_HOST style)', async () => {
    const key = JSON.parse(sim.credentials.serviceAccount as string);
    const { token } = await createServiceAccountClient(key, { fetch, baseUrl: sim.url }).getAccessToken();
    const response = await fetch(`${sim.url}/projects/acme-billing/queries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'SELECT 1', useLegacySql: false }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 400, errors: [{ reason: 'invalidQuery' }] } });
  });
});
