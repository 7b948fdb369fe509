import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '@spendsync/domain';
import type { ProviderSimulator } from '@spendsync/simulators';
import { createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { startSimulator } from './sync-harness';
import { pgPoolOf } from '../src/database/pg-pool';
import { DEFAULT_ANOMALY_THRESHOLDS } from '../src/features/anomalies/anomaly-thresholds';
import {
  buildSeries,
  daysToExplain,
  detectAnomalies,
  explainFindings,
  findAnomalousDays,
} from '../src/features/anomalies/detect-anomalies';
import { loadSettledSeries, loadSettledSpend, loadSettledThrough } from '../src/features/anomalies/spend-rows.service';
import { dayIndex } from '../src/features/anomalies/spend-series';

const NOW = new Date('2026-03-01T12:00:00Z');
const SIM = { seed: 19, start: '2026-01-01', days: 59, workspaces: 3, keysPerWorkspace: 2, models: 3 } as const;
const LINK = 'mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } run { id } } }';

/** Sorted JSON lines: Money prints as its exact decimal text. */
const text = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).sort();

describe('anomaly detection reads series totals from PostgreSQL and rows only for its findings', () => {
  let api: TestApi;
  let alice: Tenant;
  const sims: ProviderSimulator[] = [];

  beforeAll(async () => {
    sims.push(await startSimulator('openai', { ...SIM, spike: { day: '2026-02-20', factor: 25 } }));
    sims.push(await startSimulator('anthropic', SIM));
    api = await startTestApi({ now: () => NOW, backfillDays: 60 });
    alice = await createTenant(api, 'Alice');
    for (const [i, provider] of (['OPENAI', 'ANTHROPIC'] as const).entries()) {
      const sim = sims[i]!;
      const input = { provider, label: provider, credentials: sim.credentials, endpoint: sim.adapterDeps().baseUrl };
      const linked = await api.gql(LINK, { input }, alice.admin.token);
      expect(linked.errors).toBeUndefined();
      const run = await waitForRun(api, alice, linked.data.linkProvider.run.id, 60_000);
      expect(run.status).toBe('SUCCEEDED');
    }
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    for (const sim of sims) await sim.close();
  });

  it('sums the same daily series as buildSeries over the rows, at every level, within and across providers', async () => {
    const pool = pgPoolOf(api.ds);
    const range = { start: SIM.start, end: addDays(SIM.start, SIM.days) };
    const series = await loadSettledSeries(pool, alice.organizationId, range);
    const rows = await loadSettledSpend(pool, alice.organizationId, range);
    const fromRows = [...buildSeries(rows, range.start, dayIndex(range.start, range.end)).values()];
    expect(new Set(series.map((s) => `${s.id.level}|${s.id.provider ?? '*'}`))).toEqual(
      new Set([
        'workspace|openai',
        'workspace|anthropic',
        'workspace|*',
        'model|openai',
        'model|anthropic',
        'model|*',
        'api_key|openai',
        'api_key|anthropic',
      ]),
    );
    expect(text(series)).toEqual(text(fromRows));
  });

  it('finds and explains the same anomalies as one pass over the rows', async () => {
    const pool = pgPoolOf(api.ds);
    const settled = await loadSettledThrough(pool, alice.organizationId);
    const historyStart = SIM.start;
    const evaluate = { start: addDays(SIM.start, 28), end: addDays(SIM.start, SIM.days) };
    const context = { settledThrough: settled.byProvider, thresholds: DEFAULT_ANOMALY_THRESHOLDS };
    const range = { start: historyStart, end: evaluate.end };
    const series = await loadSettledSeries(pool, alice.organizationId, range);
    const findings = findAnomalousDays({ series, historyStart, evaluate, ...context });
    const only = { days: daysToExplain(findings, historyStart), series: findings.map((f) => f.s.id) };
    const read = await loadSettledSpend(pool, alice.organizationId, range, only);
    const explained = explainFindings(findings, read, historyStart);
    const onePass = detectAnomalies({
      rows: await loadSettledSpend(pool, alice.organizationId, range),
      historyStart,
      evaluate,
      ...context,
    });
    expect(onePass.some((a) => a.day === '2026-02-20' && a.series.level === 'api_key')).toBe(true);
    const all = await loadSettledSpend(pool, alice.organizationId, range);
    expect(only.days.length).toBeLessThan(dayIndex(range.start, range.end));
    expect(read.length).toBeLessThan(all.length);
    expect(text(explained)).toEqual(text(onePass));
  });
});
