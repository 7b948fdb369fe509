import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { collectSecrets, findSecretLeaks } from '@spendsync/adapters/testing';
import type { ProviderId } from '@spendsync/domain';
import { providerEnumName } from '../src/graphql/provider.enum';
import { createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow } from './sync-harness';

// Azure's SDK only speaks HTTPS and its simulator's certificate is handed to the adapter as an
// SDK seam (not an endpoint), which an account's endpoint override cannot carry.
const PROVIDERS = (Object.keys(simulators) as ProviderId[]).filter((p) => p !== 'azure').sort();
const SIM_OPTIONS = { seed: 11, start: '2026-01-01', days: 6, workspaces: 2, keysPerWorkspace: 1, models: 2 };

const LINK = `mutation($input: LinkProviderInput!) {
  linkProvider(input: $input) { account { id provider label keyHint status endpoint } run { id trigger status } verification { detail } }
}`;

describe.each(PROVIDERS)('linkProvider with the %s simulator', (provider) => {
  let api: TestApi;
  let tenant: Tenant;
  let sim: ProviderSimulator;
  const bodies: string[] = [];
  const link = async (credentials: unknown, label = `${provider} account`) => {
    const response = await api.gql(
      LINK,
      {
        input: {
          provider: providerEnumName(provider),
          label,
          credentials,
          endpoint: sim.adapterDeps().baseUrl ?? null,
        },
      },
      tenant.admin.token,
    );
    bodies.push(JSON.stringify(response));
    return response;
  };
  const accountCount = async () =>
    Number(
      (
        await api.ds.query('SELECT count(*) AS n FROM provider_accounts WHERE organization_id = $1', [
          tenant.organizationId,
        ])
      )[0].n,
    );

  beforeAll(async () => {
    sim = await simulators[provider]!(SIM_OPTIONS);
    api = await startTestApi({ now: simulatorNow(sim), backfillDays: 5 });
    tenant = await createTenant(api);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  it('refuses a valid key of the wrong type with its message and field, and stores nothing', async () => {
    const response = await link(sim.wrongTypeCredentials);
    const error = response.errors?.[0];
    expect(['CREDENTIALS_INVALID', 'CREDENTIAL_REJECTED']).toContain(error?.extensions?.code);
    expect(error?.extensions?.field).toMatch(/^credentials(\.|$)/);
    expect(error?.message.length).toBeGreaterThan(20);
    expect(await accountCount()).toBe(0);
  });

  it('refuses an unknown secret as the provider does (PROVIDER_AUTH_FAILED), naming the secret field', async () => {
    const response = await link(sim.invalidCredentials);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
      providerCode: 'AUTH_FAILED',
      field: expect.stringMatching(/^credentials\./),
    });
    expect(await accountCount()).toBe(0);
  });

  it('refuses credentials that are not JSON', async () => {
    const response = await link('{"apiKey": ');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIALS_INVALID', field: 'credentials' });
    expect(await accountCount()).toBe(0);
  });

  it('links valid credentials: stored encrypted, shown only by hint, and the backfill starts', async () => {
    const response = await link(JSON.stringify(sim.credentials));
    expect(response.errors).toBeUndefined();
    const { account, run } = response.data.linkProvider;
    expect(account).toMatchObject({
      provider: providerEnumName(provider),
      status: expect.stringMatching(/ACTIVE|SYNCING/),
      keyHint: expect.any(String),
    });
    expect(run).toMatchObject({ trigger: 'LINK' });
    const [row] = await api.ds.query('SELECT credentials_encrypted FROM provider_accounts WHERE id = $1', [account.id]);
    const secrets = collectSecrets(sim.credentials);
    expect(findSecretLeaks([row.credentials_encrypted.toString('latin1')], secrets)).toEqual([]);
    expect(await waitForRun(api, tenant, run.id)).toEqual({ status: 'SUCCEEDED', error: null });
    const synced = await api.gql(
      'query($id: ID!) { providerAccount(id: $id) { status lastSyncedAt workspaces { id } } }',
      { id: account.id },
      tenant.admin.token,
    );
    expect(synced.data.providerAccount).toMatchObject({ status: 'ACTIVE', lastSyncedAt: expect.any(String) });
  });

  it('never shows a submitted secret in any response, log line or sync log', async () => {
    const secrets = collectSecrets(sim.credentials, sim.invalidCredentials, sim.wrongTypeCredentials);
    const syncLog: { message: string }[] = await api.ds.query(
      'SELECT message FROM sync_log_entries WHERE organization_id = $1',
      [tenant.organizationId],
    );
    const accounts = await api.gql(
      '{ providerAccounts { id keyHint lastError endpoint lastRun { error } } }',
      {},
      tenant.admin.token,
    );
    const texts = [...bodies, JSON.stringify(accounts), ...api.logLines, ...syncLog.map((l) => l.message)];
    expect(findSecretLeaks(texts, secrets)).toEqual([]);
  });
});
