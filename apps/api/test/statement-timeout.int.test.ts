import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { createFormatError } from '../src/graphql/format-error';
import { createLogger } from '../src/logger';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow } from './sync-harness';
import { testDatabaseUrl } from './test-data-source';

/** The review's resource-exhaustion finding: no statement may run forever on the serving pool. */
describe('statement timeout (SPENDSYNC_STATEMENT_TIMEOUT_MS)', () => {
  let limited: DataSource;
  let unlimited: DataSource;
  beforeAll(async () => {
    limited = createDataSource({ url: testDatabaseUrl(), poolSize: 1, statementTimeoutMs: 300 });
    unlimited = createDataSource({ url: testDatabaseUrl(), poolSize: 1 });
    await Promise.all([limited.initialize(), unlimited.initialize()]);
  });
  afterAll(async () => {
    await limited?.destroy();
    await unlimited?.destroy();
  });

  it('cancels a statement past the limit on the serving pool, and the connection keeps working', async () => {
    await expect(limited.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
    await expect(limited.query("SELECT current_setting('statement_timeout') AS t")).resolves.toEqual([{ t: '300ms' }]);
  });

  it('leaves a pool without the option (migrations, backups) unlimited', async () => {
    await expect(unlimited.query("SELECT current_setting('statement_timeout') AS t")).resolves.toEqual([{ t: '0' }]);
    await expect(unlimited.query('SELECT 1 AS n FROM pg_sleep(0.5)')).resolves.toEqual([{ n: 1 }]);
  });

  it('tells the client QUERY_TIMEOUT with what to do, not "Unexpected error"', async () => {
    const cancelled = await limited.query('SELECT pg_sleep(2)').catch((error: unknown) => error);
    const lines: string[] = [];
    const format = createFormatError(createLogger('debug', { write: (line: string) => void lines.push(line) }));
    const wrapped = new GraphQLError('canceling statement due to statement timeout', {
      path: ['spendsyncProviderDashboard'],
      originalError: cancelled as Error,
    });
    expect(format(wrapped.toJSON(), wrapped)).toEqual({
      message: expect.stringMatching(/ran longer than the server allows .*shorter period/),
      path: ['spendsyncProviderDashboard'],
      locations: undefined,
      extensions: { code: 'QUERY_TIMEOUT' },
    });
    expect(lines.join('\n')).toMatch(/statement timeout/);
  });
});

/**
 * Over the real GraphQL server, as main.ts wires it: requests run on the limited serving pool, the
 * sync engine on a pool without the limit. A table lock held from outside makes statements wait.
 */
describe('statement timeout over the GraphQL server', () => {
  const TIMEOUT_MS = 500;
  const LINK = `mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } run { id } } }`;
  const DASHBOARD = '{ providerDashboard(filter: { preset: LAST_30_DAYS }) { total } }';
  let sim: ProviderSimulator;
  let api: TestApi;
  let tenant: Tenant;
  let locker: DataSource;
  let accountId: string;

  beforeAll(async () => {
    sim = await simulators.litellm!({
      seed: 7,
      start: '2026-01-01',
      days: 3,
      workspaces: 1,
      keysPerWorkspace: 1,
      models: 1,
    });
    api = await startTestApi({ statementTimeoutMs: TIMEOUT_MS, now: simulatorNow(sim), backfillDays: 2 });
    tenant = await createTenant(api);
    locker = createDataSource({ url: testDatabaseUrl(), poolSize: 2 });
    await locker.initialize();
    const linked = await api.gql(
      LINK,
      {
        input: { provider: 'LITELLM', label: 'proxy', credentials: JSON.stringify(sim.credentials) },
      },
      tenant.admin.token,
    );
    expect(linked.errors).toBeUndefined();
    accountId = linked.data.linkProvider.account.id;
    await waitForRun(api, tenant, linked.data.linkProvider.run.id);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await locker?.destroy();
    await sim?.close();
  });

  /** Runs `body` while another session holds ACCESS EXCLUSIVE locks on `tables`, then releases them. */
  async function whileLocked<T>(tables: string[], body: () => Promise<T>): Promise<T> {
    const runner = locker.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      return await body();
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  const waiting = async (table: string) =>
    Number(
      (
        await locker.query(
          `SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`,
          [`%${table}%`],
        )
      )[0].n,
    );

  it('cancels a dashboard statement past the limit: QUERY_TIMEOUT, soon, and the server keeps answering', async () => {
    const tables = [
      'cost_records',
      'cost_rollup_keys',
      'cost_rollup_keys_monthly',
      'cost_rollup_workspace_models',
      'cost_rollup_workspace_models_monthly',
      ...['models', 'workspaces', 'accounts'].flatMap((grain) => [
        `cost_rollup_${grain}`,
        `cost_rollup_${grain}_monthly`,
      ]),
    ];
    const started = Date.now();
    const response = await whileLocked(tables, () => api.gql(DASHBOARD, {}, tenant.admin.token));
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/ran longer than the server allows/),
      extensions: { code: 'QUERY_TIMEOUT' },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const after = await api.gql(DASHBOARD, {}, tenant.admin.token);
    expect(after.errors).toBeUndefined();
  });

  it('leaves the sync engine unlimited: a run whose writes wait longer than the limit still succeeds', async () => {
    const logged = api.logLines.length;
    const run = await whileLocked(['sync_log_entries'], async () => {
      const refresh = 'mutation($id: ID!) { refreshProvider(id: $id) { run { id } } }';
      const refreshed = api.gql(refresh, { id: accountId }, tenant.admin.token);
      const deadline = Date.now() + 10_000;
      while ((await waiting('sync_log_entries')) === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, TIMEOUT_MS * 3));
      // Still waiting after three times the limit: the engine's statement was not cancelled.
      expect(await waiting('sync_log_entries')).toBeGreaterThan(0);
      return refreshed;
    });
    expect(run.errors).toBeUndefined();
    expect((await waitForRun(api, tenant, run.data.refreshProvider.run.id)).status).toBe('SUCCEEDED');
    expect(api.logLines.slice(logged).join('\n')).not.toMatch(/statement timeout/);
  });
});
