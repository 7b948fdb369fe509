import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import { verifyWebhookSignature } from '../src/features/notifications/webhook-signature';
import { collect, createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow, startSimulator } from './sync-harness';

const CREATE = `mutation($input: BudgetInput!) { createBudget(input: $input) {
  id name amount periodKind measure thresholds { percent kind } scope { providers }
  status { periodStart periodEnd spent forecast percent forecastBasisDays provisionalDays reached { percent kind } fired { thresholdPercent } highestPercentReached }
} }`;
const ALERTS =
  'subscription { alertFired { budgetId budgetName change thresholdKind thresholdPercent spent budgetAmount } }';
const DELIVERIES = `query($channel: ID) { notificationDeliveries(channelId: $channel) {
  eventType status attempts attemptLog { attempt statusCode latencyMs error } } }`;

/** Polls `read` until it returns `expected` (or times out with the last value). */
async function eventually<T>(read: () => T | Promise<T>, expected: T, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

describe('budgets and channels over GraphQL', () => {
  let api: TestApi;
  let alice: Tenant;
  let bob: Tenant;
  let sim: ProviderSimulator;
  let receiver: http.Server;
  let hookUrl: string;
  const received: { signature: string; body: string }[] = [];

  beforeAll(async () => {
    sim = await startSimulator('openai', {
      seed: 7,
      start: '2026-01-01',
      days: 6,
      workspaces: 1,
      keysPerWorkspace: 1,
      models: 2,
    });
    api = await startTestApi({ now: simulatorNow(sim), backfillDays: 10 });
    [alice, bob] = await Promise.all([createTenant(api, 'Alice'), createTenant(api, 'Bob')]);
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        received.push({ signature: String(req.headers['x-spendsync-signature']), body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await sim?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('refuses viewers and bad input with field-level errors, saving nothing', async () => {
    const input = { name: 'x', amount: '10', period: { kind: 'MONTH' } };
    const viewer = await api.gql(CREATE, { input }, alice.viewer.token);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bobAccount = (
      await api.ds.query(
        `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, 'openai', 'b', '\\x00', 'h') RETURNING id`,
        [bob.organizationId],
      )
    )[0].id as string;
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: '0' }, 'amount'],
      [{ amount: '-1.5' }, 'amount'],
      [{ thresholds: [{ percent: 2000, kind: 'ACTUAL' }] }, 'thresholds.0.percent'],
      [{ period: { kind: 'CUSTOM', start: '2026-02-10', end: '2026-02-01' } }, 'period.end'],
      [{ scope: { accountIds: [bobAccount] } }, 'scope.accountIds'],
      [{ scope: { models: ['no-such-model'] } }, 'scope.models'],
    ];
    for (const [change, field] of cases) {
      const response = await api.gql(CREATE, { input: { ...input, ...change } }, alice.admin.token);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const notDecimal = await api.gql(CREATE, { input: { ...input, amount: 'ten' } }, alice.admin.token);
    expect(notDecimal.errors?.[0]?.message).toContain('input.amount');
    const list = await api.gql('{ budgets { id } }', {}, alice.viewer.token);
    expect(list.data.budgets).toEqual([]);
  });

  it('alerts live when a sync crosses a threshold, and the signed delivery shows in the log', async () => {
    const channel = await api.gql(
      `mutation($input: NotificationChannelInput!) { createNotificationChannel(input: $input) {
      channel { id kind targetHint configured } secret } }`,
      { input: { kind: 'WEBHOOK', name: 'ops', url: hookUrl } },
      alice.admin.token,
    );
    expect(channel.errors).toBeUndefined();
    const {
      channel: { id: channelId },
      secret,
    } = channel.data.createNotificationChannel;
    expect(secret).toMatch(/^whsec_/);
    const listed = await api.gql('{ notificationChannels { id targetHint } }', {}, alice.viewer.token);
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    const created = await api.gql(
      CREATE,
      {
        input: {
          name: 'OpenAI',
          amount: '0.01',
          period: { kind: 'MONTH' },
          scope: { providers: ['OPENAI'] },
          thresholds: [{ percent: 50, kind: 'ACTUAL' }],
        },
      },
      alice.admin.token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createBudget.status).toMatchObject({ spent: '0', fired: [], highestPercentReached: null });

    const alerts = collect<{ alertFired: { budgetId: string; change: string; thresholdPercent: number } }>(
      api.wsClient(alice.viewer.token),
      ALERTS,
      {},
      1,
      30_000,
    );
    const bobs = collect(api.wsClient(bob.admin.token), ALERTS, {}, 1, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const link = await api.gql(
      'mutation($input: LinkProviderInput!) { linkProvider(input: $input) { run { id } } }',
      {
        input: { provider: 'OPENAI', label: 'sim', credentials: sim.credentials, endpoint: sim.adapterDeps().baseUrl },
      },
      alice.admin.token,
    );
    await waitForRun(api, alice, link.data.linkProvider.run.id);
    await eventually(() => alerts.results.length, 1);
    expect(alerts.results[0]!.data!.alertFired).toMatchObject({
      budgetId: created.data.createBudget.id,
      change: 'fired',
      thresholdPercent: 50,
    });

    await eventually(
      async () =>
        (await api.gql(DELIVERIES, { channel: channelId }, alice.viewer.token)).data.notificationDeliveries[0]?.status,
      'SUCCEEDED',
    );
    const log = (await api.gql(DELIVERIES, { channel: channelId }, alice.viewer.token)).data.notificationDeliveries;
    expect(log[0]).toMatchObject({
      eventType: 'budget.threshold_fired',
      attempts: 1,
      attemptLog: [{ attempt: 1, statusCode: 200, error: null }],
    });
    const delivered = received.at(-1)!;
    expect(
      verifyWebhookSignature(delivered.signature, delivered.body, secret, Number(delivered.signature.slice(2, 12))),
    ).toBe(true);
    expect(JSON.parse(delivered.body)).toMatchObject({
      type: 'budget.threshold_fired',
      threshold: { percent: 50, kind: 'actual' },
      budget: { name: 'OpenAI' },
    });

    const history = await api.gql(
      'query($b: ID) { budgetAlertEvents(budgetId: $b) { thresholdPercent spent recoveredAt } }',
      { b: created.data.createBudget.id },
      alice.viewer.token,
    );
    expect(history.data.budgetAlertEvents).toHaveLength(1);
    const budgets = await api.gql(
      '{ budgets { status { fired { thresholdPercent } highestPercentReached } } }',
      {},
      alice.viewer.token,
    );
    expect(budgets.data.budgets[0].status).toMatchObject({
      fired: [{ thresholdPercent: 50 }],
      highestPercentReached: 50,
    });
    alerts.stop();
    bobs.stop();
    expect(bobs.results).toEqual([]);
    expect(
      (await api.gql('{ budgets { id } budgetAlertEvents { id } notificationChannels { id } }', {}, bob.admin.token))
        .data,
    ).toEqual({ budgets: [], budgetAlertEvents: [], notificationChannels: [] });
  });

  it("sends a test event from the channel's test button", async () => {
    const channels = (await api.gql('{ notificationChannels { id } }', {}, alice.admin.token)).data
      .notificationChannels;
    const before = received.length;
    const test = await api.gql(
      'mutation($id: ID!) { testNotificationChannel(id: $id) }',
      { id: channels[0].id },
      alice.admin.token,
    );
    expect(test.errors).toBeUndefined();
    await eventually(() => received.length, before + 1);
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ type: 'test' });
    const viewerTest = await api.gql(
      'mutation($id: ID!) { testNotificationChannel(id: $id) }',
      { id: channels[0].id },
      alice.viewer.token,
    );
    expect(viewerTest.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("exports budget status as CSV with the list's filter and sort", async () => {
    await api.gql(
      CREATE,
      { input: { name: 'Whole org', amount: '1000', period: { kind: 'QUARTER' } } },
      alice.admin.token,
    );
    await api.gql(
      CREATE,
      { input: { name: 'Other thing', amount: '5', period: { kind: 'MONTH' } } },
      alice.admin.token,
    );
    const listed = await api.gql(
      '{ budgets(search: "o", sort: { field: "percent", direction: DESC }) { name status { spent percent } } }',
      {},
      alice.viewer.token,
    );
    const names = listed.data.budgets.map((b: { name: string }) => b.name);
    expect(names).toHaveLength(3);
    const response = await fetch(
      `${api.url.replace('/graphql', '')}/export/budgets.csv?search=o&sort=percent&direction=desc`,
      {
        headers: { authorization: `Bearer ${alice.viewer.token}` },
      },
    );
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^id,name,amount,periodKind,measure,periodStart,periodEnd,spent,percent,forecast/);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(names);
    expect(lines.slice(1).map((l) => l.split(',')[7])).toEqual(
      listed.data.budgets.map((b: { status: { spent: string } }) => b.status.spent),
    );
    const bad = await fetch(`${api.url.replace('/graphql', '')}/export/budgets.csv?sort=nope`, {
      headers: { authorization: `Bearer ${alice.viewer.token}` },
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${api.url.replace('/graphql', '')}/export/budgets.csv`)).status).toBe(401);
  });
});
