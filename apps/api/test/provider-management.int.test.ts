import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import { createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow, startSimulator } from './sync-harness';

const ACCOUNT = `query($id: ID!) { providerAccount(id: $id) {
  id label keyHint status lastError endpoint dataCompleteThrough lastSyncedAt info { label expectedDelayHours available }
  activeRun { id } lastRun { id status trigger recordCount } syncRuns(limit: 10) { total items { id trigger } } workspaces { id } apiKeys { id hint }
} }`;
const REFRESH = 'mutation($id: ID!) { refreshProvider(id: $id) { alreadyRunning run { id status trigger } } }';
const UPDATE = `mutation($input: UpdateProviderCredentialsInput!) {
  updateProviderCredentials(input: $input) { account { keyHint status label } verification { detail } }
}`;

describe('provider account management (OpenAI simulator)', () => {
  let api: TestApi;
  let tenant: Tenant;
  let sim: ProviderSimulator;
  let accountId: string;
  let linkRunId: string;

  const linkOpenAi = async (label: string) => {
    const response = await api.gql(
      `mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } run { id } } }`,
      {
        input: { provider: 'OPENAI', label, credentials: sim.credentials, endpoint: sim.adapterDeps().baseUrl },
      },
      tenant.admin.token,
    );
    expect(response.errors).toBeUndefined();
    return response.data.linkProvider as { account: { id: string }; run: { id: string } };
  };

  beforeAll(async () => {
    sim = await startSimulator('openai', {
      seed: 3,
      start: '2026-01-01',
      days: 8,
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 2,
    });
    api = await startTestApi({ now: simulatorNow(sim), backfillDays: 9 });
    tenant = await createTenant(api);
    const linked = await linkOpenAi('OpenAI – research');
    accountId = linked.account.id;
    linkRunId = linked.run.id;
    await waitForRun(api, tenant, linkRunId);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  it('shows the account with its hint, freshness, runs, workspaces and keys, and no credential field exists', async () => {
    const { data, errors } = await api.gql(ACCOUNT, { id: accountId }, tenant.viewer.token);
    expect(errors).toBeUndefined();
    expect(data.providerAccount).toMatchObject({
      label: 'OpenAI – research',
      keyHint: expect.stringMatching(/^sk-admin-.{3}\.\.\..{4}$/),
      status: 'ACTIVE',
      lastError: null,
      endpoint: sim.adapterDeps().baseUrl,
      dataCompleteThrough: expect.stringMatching(/^2026-01-\d\d$/),
      lastSyncedAt: expect.any(String),
      info: { label: 'OpenAI', available: true, expectedDelayHours: expect.any(Number) },
      activeRun: null,
      lastRun: { id: linkRunId, status: 'SUCCEEDED', trigger: 'LINK' },
      syncRuns: { total: 1 },
    });
    expect(data.providerAccount.lastRun.recordCount).toBeGreaterThan(0);
    expect(data.providerAccount.workspaces).toHaveLength(2);
    expect(data.providerAccount.apiKeys).toHaveLength(4);
    const credentialField = await api.gql(
      'query($id: ID!) { providerAccount(id: $id) { credentials } }',
      { id: accountId },
      tenant.admin.token,
    );
    expect(credentialField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refreshes: starts a manual run, and a second refresh returns that same run while it is running', async () => {
    sim.faults.set({ slowMs: 150 });
    try {
      const first = await api.gql(REFRESH, { id: accountId }, tenant.admin.token);
      expect(first.data.refreshProvider).toMatchObject({ alreadyRunning: false, run: { trigger: 'MANUAL' } });
      const second = await api.gql(REFRESH, { id: accountId }, tenant.admin.token);
      expect(second.data.refreshProvider).toEqual({
        alreadyRunning: true,
        run: { ...first.data.refreshProvider.run, status: expect.any(String) },
      });
      const purge = await api.gql(
        'mutation($id: ID!) { unlinkProvider(id: $id, purgeHistory: true) { purged } }',
        { id: accountId },
        tenant.admin.token,
      );
      expect(purge.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await waitForRun(api, tenant, first.data.refreshProvider.run.id)).toMatchObject({ status: 'SUCCEEDED' });
    } finally {
      sim.faults.clear();
    }
  });

  it('pages runs newest first and log lines by cursor', async () => {
    const page = await api.gql(
      'query($id: ID!) { syncRuns(providerAccountId: $id, offset: 1, limit: 1) { total items { id trigger } } }',
      { id: accountId },
      tenant.viewer.token,
    );
    expect(page.data.syncRuns).toEqual({ total: 2, items: [{ id: linkRunId, trigger: 'LINK' }] });
    const all = await api.gql(
      'query($id: ID!) { syncLogLines(runId: $id) { id level message } }',
      { id: linkRunId },
      tenant.viewer.token,
    );
    const lines = all.data.syncLogLines as { id: string; message: string }[];
    expect(lines[0]!.message).toMatch(/^Sync started \(link\)/);
    expect(lines.at(-1)!.message).toMatch(/^Sync succeeded/);
    const rest = await api.gql(
      'query($id: ID!, $after: ID!) { syncLogLines(runId: $id, afterId: $after, limit: 2) { id } }',
      { id: linkRunId, after: lines[0]!.id },
      tenant.viewer.token,
    );
    expect(rest.data.syncLogLines).toEqual(lines.slice(1, 3).map((l) => ({ id: l.id })));
    const bad = await api.gql(
      'query($id: ID!) { syncLogLines(runId: $id, afterId: "x") { id } }',
      { id: linkRunId },
      tenant.viewer.token,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'afterId' });
  });

  it('keeps the old credential when the new one fails, and replaces it when the new one passes', async () => {
    const before = (await api.gql(ACCOUNT, { id: accountId }, tenant.admin.token)).data.providerAccount.keyHint;
    const invalid = await api.gql(
      UPDATE,
      { input: { id: accountId, credentials: sim.invalidCredentials } },
      tenant.admin.token,
    );
    expect(invalid.errors?.[0]?.extensions).toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
      field: 'credentials.apiKey',
    });
    const unscoped = await api.gql(
      UPDATE,
      { input: { id: accountId, credentials: sim.wrongTypeCredentials } },
      tenant.admin.token,
    );
    expect(unscoped.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/api\.usage\.read/),
      extensions: { code: 'CREDENTIAL_REJECTED', field: 'credentials.apiKey' },
    });
    const projectKey = await api.gql(
      UPDATE,
      { input: { id: accountId, credentials: { apiKey: `sk-proj-${'a'.repeat(40)}` } } },
      tenant.admin.token,
    );
    expect(projectKey.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/project key/),
      extensions: { code: 'CREDENTIALS_INVALID', field: 'credentials.apiKey' },
    });
    expect((await api.gql(ACCOUNT, { id: accountId }, tenant.admin.token)).data.providerAccount.keyHint).toBe(before);
    const ok = await api.gql(
      UPDATE,
      { input: { id: accountId, credentials: sim.credentials, label: 'OpenAI – renamed' } },
      tenant.admin.token,
    );
    expect(ok.data.updateProviderCredentials).toEqual({
      account: { keyHint: before, status: 'ACTIVE', label: 'OpenAI – renamed' },
      verification: { detail: 'FULL' },
    });
  });

  it('unlinks keeping history: credentials erased, data kept, no more syncs', async () => {
    const { account, run } = await linkOpenAi('to disconnect');
    await waitForRun(api, tenant, run.id);
    const records = async () =>
      Number(
        (await api.ds.query('SELECT count(*) AS n FROM cost_records WHERE provider_account_id = $1', [account.id]))[0]
          .n,
      );
    const stored = await records();
    expect(stored).toBeGreaterThan(0);
    const unlink = await api.gql(
      'mutation($id: ID!) { unlinkProvider(id: $id, purgeHistory: false) { id purged } }',
      { id: account.id },
      tenant.admin.token,
    );
    expect(unlink.data.unlinkProvider).toEqual({ id: account.id, purged: false });
    const [row] = await api.ds.query(
      'SELECT status, length(credentials_encrypted) AS bytes FROM provider_accounts WHERE id = $1',
      [account.id],
    );
    expect(row).toEqual({ status: 'disconnected', bytes: 0 });
    expect(await records()).toBe(stored);
    const refresh = await api.gql(REFRESH, { id: account.id }, tenant.admin.token);
    expect(refresh.errors?.[0]).toMatchObject({
      extensions: { code: 'SYNC_UNAVAILABLE' },
      message: expect.stringMatching(/disconnected/),
    });
  });

  it('unlinks purging history: the account and everything synced through it are gone', async () => {
    const { account, run } = await linkOpenAi('to purge');
    await waitForRun(api, tenant, run.id);
    const count = async () =>
      Number(
        (await api.ds.query('SELECT count(*) AS n FROM cost_records WHERE provider_account_id = $1', [account.id]))[0]
          .n,
      );
    expect(await count()).toBeGreaterThan(0);
    const unlink = await api.gql(
      'mutation($id: ID!) { unlinkProvider(id: $id, purgeHistory: true) { purged } }',
      { id: account.id },
      tenant.admin.token,
    );
    expect(unlink.data.unlinkProvider).toEqual({ purged: true });
    expect(await count()).toBe(0);
    expect((await api.gql(ACCOUNT, { id: account.id }, tenant.admin.token)).data.providerAccount).toBeNull();
  });

  it('refuses a custom endpoint that is not an http(s) URL', async () => {
    const response = await api.gql(
      `mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } } }`,
      {
        input: { provider: 'OPENAI', label: 'x', credentials: sim.credentials, endpoint: 'file:///etc/passwd' },
      },
      tenant.admin.token,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endpoint' });
  });

  it('lists every provider with its credential guide', async () => {
    const { data } = await api.gql(
      '{ providers { id label available credentialFields { name secret } } }',
      {},
      tenant.viewer.token,
    );
    expect(data.providers).toHaveLength(9);
    expect(data.providers.find((p: { id: string }) => p.id === 'AWS_BEDROCK')).toMatchObject({
      available: true,
      credentialFields: expect.arrayContaining([
        { name: 'secretAccessKey', secret: true },
        { name: 'accessKeyId', secret: false },
      ]),
    });
  });
});
