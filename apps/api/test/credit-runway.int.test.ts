import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, addDays, daysBetween, eachDay, type CostRecord } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { ProviderSimulator } from '@spendsync/simulators';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow, startSimulator } from './sync-harness';
import type { UntypedData } from './support/untyped-data';

const RUNWAYS = `query($account: ID) { spendsyncCreditRunways(providerAccountId: $account) {
  id kind provider name grantId granted used remaining asOf expiresOn status windowStart windowEnd basisDays
    dailyBurn fastestDailyBurn
  slowestDailyBurn runOutOn runOutEarliest runOutLatest daysLeft leftAtExpiry runsOutBeforeExpiry
    notifyUnderDays underThreshold
  history { day balance reported } projection { day expected fastest slowest } } }`;
const CREATE = `mutation($input: CreditGrantInput!) { spendsyncCreateCreditGrant(input: $input) {
  id name amount startsOn expiresOn providerAccountId provider accountLabel notifyUnderDays } }`;
const UPDATE = `mutation($id: ID!, $input: CreditGrantInput!) {
  spendsyncUpdateCreditGrant(id: $id, input: $input) { id name amount notifyUnderDays } }`;
const SETTINGS = 'mutation($days: Int) { spendsyncSetRunwayAlertSettings(notifyUnderDays: $days) { notifyUnderDays } }';

type RunwayRow = Record<string, UntypedData>;

