import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { startTestServer, type TestServer } from '@spendsync/adapters/testing';
import { createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow } from './sync-harness';

const LINK = `mutation($input: LinkProviderInput!) {
  linkProvider(input: $input) { account { id keyHint } run { id } }
}`;
const INTERNAL_BODY = 'INTERNAL-ONLY: jenkins admin console, db=hunter2';
/** An internal service's JSON error: a `message`, but not LiteLLM's envelope, so not repeated either. */
const INTERNAL_JSON = { message: 'INTERNAL-ONLY: vault token s.hunter2', stack: 'at Vault.unseal' };
const REFRESH = 'mutation($id: ID!) { refreshProvider(id: $id) { run { id } } }';
const KEY = 'sk-litellm-master-0123456789abcdef';

/**
 * The review's SSRF finding: with custom endpoints off, LiteLLM's baseUrl is the one address an
 * admin chooses freely. Loopback and private hosts need SPENDSYNC_LITELLM_ALLOWED_HOSTS, metadata
 * addresses are refused always, redirects are not followed, and no foreign body is repeated.
 */
describe('LiteLLM baseUrl with custom endpoints off', () => {
  let internal: TestServer;
  let bouncer: TestServer;
  let sim: ProviderSimulator;
  /** Forwards to the simulator until `turned`, then answers like an internal service (a host that changed hands). */
  let turncoat: TestServer;
  let turned = false;
  let closedApi: TestApi;
  let allowingApi: TestApi;
  let closedTenant: Tenant;
  let allowingTenant: Tenant;

  beforeAll(async () => {
    internal = await startTestServer((_r, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(INTERNAL_BODY);
    });
    bouncer = await startTestServer((_r, res) => {
      res.writeHead(302, { location: `${internal.url}/admin` });
      res.end();
    });
    sim = await simulators.litellm!({
      seed: 5,
      start: '2026-01-01',
      days: 3,
      workspaces: 1,
      keysPerWorkspace: 1,
      models: 1,
    });
    turncoat = await startTestServer(async (request, res) => {
      if (turned) {
        const json = request.url.startsWith('/global/');
        res.writeHead(json ? 500 : 404, { 'content-type': json ? 'application/json' : 'text/plain' });
        return void res.end(json ? JSON.stringify(INTERNAL_JSON) : INTERNAL_BODY);
      }
      const upstream = await fetch(`${sim.credentials.baseUrl as string}${request.url}`, {
        headers: { authorization: request.headers.authorization ?? '' },
      });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(await upstream.text());
    });
    closedApi = await startTestApi({ allowCustomEndpoints: false, now: simulatorNow(sim), backfillDays: 2 });
    allowingApi = await startTestApi({
      allowCustomEndpoints: false,
      now: simulatorNow(sim),
      backfillDays: 2,
      litellmAllowedHosts: ['127.0.0.1'],
    });
    closedTenant = await createTenant(closedApi);
    allowingTenant = await createTenant(allowingApi);
  }, 60_000);
  afterAll(async () => {
    await closedApi?.close();
    await allowingApi?.close();
    await sim?.close();
    await internal?.close();
    await bouncer?.close();
    await turncoat?.close();
  }, 30_000);

  const link = (api: TestApi, tenant: Tenant, baseUrl: string, apiKey = KEY) =>
    api.gql(
      LINK,
      { input: { provider: 'LITELLM', label: 'proxy', credentials: JSON.stringify({ apiKey, baseUrl }) } },
      tenant.admin.token,
    );
  const accounts = async (api: TestApi, tenant: Tenant) =>
    Number(
      (
        await api.ds.query('SELECT count(*) AS n FROM provider_accounts WHERE organization_id = $1', [
          tenant.organizationId,
        ])
      )[0].n,
    );

  it('refuses a loopback baseUrl before connecting, says which setting allows it, and stores nothing', async () => {
    const response = await link(closedApi, closedTenant, `${internal.url}/latest`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'credentials.baseUrl' });
    expect(response.errors?.[0]?.message).toMatch(
      /127\.0\.0\.1 is a loopback or private address.*SPENDSYNC_LITELLM_ALLOWED_HOSTS/,
    );
    expect(internal.requests).toHaveLength(0);
    expect(await accounts(closedApi, closedTenant)).toBe(0);
  });

  it.each(['http://169.254.169.254/latest', 'http://[fd00:ec2::254]/latest', 'http://localhost:4599/latest'])(
    'refuses %s (metadata or loopback by name)',
    async (baseUrl) => {
      const response = await link(closedApi, closedTenant, baseUrl);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'credentials.baseUrl' });
      expect(response.errors?.[0]?.message).toMatch(/link-local or cloud metadata|loopback or private/);
    },
  );

  it('refuses the metadata address even where loopback is allowed', async () => {
    const response = await link(allowingApi, allowingTenant, 'http://169.254.169.254/latest');
    expect(response.errors?.[0]?.message).toMatch(/link-local or cloud metadata address/);
  });

  it('with the host allowed, an internal server that is not LiteLLM gets no body echoed back', async () => {
    const response = await link(allowingApi, allowingTenant, `${internal.url}/latest`);
    const text = JSON.stringify(response);
    expect(response.errors?.[0]?.extensions?.code).toMatch(/PROVIDER_/);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('INTERNAL-ONLY');
    expect(text).not.toContain(KEY);
    expect(allowingApi.logLines.join('\n')).not.toContain('hunter2');
    expect(await accounts(allowingApi, allowingTenant)).toBe(0);
  });

  it('does not follow a redirect to another host', async () => {
    const before = internal.requests.length;
    const response = await link(allowingApi, allowingTenant, `${bouncer.url}/latest`);
    expect(response.errors?.[0]?.message).toMatch(/redirect, which spendsync never follows/);
    expect(internal.requests).toHaveLength(before);
  });

  it("keeps an internal service's answers out of the sync log and run error once an allowed host turns", async () => {
    const linked = await link(allowingApi, allowingTenant, turncoat.url, sim.credentials.apiKey as string);
    expect(linked.errors).toBeUndefined();
    const accountId = linked.data.linkProvider.account.id as string;
    expect((await waitForRun(allowingApi, allowingTenant, linked.data.linkProvider.run.id)).status).toBe('SUCCEEDED');
    turned = true;
    const refreshed = await allowingApi.gql(REFRESH, { id: accountId }, allowingTenant.admin.token);
    const run = await waitForRun(allowingApi, allowingTenant, refreshed.data.refreshProvider.run.id);
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/HTTP 500: the answer had no recognised error body/);
    const stored = await allowingApi.ds.query(
      `SELECT message FROM sync_log_entries WHERE run_id = $1
       UNION ALL SELECT coalesce(error, '') FROM sync_runs WHERE id = $1
       UNION ALL SELECT coalesce(last_error, '') FROM provider_accounts WHERE id = $2`,
      [refreshed.data.refreshProvider.run.id, accountId],
    );
    const text = [...stored.map((row: { message: string }) => row.message), ...allowingApi.logLines].join('\n');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('INTERNAL-ONLY');
    expect(text).not.toContain(sim.credentials.apiKey as string);
  });

  it('links a real LiteLLM proxy on an allowed host', async () => {
    const response = await link(
      allowingApi,
      allowingTenant,
      sim.credentials.baseUrl as string,
      sim.credentials.apiKey as string,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.linkProvider.account.keyHint).toContain('127.0.0.1');
  });
});
