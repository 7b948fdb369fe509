import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { addDays, dayOf } from '@spendsync/domain';
import { createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow } from './sync-harness';

const LINK = `mutation($input: LinkProviderInput!) {
  linkProvider(input: $input) { account { id } run { id } verification { detail message } }
}`;
const ACCOUNT = `query($id: ID!) { providerAccount(id: $id) { status lastError attention { kind message fix } } }`;
const DASHBOARD = `{ providerDashboard(filter: { preset: LAST_30_DAYS }) { rows { providerAccountId status attention { kind message fix } } } }`;
const RUNS = `query($account: ID, $status: SyncRunStatus, $trigger: SyncTrigger, $limit: Int!) {
  syncRuns(providerAccountId: $account, status: $status, trigger: $trigger, limit: $limit) { total items { id providerAccountId trigger status } }
}`;

describe('accounts that need attention, and the sync log of every account', () => {
  let api: TestApi;
  let tenant: Tenant;
  let openai: ProviderSimulator;
  let openrouter: ProviderSimulator;
  let noDataAccount: string;
  let standardKeyAccount: string;
  let standardKeyRun: string;

  const link = async (sim: ProviderSimulator, provider: string, label: string) => {
    const response = await api.gql(
      LINK,
      { input: { provider, label, credentials: sim.credentials, endpoint: sim.adapterDeps().baseUrl } },
      tenant.admin.token,
    );
    expect(response.errors).toBeUndefined();
    return response.data.linkProvider as {
      account: { id: string };
      run: { id: string };
      verification: { detail: string; message: string | null };
    };
  };

  beforeAll(async () => {
    openrouter = await simulators.openrouter!({
      seed: 5,
      start: '2026-05-01',
      days: 20,
      managementKey: false,
    } as never);
    // OpenAI's data lies a year before the API's clock: the key authenticates, the backfill finds nothing.
    openai = await simulators.openai!({ seed: 5, start: '2025-03-01', days: 10 });
    api = await startTestApi({ now: simulatorNow(openrouter), backfillDays: 10 });
    tenant = await createTenant(api);
    const noData = await link(openai, 'OPENAI', 'OpenAI – wrong place');
    noDataAccount = noData.account.id;
    expect((await waitForRun(api, tenant, noData.run.id)).status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await api?.close();
    await openai?.close();
    await openrouter?.close();
  });

  it('shows a sync that authenticated but found no billing data as needing attention, with the key type that fixes it', async () => {
    const { data } = await api.gql(ACCOUNT, { id: noDataAccount }, tenant.admin.token);
    expect(data.providerAccount).toMatchObject({
      status: 'ACTIVE',
      lastError: expect.stringMatching(/returned no billing data/),
    });
    expect(data.providerAccount.attention).toEqual([
      {
        kind: 'NO_BILLING_DATA',
        message: data.providerAccount.lastError,
        fix: 'Under Edit credentials, link this kind of key instead: Organization Admin key (sk-admin-…); project keys (sk-proj-…) cannot read billing.',
      },
    ]);
    const dashboard = await api.gql(DASHBOARD, {}, tenant.viewer.token);
    expect(dashboard.data.providerDashboard.rows).toEqual(
      expect.arrayContaining([
        { providerAccountId: noDataAccount, status: 'ACTIVE', attention: data.providerAccount.attention },
      ]),
    );
  });

  it('links an OpenRouter standard key with a limited verification, syncs its spend today and says on the account what it cannot sync', async () => {
    const linked = await link(openrouter, 'OPENROUTER', 'OpenRouter – standard key');
    standardKeyAccount = linked.account.id;
    standardKeyRun = linked.run.id;
    expect(linked.verification).toEqual({
      detail: 'LIMITED',
      message: expect.stringMatching(/only the last 30 days.*management key.*Key sk-or-v1-.*today/),
    });
    expect((await waitForRun(api, tenant, linked.run.id)).status).toBe('SUCCEEDED');
    const today = dayOf(simulatorNow(openrouter)());
    const stored = await api.ds.query(
      'SELECT day::text AS day, model, cost::text AS cost FROM cost_records WHERE provider_account_id = $1',
      [standardKeyAccount],
    );
    expect(stored).toEqual([
      { day: today, model: 'all models (standard key)', cost: expect.stringMatching(/^\d+(\.\d+)?$/) },
    ]);
    const lines = await api.ds.query('SELECT message FROM sync_log_entries WHERE run_id = $1 ORDER BY id', [
      linked.run.id,
    ]);
    expect(lines.map((l: { message: string }) => l.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `can read only from ${today}; 10 earlier days \\(${addDays(today, -10)} to ${addDays(today, -1)}\\) are kept as stored`,
          ),
        ),
      ]),
    );
    const { data } = await api.gql(ACCOUNT, { id: standardKeyAccount }, tenant.admin.token);
    expect(data.providerAccount).toMatchObject({ status: 'ACTIVE', lastError: null });
    expect(data.providerAccount.attention).toEqual([
      {
        kind: 'LIMITED_CREDENTIAL',
        message: linked.verification.message,
        fix: expect.stringMatching(/Add a management key/),
      },
    ]);
  });

  it("keeps a standard key's earlier days as stored when it syncs again", async () => {
    const yesterday = addDays(dayOf(simulatorNow(openrouter)()), -1);
    await api.ds.query(
      `INSERT INTO cost_records (organization_id, provider_account_id, provider, day, model, charge_kind, cost, credits_applied, currency)
      VALUES ($1, $2, 'openrouter', $3, 'all models (standard key)', 'usage', 1.25, 0, 'USD')`,
      [tenant.organizationId, standardKeyAccount, yesterday],
    );
    const refresh = await api.gql(
      'mutation($id: ID!) { refreshProvider(id: $id) { run { id } } }',
      { id: standardKeyAccount },
      tenant.admin.token,
    );
    expect((await waitForRun(api, tenant, refresh.data.refreshProvider.run.id)).status).toBe('SUCCEEDED');
    const kept = await api.ds.query(
      'SELECT cost::text AS cost FROM cost_records WHERE provider_account_id = $1 AND day = $2',
      [standardKeyAccount, yesterday],
    );
    expect(kept).toEqual([{ cost: '1.25' }]);
  });

  it('lists the runs of every account newest first, filtered by account, status and trigger', async () => {
    const all = await api.gql(RUNS, { limit: 50 }, tenant.viewer.token);
    expect(all.errors).toBeUndefined();
    expect(all.data.syncRuns.total).toBe(3);
    expect(new Set(all.data.syncRuns.items.map((r: { providerAccountId: string }) => r.providerAccountId))).toEqual(
      new Set([noDataAccount, standardKeyAccount]),
    );
    expect(all.data.syncRuns.items[0]).toMatchObject({ providerAccountId: standardKeyAccount, trigger: 'MANUAL' });
    const byAccount = await api.gql(RUNS, { account: standardKeyAccount, limit: 50 }, tenant.viewer.token);
    expect(byAccount.data.syncRuns.items.map((r: { id: string }) => r.id)).toContain(standardKeyRun);
    expect(byAccount.data.syncRuns.total).toBe(2);
    const links = await api.gql(RUNS, { trigger: 'LINK', status: 'SUCCEEDED', limit: 50 }, tenant.viewer.token);
    expect(links.data.syncRuns).toMatchObject({ total: 2 });
    expect(links.data.syncRuns.items.every((r: { trigger: string }) => r.trigger === 'LINK')).toBe(true);
    expect((await api.gql(RUNS, { status: 'FAILED', limit: 50 }, tenant.viewer.token)).data.syncRuns).toEqual({
      total: 0,
      items: [],
    });
    const other = await createTenant(api);
    expect((await api.gql(RUNS, { limit: 50 }, other.admin.token)).data.syncRuns.total).toBe(0);
  });
});