async function eventually<T>(read: () => T | Promise<T>, expected: T, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

// The OpenRouter simulator's data covers 2026-01-01 .. 2026-01-30; its clock (and the API's) is 2026-01-31 06:00 UTC.
const TODAY = '2026-01-31';

describe('credit runway over GraphQL', () => {
  let api: TestApi;
  let alice: Tenant;
  let bob: Tenant;
  let sim: ProviderSimulator;
  let openrouterId: string;
  let awsId: string;
  let receiver: http.Server;
  let hookUrl: string;
  const received: Record<string, UntypedData>[] = [];

  beforeAll(async () => {
    sim = await startSimulator('openrouter', {
      seed: 11,
      start: '2026-01-01',
      days: 30,
      workspaces: 1,
      keysPerWorkspace: 2,
      models: 3,
    });
    api = await startTestApi({ now: simulatorNow(sim), backfillDays: 30 });
    [alice, bob] = await Promise.all([createTenant(api, 'Alice'), createTenant(api, 'Bob')]);
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/runway`;

    const link = await api.gql(
      'mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } run { id } } }',
      {
        input: {
          provider: 'OPENROUTER',
          label: 'OpenRouter sim',
          credentials: sim.credentials,
          endpoint: sim.adapterDeps().baseUrl,
        },
      },
      alice.admin.token,
    );
    expect(link.errors).toBeUndefined();
    openrouterId = link.data.linkProvider.account.id;
    expect(await waitForRun(api, alice, link.data.linkProvider.run.id)).toMatchObject({ status: 'SUCCEEDED' });

    // An AWS account with literal credits applied: $10 a day from 2026-01-02 through 2026-01-30 (settled
    // through 2026-01-29).
    const aws = await api.ds.getRepository(ProviderAccount).save({
      organizationId: alice.organizationId,
      provider: 'aws-bedrock',
      label: 'AWS',
      credentialsEncrypted: Buffer.from('x'),
      keyHint: 'AKIA…1234',
      settledThrough: '2026-01-29',
    });
    awsId = aws.id;
    const days = eachDay({ start: '2026-01-02', end: '2026-01-31' });
    const records: CostRecord[] = days.map((day) =>
      buildCostRecord({
        provider: 'aws-bedrock',
        day,
        model: 'anthropic.claude-3-haiku',
        cost: new Money('12'),
        creditsApplied: new Money('10'),
        inputTokens: null,
        outputTokens: null,
        cachedInputTokens: null,
        cacheWriteTokens: null,
        requests: null,
        apiKeyId: null,
        apiKeyHint: null,
        apiKeyName: null,
        workspaceId: null,
        workspaceName: null,
      }),
    );
    await replacePartition(api.ds, {
      organizationId: alice.organizationId,
      providerAccountId: aws.id,
      provider: 'aws-bedrock',
      days,
      records,
    });
  }, 90_000);

  afterAll(async () => {
    await api?.close();
    await sim?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('shows the OpenRouter balance the sync read, and its runway from the 28 settled days of usage', async () => {
    const response = await api.gql(RUNWAYS, { account: openrouterId }, alice.viewer.token);
    expect(response.errors).toBeUndefined();
    const [runway] = response.data.spendsyncCreditRunways as RunwayRow[];
    const truth = sim.balance!()!;
    expect(runway).toMatchObject({
      id: `balance:${openrouterId}`,
      kind: 'BALANCE',
      provider: 'OPENROUTER',
      grantId: null,
      asOf: TODAY,
      status: 'BURNING',
      basisDays: 28,
      remaining: truth.remaining.toFixed(),
      granted: truth.granted!.toFixed(),
      used: truth.used!.toFixed(),
    });
    // The rate is the simulator's own usage over the window, divided by its 28 days, exactly.
    expect(daysBetween(runway.windowStart, runway.windowEnd)).toBe(28);
    const window = { start: runway.windowStart, end: runway.windowEnd };
    const rate = sim.groundTruth(window).cost.div(28);
    expect(runway.dailyBurn).toBe(rate.toFixed());
    expect(runway.runOutOn).toBe(addDays(TODAY, truth.remaining.div(rate).ceil().toNumber()));
    expect(runway.daysLeft).toBe(daysBetween(TODAY, runway.runOutOn));
    expect(runway.runOutEarliest <= runway.runOutOn && runway.runOutOn <= runway.runOutLatest).toBe(true);
    // History: today's point is the reported balance; a day earlier adds back that day's usage.
    const last = runway.history.at(-1);
    expect(last).toEqual({ day: TODAY, balance: truth.remaining.toFixed(), reported: true });
    const before = runway.history.at(-3);
    const since = sim.groundTruth({ start: addDays(TODAY, -1), end: addDays(TODAY, 1) }).cost;
    expect(before).toEqual({ day: addDays(TODAY, -2), balance: truth.remaining.add(since).toFixed(), reported: false });
    expect(runway.projection[0]).toMatchObject({ day: TODAY, expected: truth.remaining.toFixed() });
    expect(runway.projection.at(-1).slowest).toBe('0');
  });

  it('keeps one balance snapshot per account and day however often it syncs', async () => {
    const refresh = await api.gql(
      'mutation($id: ID!) { refreshProvider(id: $id) { run { id } } }',
      { id: openrouterId },
      alice.admin.token,
    );
    expect(await waitForRun(api, alice, refresh.data.refreshProvider.run.id)).toMatchObject({ status: 'SUCCEEDED' });
    const rows = await api.ds.query(
      'SELECT day::text, remaining::text FROM credit_balance_snapshots WHERE provider_account_id = $1',
      [openrouterId],
    );
    expect(rows).toEqual([{ day: TODAY, remaining: sim.balance!()!.remaining.toFixed() }]);
  });

  it('refuses viewers and bad grants with field errors, saving nothing, and keeps organizations apart', async () => {
    const input = {
      name: 'AWS Activate',
      amount: '500',
      startsOn: '2026-01-02',
      expiresOn: '2026-02-28',
      providerAccountId: awsId,
    };
    const viewer = await api.gql(CREATE, { input }, alice.viewer.token);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: '0' }, 'amount'],
      [{ amount: 'ten' }, 'amount'],
      [{ amount: '-5' }, 'amount'],
      [{ name: '  ' }, 'name'],
      [{ expiresOn: '2026-01-01' }, 'expiresOn'],
      [{ providerAccountId: '00000000-0000-4000-8000-000000000000' }, 'providerAccountId'],
      [{ providerAccountId: 'not-an-id' }, 'providerAccountId'],
      [{ notifyUnderDays: 0 }, 'notifyUnderDays'],
    ];
    for (const [change, field] of cases) {
      const response = await api.gql(CREATE, { input: { ...input, ...change } }, alice.admin.token);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const bobs = await api.gql(CREATE, { input }, bob.admin.token);
    expect(bobs.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'providerAccountId' });
    expect(
      (await api.gql('{ spendsyncCreditGrants { id } }', {}, alice.viewer.token)).data.spendsyncCreditGrants,
    ).toEqual([]);
    const badSetting = await api.gql(SETTINGS, { days: 5000 }, alice.admin.token);
    expect(badSetting.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'notifyUnderDays' });
  });

  it('forecasts grants from credits applied: one runs out before expiry, one leaves money on the table', async () => {
    const short = await api.gql(
      CREATE,
      {
        input: {
          name: 'AWS Activate',
          amount: '500.00',
          startsOn: '2026-01-02',
          expiresOn: '2026-02-28',
          providerAccountId: awsId,
        },
      },
      alice.admin.token,
    );
    expect(short.errors).toBeUndefined();
    expect(short.data.spendsyncCreateCreditGrant).toMatchObject({
      amount: '500',
      provider: 'AWS_BEDROCK',
      accountLabel: 'AWS',
      notifyUnderDays: null,
    });
    const long = await api.gql(
      CREATE,
      {
        input: {
          name: 'AWS Migrate',
          amount: '5000',
          startsOn: '2026-01-02',
          expiresOn: '2026-03-31',
          providerAccountId: awsId,
        },
      },
      alice.admin.token,
    );
    const runways = (await api.gql(RUNWAYS, { account: awsId }, alice.viewer.token)).data
      .spendsyncCreditRunways as RunwayRow[];
    // 29 days of $10 credits applied (2026-01-02 .. 2026-01-30); the window is the 28 settled days 2026-01-02
    // .. 2026-01-29.
    expect(
      runways.map((r) => [
        r.name,
        r.kind,
        r.used,
        r.remaining,
        r.dailyBurn,
        r.runOutOn,
        r.daysLeft,
        r.runsOutBeforeExpiry,
        r.leftAtExpiry,
      ]),
    ).toEqual([
      ['AWS Activate', 'GRANT', '290', '210', '10', '2026-02-21', 21, true, null],
      ['AWS Migrate', 'GRANT', '290', '4710', '10', '2027-05-17', 471, false, '4120'],
    ]);
    expect(runways[1]).toMatchObject({
      id: `grant:${long.data.spendsyncCreateCreditGrant.id}`,
      windowStart: '2026-01-02',
      windowEnd: '2026-01-30',
    });
    expect(runways[0].history.at(-1)).toEqual({ day: TODAY, balance: '210', reported: false });
    expect(runways[1].projection.at(-1)).toMatchObject({ day: '2026-03-31', expected: '4120' });
    // Bob sees none of it.
    expect((await api.gql(RUNWAYS, {}, bob.viewer.token)).data.spendsyncCreditRunways).toEqual([]);
    expect(
      (await api.gql('{ spendsyncCreditGrants { id } }', {}, bob.viewer.token)).data.spendsyncCreditGrants,
    ).toEqual([]);
  });

  it('records grant changes in the audit log', async () => {
    const grants = (await api.gql('{ spendsyncCreditGrants { id name } }', {}, alice.admin.token)).data
      .spendsyncCreditGrants;
    const migrate = grants.find((g: { name: string }) => g.name === 'AWS Migrate');
    const updated = await api.gql(
      UPDATE,
      {
        id: migrate.id,
        input: {
          name: 'AWS Migrate credits',
          amount: '5000',
          startsOn: '2026-01-02',
          expiresOn: '2026-03-31',
          providerAccountId: awsId,
        },
      },
      alice.admin.token,
    );
    expect(updated.data.spendsyncUpdateCreditGrant).toMatchObject({ name: 'AWS Migrate credits' });
    const rows = await api.ds.query(
      `SELECT action, target_id, outcome FROM audit_events WHERE organization_id = $1 AND action LIKE
        '%CreditGrant' ORDER BY id`,
      [alice.organizationId],
    );
    expect(
      rows.filter((r: { outcome: string }) => r.outcome === 'succeeded').map((r: { action: string }) => r.action),
    ).toEqual(['spendsyncCreateCreditGrant', 'spendsyncCreateCreditGrant', 'spendsyncUpdateCreditGrant']);
    expect(rows.at(-1).target_id).toBe(migrate.id);
  });

  it('notifies each channel once when a runway falls under N days, and again only after it recovered', async () => {
    const channel = await api.gql(
      `mutation($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { channel { id } } }`,
      { input: { kind: 'WEBHOOK', name: 'ops', url: hookUrl } },
      alice.admin.token,
    );
    expect(channel.errors).toBeUndefined();
    const runwayEvents = () => received.filter((r) => r.type === 'runway.below_threshold');

    const set = await api.gql(SETTINGS, { days: 30 }, alice.admin.token);
    expect(set.data.spendsyncSetRunwayAlertSettings).toEqual({ notifyUnderDays: 30 });
    const runways = (await api.gql(RUNWAYS, {}, alice.viewer.token)).data.spendsyncCreditRunways as RunwayRow[];
    const under = runways
      .filter((r) => r.underThreshold)
      .map((r) => r.id)
      .sort();
    // The AWS Activate grant (21 days) is under 30; AWS Migrate (471 days) is not.
    expect(under).toContain(runways.find((r) => r.name === 'AWS Activate')!.id);
    expect(under).not.toContain(runways.find((r) => r.name === 'AWS Migrate credits')!.id);
    await eventually(() => runwayEvents().length, under.length);
    expect(
      runwayEvents()
        .map((e) => e.runway.id)
        .sort(),
    ).toEqual(under);
    expect(runwayEvents().find((e) => e.runway.name === 'AWS Activate')).toMatchObject({
      thresholdDays: 30,
      runway: { kind: 'grant', remaining: '210', daysLeft: 21, runOutOn: '2026-02-21', provider: 'aws-bedrock' },
    });

    // Evaluating again (a sync, another setting save) sends nothing new.
    await api.services.runwayAlerts.evaluateOrganization(alice.organizationId);
    await api.gql(SETTINGS, { days: 30 }, alice.admin.token);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runwayEvents()).toHaveLength(under.length);

    // The grant's own threshold (10 days) lifts it back above; returning to the organization's 30 is a new crossing.
    const activate = runways.find((r) => r.name === 'AWS Activate')!;
    const input = {
      name: 'AWS Activate',
      amount: '500',
      startsOn: '2026-01-02',
      expiresOn: '2026-02-28',
      providerAccountId: awsId,
    };
    await api.gql(UPDATE, { id: activate.grantId, input: { ...input, notifyUnderDays: 10 } }, alice.admin.token);
    expect(runwayEvents()).toHaveLength(under.length);
    await api.gql(UPDATE, { id: activate.grantId, input }, alice.admin.token);
    await eventually(() => runwayEvents().length, under.length + 1);
    const deliveries = await api.gql('{ notificationDeliveries { eventType status } }', {}, alice.viewer.token);
    expect(
      deliveries.data.notificationDeliveries.filter(
        (d: { eventType: string }) => d.eventType === 'runway.below_threshold',
      ),
    ).toHaveLength(under.length + 1);
  });

  it('deletes a grant (admins only)', async () => {
    const grants = (await api.gql('{ spendsyncCreditGrants { id } }', {}, alice.admin.token)).data
      .spendsyncCreditGrants;
    const viewer = await api.gql(
      'mutation($id: ID!) { spendsyncDeleteCreditGrant(id: $id) }',
      { id: grants[0].id },
      alice.viewer.token,
    );
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byBob = await api.gql(
      'mutation($id: ID!) { spendsyncDeleteCreditGrant(id: $id) }',
      { id: grants[0].id },
      bob.admin.token,
    );
    expect(byBob.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const deleted = await api.gql(
      'mutation($id: ID!) { spendsyncDeleteCreditGrant(id: $id) }',
      { id: grants[0].id },
      alice.admin.token,
    );
    expect(deleted.data.spendsyncDeleteCreditGrant).toBe(true);
    expect(
      (await api.gql('{ spendsyncCreditGrants { id } }', {}, alice.admin.token)).data.spendsyncCreditGrants,
    ).toHaveLength(grants.length - 1);
  });
});
