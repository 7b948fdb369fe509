import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProviderSimulator } from '@spendsync/simulators';
import { collect, createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow, startSimulator } from './sync-harness';

const PROGRESS = `subscription($account: ID) { syncRunProgressed(providerAccountId: $account) {
  runId providerAccountId provider trigger status phase daysDone daysTotal recordsSoFar windowStart windowEnd message at
} }`;
const LOG = 'subscription($run: ID!) { syncLogAppended(runId: $run) { id runId level message } }';
const LINK = 'mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } run { id } } }';

type Progress = {
  syncRunProgressed: {
    runId: string;
    phase: string;
    status: string;
    daysDone: number;
    daysTotal: number;
    providerAccountId: string;
  };
};

describe('subscriptions over graphql-ws', () => {
  let api: TestApi;
  let alice: Tenant;
  let bob: Tenant;
  let sim: ProviderSimulator;

  const link = async (tenant: Tenant, label: string) => {
    const response = await api.gql(
      LINK,
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
      seed: 5,
      start: '2026-01-01',
      days: 6,
      workspaces: 1,
      keysPerWorkspace: 2,
      models: 2,
    });
    api = await startTestApi({ now: simulatorNow(sim), backfillDays: 7 });
    [alice, bob] = await Promise.all([createTenant(api, 'Alice'), createTenant(api, 'Bob')]);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  it("delivers a real sync's progress to the organization, from queued to finished, and nothing to another organization", async () => {
    const aliceClient = api.wsClient(alice.viewer.token);
    const bobClient = api.wsClient(bob.admin.token);
    const everything = collect<Progress>(aliceClient, PROGRESS, {}, 1_000, 30_000);
    const bobs = collect<Progress>(bobClient, PROGRESS, {}, 1, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // both subscriptions are set up
    sim.faults.set({ slowMs: 50 });
    const { account, run } = await link(alice, 'live');
    await waitForRun(api, alice, run.id);
    sim.faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 200));
    everything.stop();
    bobs.stop();
    const events = everything.results.map((r) => r.data!.syncRunProgressed).filter((e) => e.runId === run.id);
    expect(events[0]).toMatchObject({ providerAccountId: account.id, phase: 'QUEUED', status: 'QUEUED' });
    expect(events.at(-1)).toMatchObject({ phase: 'FINISHED', status: 'SUCCEEDED' });
    expect(events.at(-1)!.daysDone).toBe(events.at(-1)!.daysTotal);
    expect(events.map((e) => e.daysDone)).toEqual([...events.map((e) => e.daysDone)].sort((a, b) => a - b));
    expect(bobs.results).toEqual([]);
  });

  it("streams a run's log lines as they are written, in order, ending with the summary", async () => {
    sim.faults.set({ slowMs: 150 });
    try {
      const { run } = await link(alice, 'log lines');
      const lines = collect<{ syncLogAppended: { id: string; runId: string; message: string } }>(
        api.wsClient(alice.admin.token),
        LOG,
        { run: run.id },
        1_000,
        30_000,
      );
      await waitForRun(api, alice, run.id);
      await new Promise((resolve) => setTimeout(resolve, 200));
      lines.stop();
      const received = lines.results.map((r) => r.data!.syncLogAppended);
      expect(received.length).toBeGreaterThan(1);
      expect(received.at(-1)!.message).toMatch(/^Sync succeeded/);
      const stored: { id: string; message: string }[] = await api.ds.query(
        'SELECT id::text AS id, message FROM sync_log_entries e WHERE run_id = $1 ORDER BY e.id',
        [run.id],
      );
      // Lines written before the subscription was set up are in the database, not in the stream.
      expect(stored.slice(-received.length)).toEqual(received.map(({ id, message }) => ({ id, message })));
    } finally {
      sim.faults.clear();
    }
  });

  it('filters progress by account when asked', async () => {
    const first = await link(alice, 'first');
    await waitForRun(api, alice, first.run.id);
    const sub = collect<Progress>(
      api.wsClient(alice.admin.token),
      PROGRESS,
      { account: first.account.id },
      1_000,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await link(alice, 'second');
    await waitForRun(api, alice, second.run.id);
    const refreshed = await api.gql(
      'mutation($id: ID!) { refreshProvider(id: $id) { run { id } } }',
      { id: first.account.id },
      alice.admin.token,
    );
    await waitForRun(api, alice, refreshed.data.refreshProvider.run.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    sub.stop();
    const accounts = new Set(sub.results.map((r) => r.data!.syncRunProgressed.providerAccountId));
    expect([...accounts]).toEqual([first.account.id]);
  });

  it("refuses another organization's account or run (NOT_FOUND), however it is asked", async () => {
    const { account, run } = await link(alice, 'private');
    await waitForRun(api, alice, run.id);
    const byAccount = collect(api.wsClient(bob.admin.token), PROGRESS, { account: account.id }, 1);
    await expect(byAccount.done).resolves.toEqual([
      { errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })] },
    ]);
    const byRun = collect(api.wsClient(bob.admin.token), LOG, { run: run.id }, 1);
    await expect(byRun.done).resolves.toEqual([
      { errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })] },
    ]);
  });

  it.each([
    ['no token', undefined],
    ['a bad token', 'sss_bad'],
  ])('closes a connection made with %s (4403) before any subscription runs', async (_case, token) => {
    const sub = collect(api.wsClient(token), PROGRESS, {}, 1, 5_000);
    await expect(sub.done).rejects.toMatchObject({ code: 4403 });
  });

  it('refuses mutations from a viewer over WebSocket too', async () => {
    const sub = collect(
      api.wsClient(alice.viewer.token),
      'mutation { createApiToken(name: "x") { token } }',
      {},
      1,
      5_000,
    );
    await expect(sub.done).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
  });
});
