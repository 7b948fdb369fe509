import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROVIDER_IDS } from '@spendsync/domain';
import { createLogger } from '../src/logger';
import { execute, uniqueDatabaseName, withDatabase } from './test-database';
import { testDatabaseUrl } from './test-data-source';
import { startDemo, type Demo } from '../src/demo/start-demo';

type Gql<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

describe('pnpm demo (startDemo)', () => {
  let demo: Demo;
  const gql = async <T>(query: string, token?: string): Promise<Gql<T>> => {
    const response = await fetch(`${demo.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as Gql<T>;
  };
  const login = async (user: { email: string; password: string }) =>
    (
      await gql<{ login: { token: string } }>(
        `mutation { login(email: "${user.email}", password: "${user.password}") { token } }`,
      )
    ).data!.login.token;

  // The demo needs an empty database (it bootstraps its own admin): a fresh one on the test server.
  const name = `${uniqueDatabaseName()}_demo`;
  const serverUrl = testDatabaseUrl();

  beforeAll(async () => {
    await execute(serverUrl, `CREATE DATABASE "${name}"`);
    demo = await startDemo({
      logger: createLogger('silent'),
      port: 0,
      days: 7,
      simulatorDelayMs: 0,
      schedule: '0 0 1 1 *',
      adminDist: '/nonexistent',
      meteringIntervalMs: 500,
      databaseUrl: withDatabase(serverUrl, name),
    });
  }, 120_000);
  afterAll(async () => {
    await demo?.stop();
    await execute(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('links one account per provider, each pointing at its simulator', () => {
    expect(demo.organization.accounts.map((a) => a.provider).sort()).toEqual([...PROVIDER_IDS].sort());
    expect(demo.organization.accounts.every((a) => a.runId !== null)).toBe(true);
  });

  it("syncs every account's history to completion, with records", async () => {
    const token = await login(demo.users.admin);
    const deadline = Date.now() + 90_000;
    type Accounts = { providerAccounts: { label: string; lastRun: { status: string; recordCount: number } | null }[] };
    let accounts: Accounts['providerAccounts'] = [];
    while (Date.now() < deadline) {
      accounts = (await gql<Accounts>('{ providerAccounts { label lastRun { status recordCount } } }', token)).data!
        .providerAccounts;
      if (accounts.every((a) => a.lastRun && !['QUEUED', 'RUNNING'].includes(a.lastRun.status))) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(accounts).toHaveLength(PROVIDER_IDS.length);
    for (const account of accounts)
      expect({ label: account.label, status: account.lastRun?.status }).toEqual({
        label: account.label,
        status: 'SUCCEEDED',
      });
    expect(accounts.every((a) => a.lastRun!.recordCount > 0)).toBe(true);
  }, 120_000);

  it("ships two budgets whose alerts reach the demo's own webhook receiver", async () => {
    const token = await login(demo.users.admin);
    const deadline = Date.now() + 60_000;
    while (demo.alerts.received.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const budgets = await gql<{ budgets: { name: string; status: { spent: string; fired: unknown[] } }[] }>(
      '{ budgets { name status { spent fired { thresholdPercent } } } }',
      token,
    );
    expect(budgets.data!.budgets.map((b) => b.name).sort()).toEqual([
      'OpenAI and Anthropic (quarterly)',
      'Whole organization (monthly)',
    ]);
    expect(demo.alerts.received.length).toBeGreaterThan(0);
    expect(demo.alerts.received[0]).toMatch(/^Budget ".+" reached \d+ %/);
  }, 90_000);

  it('meters most keys and models, so coverage is above 0 % and every cause of the gap shows up', async () => {
    const token = await login(demo.users.admin);
    type Causes = { cause: string; amount: string }[];
    type Reconciliation = { billed: string; metered: string; gap: string; coverage: string | null; causes: Causes };
    type Recon = { spendsyncReconciliation: Reconciliation };
    const query = '{ spendsyncReconciliation { billed metered gap coverage causes { cause amount } } }';
    const deadline = Date.now() + 90_000;
    let recon: Recon['spendsyncReconciliation'] | undefined;
    let missing: string[] = ['not queried yet'];
    while (Date.now() < deadline) {
      recon = (await gql<Recon>(query, token)).data?.spendsyncReconciliation;
      missing = (recon?.causes ?? []).filter((c) => /^-?0(\.0*)?$/.test(c.amount)).map((c) => c.cause);
      // The metering client catches up over several ticks (and syncs still arriving add days): wait
      // for the state it settles in rather than its first report.
      if (recon && missing.length === 0 && Number(recon.coverage) > 0.5) break;
      await demo.metering.tick();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(missing).toEqual([]);
    expect(Number(recon!.coverage)).toBeGreaterThan(0.5);
    expect(Number(recon!.coverage)).toBeLessThan(1);
    // The causes are exact decimals summing to the gap.
    const scaled = (text: string) => {
      const [whole, fraction = ''] = text.replace(/^-/, '').split('.');
      return (text.startsWith('-') ? -1n : 1n) * BigInt(`${whole}${fraction.padEnd(40, '0')}`);
    };
    expect(recon!.causes.reduce((sum, c) => sum + scaled(c.amount), 0n)).toBe(scaled(recon!.gap));
  }, 120_000);

  it("shows runways for OpenRouter's and Runway's balances and the AWS grant it entered", async () => {
    const token = await login(demo.users.viewer);
    type Runway = {
      kind: string;
      provider: string;
      name: string;
      remaining: string;
      status: string;
      expiresOn: string | null;
    };
    const query = '{ spendsyncCreditRunways { kind provider name remaining status expiresOn } }';
    const runways = (await gql<{ spendsyncCreditRunways: Runway[] }>(query, token)).data!.spendsyncCreditRunways;
    expect(runways.map((r) => `${r.kind} ${r.provider}`).sort()).toEqual([
      'BALANCE OPENROUTER',
      'BALANCE RUNWAY',
      'GRANT AWS_BEDROCK',
    ]);
    for (const runway of runways) expect(Number(runway.remaining)).toBeGreaterThan(0);
    expect(runways.find((r) => r.kind === 'GRANT')).toMatchObject({
      name: 'AWS Activate',
      status: 'BURNING',
      expiresOn: expect.any(String),
    });
  });

  it('signs in the printed admin and viewer, the viewer read-only', async () => {
    const admin = await gql<{ me: { role: string; organization: { name: string } } }>(
      '{ me { role organization { name } } }',
      await login(demo.users.admin),
    );
    expect(admin.data?.me).toEqual({ role: 'ADMIN', organization: { name: 'Demo organization' } });
    const viewerToken = await login(demo.users.viewer);
    expect((await gql<{ me: { role: string } }>('{ me { role } }', viewerToken)).data?.me.role).toBe('VIEWER');
    const refused = await gql('mutation { refreshProvider(id: "x") { alreadyRunning } }', viewerToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('says when there is no admin UI build to serve', () => {
    expect(demo.adminUiServed).toBe(false);
  });
});
