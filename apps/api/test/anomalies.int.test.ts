import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import { collect, createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { verifyWebhookSignature } from '../src/features/notifications/webhook-signature';
import { startSimulator } from './sync-harness';

const NOW = new Date('2026-03-01T12:00:00Z');
const SPIKE_DAY = '2026-02-24';
const SIM = { seed: 16, start: '2026-01-15', days: 45, workspaces: 2, keysPerWorkspace: 2, models: 3 } as const;
const LINK = 'mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } run { id } } }';
const LIST = `query($f: AnomalyFilterInput) { anomalies(filter: $f, limit: 100) { total rows { id level provider seriesKey seriesLabel day kind
  severity expected actual delta changeKind status note drivers { dimension key label amount share } topDriver { key label } } } }`;
const ACK = 'mutation($id: ID!, $note: String) { acknowledgeAnomaly(id: $id, note: $note) { id status note } }';
const SETTINGS =
  'mutation($input: AnomalySettingsInput!) { updateAnomalySettings(input: $input) { madMultiplier medianFraction minCost } }';
const ROUTES =
  'mutation($input: AnomalySettingsInput!) { updateAnomalySettings(input: $input) { minCost routes { channelId minSeverity } } }';
const CHANNEL =
  'mutation($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { channel { id } secret } }';

/** A local HTTP receiver that stores what it is sent and answers 204. */
async function receiver() {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/anomalies`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Anomaly = {
  id: string;
  level: string;
  provider: string | null;
  seriesKey: string;
  day: string;
  kind: string;
  status: string;
  changeKind: string;
  delta: string;
  drivers: { dimension: string; key: string | null; amount: string }[];
  topDriver: { key: string } | null;
};

describe('anomalies over GraphQL, after real syncs', () => {
  let api: TestApi;
  let alice: Tenant;
  let bob: Tenant;
  let spiked: ProviderSimulator;
  let calm: ProviderSimulator;
  let accountId: string;
  let hook: Awaited<ReturnType<typeof receiver>> | undefined;

  const list = async (tenant: Tenant, f: Record<string, unknown> = {}) => {
    const response = await api.gql<{ anomalies: { total: number; rows: Anomaly[] } }>(LIST, { f }, tenant.viewer.token);
    expect(response.errors).toBeUndefined();
    return response.data!.anomalies;
  };
  const keySpike = async (status = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED']) =>
    (await list(alice, { status, level: ['API_KEY'] })).rows.find((a) => a.day === SPIKE_DAY);
  const poll = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> => {
    for (const deadline = Date.now() + timeoutMs; ;) {
      const value = await read();
      if (ok(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };

  beforeAll(async () => {
    spiked = await startSimulator('openai', { ...SIM, spike: { day: SPIKE_DAY, factor: 25 } });
    calm = await startSimulator('openai', SIM);
    api = await startTestApi({ now: () => NOW, backfillDays: 45 });
    [alice, bob] = await Promise.all([createTenant(api, 'Alice'), createTenant(api, 'Bob')]);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await hook?.close();
    await spiked?.close();
    await calm?.close();
  });

  it('finds the injected spike after the link sync, names its key and model, and pushes it live to the organization only', async () => {
    // Alice routes anomalies to a webhook (a real local receiver); a second channel gets none.
    hook = await receiver();
    const channel = await api.gql(
      CHANNEL,
      { input: { kind: 'WEBHOOK', name: 'anomalies', url: hook.url } },
      alice.admin.token,
    );
    const quiet = await api.gql(
      CHANNEL,
      { input: { kind: 'WEBHOOK', name: 'quiet', url: `${hook.url}/quiet` } },
      alice.admin.token,
    );
    const { id: channelId } = channel.data.createNotificationChannel.channel;
    const routed = await api.gql(ROUTES, { input: { routes: [{ channelId }] } }, alice.admin.token);
    expect(routed.data?.updateAnomalySettings.routes).toEqual([{ channelId, minSeverity: 'MEDIUM' }]);
    expect(quiet.errors).toBeUndefined();
    const aliceFeed = collect<{ anomalyDetected: { day: string; level: string } }>(
      api.wsClient(alice.viewer.token),
      'subscription { anomalyDetected { day level } }',
      {},
      1,
      60_000,
    );
    const bobFeed = collect(api.wsClient(bob.viewer.token), 'subscription { anomalyDetected { id } }', {}, 1, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // An account still on its first sync (no settled day yet) holds back series across providers.
    const [pending] = await api.ds.query(
      `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint)
      VALUES ($1, 'anthropic', 'pending', '\\x00', 'k…') RETURNING id`,
      [alice.organizationId],
    );
    const linked = await api.gql(
      LINK,
      {
        input: {
          provider: 'OPENAI',
          label: 'spiky',
          credentials: spiked.credentials,
          endpoint: spiked.adapterDeps().baseUrl,
        },
      },
      alice.admin.token,
    );
    expect(linked.errors).toBeUndefined();
    accountId = linked.data.linkProvider.account.id;
    expect((await waitForRun(api, alice, linked.data.linkProvider.run.id, 60_000)).status).toBe('SUCCEEDED');
    const keys = await api.gql<{ apiKeys: { externalId: string; name: string }[] }>(
      '{ apiKeys { externalId name } }',
      undefined,
      alice.viewer.token,
    );
    const keyId = keys.data!.apiKeys.find((k) => k.name === 'svc-1-1')!.externalId;
    const found = await poll(
      () => list(alice, { level: ['API_KEY'] }),
      (r) => r.rows.some((a) => a.day === SPIKE_DAY),
    );
    const spike = found.rows.find((a) => a.day === SPIKE_DAY)!;
    expect(spike).toMatchObject({
      kind: 'SPIKE',
      status: 'OPEN',
      changeKind: 'VOLUME',
      topDriver: { key: 'gpt-4o-2024-08-06' },
    });
    expect(spike.seriesKey).toBe(keyId);
    expect((await list(alice)).rows.filter((a) => a.provider === null)).toEqual([]);
    const models = spike.drivers.filter((d) => d.dimension === 'MODEL');
    expect(models.reduce((sum, d) => sum + Number(d.amount), 0)).toBeCloseTo(Number(spike.delta), 6);
    expect((await aliceFeed.done)[0]!.data!.anomalyDetected.day).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    bobFeed.stop();
    expect(bobFeed.results).toEqual([]);
    expect((await list(bob)).total).toBe(0);

    // The delivery worker sends it to the routed channel only, signed like budget alerts.
    await api.services.deliveryWorker.processDue();
    const sent = hook.received.map((r) => ({
      ...r,
      event: JSON.parse(r.body) as { type: string; anomaly: { day: string; level: string } },
    }));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.map((r) => r.event.type)).toEqual(sent.map(() => 'anomaly.detected'));
    expect(sent.some((r) => r.event.anomaly.day === SPIKE_DAY && r.event.anomaly.level === 'api_key')).toBe(true);
    const secret: string = channel.data.createNotificationChannel.secret;
    expect(
      verifyWebhookSignature(
        String(sent[0]!.headers['x-spendsync-signature']),
        sent[0]!.body,
        secret,
        NOW.getTime() / 1000,
      ),
    ).toBe(true);
    const [{ n }] = await api.ds.query(
      `SELECT count(*)::int AS n FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id
      WHERE c.name = 'quiet' AND c.organization_id = $1`,
      [alice.organizationId],
    );
    expect(n).toBe(0);

    await api.ds.query('DELETE FROM provider_accounts WHERE id = $1', [pending.id]);
    const resync = await api.engine.trigger({ accountId, trigger: 'manual' });
    if (resync.kind !== 'started') throw new Error(resync.message);
    await resync.done;
    const across = (await list(alice)).rows.filter((a) => a.provider === null);
    expect(across.some((a) => a.day === SPIKE_DAY && a.level === 'WORKSPACE')).toBe(true);
  }, 120_000);

  it('stores each anomaly once over re-syncs', async () => {
    const before = await list(alice);
    const run = await api.engine.trigger({
      accountId,
      trigger: 'manual',
      window: { start: '2026-02-20', end: '2026-02-27' },
    });
    if (run.kind !== 'started') throw new Error(run.message);
    await run.done;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await list(alice);
    expect(after.rows.map((a) => a.id).sort()).toEqual(before.rows.map((a) => a.id).sort());
  }, 60_000);

  it('acknowledges for admins of the organization only', async () => {
    const spike = (await keySpike())!;
    expect(
      (await api.gql(ACK, { id: spike.id, note: 'batch job' }, alice.viewer.token)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await api.gql(ACK, { id: spike.id, note: 'mine now' }, bob.admin.token)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    const acked = await api.gql(ACK, { id: spike.id, note: 'batch job' }, alice.admin.token);
    expect(acked.data?.acknowledgeAnomaly).toEqual({ id: spike.id, status: 'ACKNOWLEDGED', note: 'batch job' });
  });

  it('refuses thresholds that are not numbers above 0, naming the field', async () => {
    for (const [input, field] of [
      [{ minCost: '0' }, 'minCost'],
      [{ madMultiplier: 'five' }, 'madMultiplier'],
      [{ medianFraction: '-1' }, 'medianFraction'],
    ] as const) {
      const response = await api.gql(SETTINGS, { input }, alice.admin.token);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Routes to a channel of another organization, or to no channel, are refused and nothing is saved.
    const bobChannel = await api.gql(
      CHANNEL,
      { input: { kind: 'WEBHOOK', name: 'bob', url: 'http://127.0.0.1:9/bob' } },
      bob.admin.token,
    );
    const theirs = bobChannel.data.createNotificationChannel.channel.id;
    for (const channelId of [theirs, 'not-a-channel']) {
      const refused = await api.gql(ROUTES, { input: { minCost: '99', routes: [{ channelId }] } }, alice.admin.token);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'routes.0.channelId' });
    }
    const viewerRoutes = await api.gql(
      '{ anomalySettings { minCost routes { minSeverity } } }',
      undefined,
      alice.viewer.token,
    );
    expect(viewerRoutes.data?.anomalySettings).toEqual({ minCost: '10', routes: [{ minSeverity: 'MEDIUM' }] });
    const ok = await api.gql(SETTINGS, { input: { minCost: '12.5' } }, alice.admin.token);
    expect(ok.data?.updateAnomalySettings).toEqual({ madMultiplier: '5', medianFraction: '0.5', minCost: '12.5' });
  });

  it('re-judges old days a re-sync rewrote (as `spendsync sync --from/--to` does), beyond the last 14 settled days', async () => {
    const carol = await createTenant(api, 'Carol');
    const OLD = { seed: 21, start: '2025-12-20', days: 72, workspaces: 1, keysPerWorkspace: 2, models: 2 } as const;
    const quiet = await startSimulator('openai', OLD);
    const late = await startSimulator('openai', { ...OLD, spike: { day: '2026-02-01', factor: 25 } });
    try {
      const linked = await api.gql(
        LINK,
        {
          input: {
            provider: 'OPENAI',
            label: 'old',
            credentials: quiet.credentials,
            endpoint: quiet.adapterDeps().baseUrl,
          },
        },
        carol.admin.token,
      );
      expect(linked.errors).toBeUndefined();
      const id: string = linked.data.linkProvider.account.id;
      await waitForRun(api, carol, linked.data.linkProvider.run.id, 60_000);
      // The link run's account lock is released just after its status is final.
      const history = await poll(
        () =>
          api.engine.trigger({ accountId: id, trigger: 'manual', window: { start: '2025-12-20', end: '2026-03-01' } }),
        (r) => r.kind === 'started',
      );
      if (history.kind !== 'started') throw new Error(history.message);
      await history.done;
      expect((await list(carol)).rows.filter((a) => a.day === '2026-02-01')).toEqual([]);
      // The provider corrects 1 February (four weeks back): a re-sync of those days finds the spike.
      await api.gql(
        'mutation($input: UpdateProviderCredentialsInput!) { updateProviderCredentials(input: $input) { account { id } } }',
        { input: { id, credentials: late.credentials, endpoint: late.adapterDeps().baseUrl } },
        carol.admin.token,
      );
      const resync = await api.engine.trigger({
        accountId: id,
        trigger: 'manual',
        window: { start: '2026-01-30', end: '2026-02-03' },
      });
      if (resync.kind !== 'started') throw new Error(resync.message);
      expect((await resync.done).status).toBe('succeeded');
      const found = (await list(carol, { level: ['API_KEY'] })).rows.filter(
        (a) => a.day === '2026-02-01' && a.kind === 'SPIKE',
      );
      expect(found).toHaveLength(1);
    } finally {
      await quiet.close();
      await late.close();
    }
  }, 120_000);

  it('resolves the anomaly when a re-sync no longer shows the spike', async () => {
    const updated = await api.gql(
      'mutation($input: UpdateProviderCredentialsInput!) { updateProviderCredentials(input: $input) { account { id } } }',
      { input: { id: accountId, credentials: calm.credentials, endpoint: calm.adapterDeps().baseUrl } },
      alice.admin.token,
    );
    expect(updated.errors).toBeUndefined();
    const run = await api.engine.trigger({
      accountId,
      trigger: 'manual',
      window: { start: '2026-02-20', end: '2026-02-27' },
    });
    if (run.kind !== 'started') throw new Error(run.message);
    await run.done;
    const spike = await poll(keySpike, (a) => a?.status === 'RESOLVED');
    expect(spike?.status).toBe('RESOLVED');
  }, 60_000);
});
