import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { addDays, dayOf, eachDay, formatMoney, Money } from '@spendsync/domain';
import type { ProviderSimulator } from '@spendsync/simulators';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import PgBoss from 'pg-boss';
import WebSocket from 'ws';
import { SYNC_QUEUES } from '../src/jobs/sync-job-queue';
import { BUILT_CLI, startServeProcess, type ServeProcess } from './support/serve-process';
import { startSimulator, truthOfDays } from './sync-harness';
import { execute, uniqueDatabaseName, withDatabase } from './test-database';
import type { UntypedData } from './support/untyped-data';

// Real processes of the built CLI (`pnpm build` first): 2 API and 2 worker processes on one fresh
// database, sharing the pg-boss queue and the LISTEN/NOTIFY pub/sub; 20 accounts linked and
// refreshed at once through both APIs, each synced exactly once per trigger. The processes inherit
// the environment: SPENDSYNC_PUBSUB=redis SPENDSYNC_REDIS_URL=redis://127.0.0.1:6379 runs it over Redis. Accounts point at a
// simulator through their endpoint override (SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS).
jest.setTimeout(240_000);

const ACCOUNTS = 20;
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'roles-admin@example.com';
const PROGRESS = `subscription {
  spendsyncSyncRunProgressed { runId providerAccountId phase status daysDone daysTotal }
}`;

type Progress = {
  runId: string;
  providerAccountId: string;
  phase: string;
  status: string;
  daysDone: number;
  daysTotal: number;
};
type RunRow = { id: string; provider_account_id: string; trigger: string; status: string; error: string | null };

describe('spendsync serve --role api|worker: 2 API and 2 worker processes on one database', () => {
  let sim: ProviderSimulator;
  let adminUrl: string;
  let dbName: string;
  let db: pg.Pool;
  let apis: [ServeProcess, ServeProcess];
  let workers: ServeProcess[];
  let apiPorts: number[];
  let workerPorts: number[];
  let token: string;
  let ws: Client;
  const progress: Progress[] = [];
  const accountIds: string[] = [];

  const gql = async (port: number, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: UntypedData; errors?: { message: string }[] };
    if (body.errors) throw new Error(`GraphQL on :${port}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const runs = async (trigger?: string): Promise<RunRow[]> =>
    (
      await db.query<RunRow>(
        `SELECT id, provider_account_id, trigger, status, error FROM sync_runs
        WHERE ($1::text IS NULL OR trigger = $1) ORDER BY created_at`,
        [trigger ?? null],
      )
    ).rows;
  type Probe<T> = () => Promise<T | undefined | false>;
  const until = async <T>(what: string, probe: Probe<T>, timeoutMs = 90_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  /** Every run of `trigger` closed, one per account: returns them. */
  const settled = (trigger: string, perAccount = 1) =>
    until(`the ${trigger} runs`, async () => {
      const rows = await runs(trigger);
      const closed = rows.every((r) => r.status !== 'queued' && r.status !== 'running');
      return rows.length >= ACCOUNTS * perAccount && closed && rows;
    });
  const storedTotals = async (accountId: string) => {
    const {
      rows: [row],
    } = await db.query(
      `SELECT coalesce(sum(cost), 0)::text AS cost, coalesce(sum(credits_applied), 0)::text AS credits
         FROM cost_records WHERE provider_account_id = $1`,
      [accountId],
    );
    return { cost: formatMoney(new Money(row.cost)), credits: formatMoney(new Money(row.credits)) };
  };
  const linkInput = (label: string) => ({
    provider: 'OPENAI',
    label,
    credentials: sim.credentials,
    endpoint: sim.adapterDeps().baseUrl,
  });
  /** How many runs of `trigger` each of `ids` has (every account once per trigger, unless a test says otherwise). */
  const runsPerAccount = async (trigger: string, ids: readonly string[]) => {
    const rows = await runs(trigger);
    return Object.fromEntries(ids.map((id) => [id, rows.filter((r) => r.provider_account_id === id).length]));
  };
  const once = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, 1]));
  const startedRunsOf = (worker: ServeProcess) =>
    new Set(worker.logs.filter((l) => l.msg === 'Sync job started a run').map((l) => l.runId as string));

  beforeAll(async () => {
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run pnpm build first (this test runs it)`);
    const today = dayOf(new Date());
    sim = await startSimulator('openai', {
      seed: 19,
      start: addDays(today, -12),
      days: 12,
      workspaces: 2,
      keysPerWorkspace: 2,
      models: 2,
    });
    adminUrl = withDatabase(process.env.DATABASE_URL!, 'postgres');
    dbName = `${uniqueDatabaseName()}_roles`;
    await execute(adminUrl, `CREATE DATABASE "${dbName}"`);
    const url = withDatabase(process.env.DATABASE_URL!, dbName);
    db = new pg.Pool({ connectionString: url, max: 2 });
    const env = {
      DATABASE_URL: url,
      SPENDSYNC_MASTER_KEY: randomBytes(32).toString('base64'),
      SPENDSYNC_ADMIN_EMAIL: EMAIL,
      SPENDSYNC_ADMIN_PASSWORD: PASSWORD,
      // The first sign-in's password change has its own test (password-change-required.int).
      SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD: 'false',
      SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS: 'true',
      SPENDSYNC_BACKFILL_DAYS: '20',
      SPENDSYNC_SYNC_SCHEDULE: '0 0 1 1 *',
      SPENDSYNC_JOB_LEASE_SECONDS: '5',
      SPENDSYNC_WORKER_CONCURRENCY: '2',
      PORT: '0',
      SPENDSYNC_WORKER_PORT: '0',
    };
    // All four start at once on the empty database: migrations, the first admin and pg-boss's schema
    // are each created once, under their locks.
    const listening = (line: Record<string, unknown>) => line.msg === 'spendsync API listening';
    const working = (line: Record<string, unknown>) => line.msg === 'spendsync worker running';
    apis = [startServeProcess('api#1', 'api', env), startServeProcess('api#2', 'api', env)];
    workers = [startServeProcess('worker#1', 'worker', env), startServeProcess('worker#2', 'worker', env)];
    const [first, second, ...ready] = await Promise.all([
      ...apis.map((a) => a.waitForLog(listening, 120_000)),
      ...workers.map((w) => w.waitForLog(working, 120_000)),
    ]);
    apiPorts = [first!.port as number, second!.port as number];
    workerPorts = ready.map((line) => line.port as number);
    const login = 'mutation($e: String!, $p: String!) { spendsyncLogin(email: $e, password: $p) { token } }';
    token = (await gql(apiPorts[0]!, login, { e: EMAIL, p: PASSWORD })).spendsyncLogin.token;
    ws = createClient({
      url: `ws://127.0.0.1:${apiPorts[0]}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    ws.subscribe<{ spendsyncSyncRunProgressed: Progress }>(
      { query: PROGRESS },
      {
        next: (value) => {
          if (value.data) progress.push(value.data.spendsyncSyncRunProgressed);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // the subscription is set up
  });

  afterAll(async () => {
    await ws?.dispose();
    for (const proc of [...(apis ?? []), ...(workers ?? [])]) {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
    }
    await Promise.all([...(apis ?? []), ...(workers ?? [])].map((p) => p.exited));
    await db?.end();
    await sim?.close();
    if (dbName) await execute(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  it('reports each role on /healthz: an API its role, a worker its queue and lag', async () => {
    const api = await (await fetch(`http://127.0.0.1:${apiPorts[1]}/healthz`)).json();
    expect(api).toEqual({ status: 'ok', db: 'ok', role: 'api' });
    const worker = await fetch(`http://127.0.0.1:${workerPorts[0]}/healthz`);
    expect(worker.status).toBe(200);
    expect(await worker.json()).toEqual({
      status: 'ok',
      db: 'ok',
      role: 'worker',
      queue: { queued: 0, retrying: 0, active: 0, dead: 0, lagSeconds: 0 },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${workerPorts[1]}/metrics`)).text();
    expect(metrics).toMatch(/^spendsync_job_queue_lag_seconds\{queue="sync-account"\} 0$/m);
  });

  it('links accounts through both APIs at once: one link run per account, spread over both workers', async () => {
    const linked = await Promise.all(
      Array.from({ length: ACCOUNTS }, (_, i) =>
        gql(
          apiPorts[i % 2]!,
          'mutation($input: LinkProviderInput!) { spendsyncLinkProvider(input: $input) { account { id } run { id } } }',
          { input: linkInput(`roles ${i}`) },
        ),
      ),
    );
    accountIds.push(...linked.map((l) => l.spendsyncLinkProvider.account.id as string));
    const done = await settled('link');
    expect(done).toHaveLength(ACCOUNTS);
    expect(new Set(done.map((r) => r.provider_account_id))).toEqual(new Set(accountIds));
    expect(done.every((r) => r.status === 'succeeded')).toBe(true);
    expect(await runsPerAccount('link', accountIds)).toEqual(once(accountIds));
    // Each worker took some of the jobs (each runs at most 2 at a time).
    expect(workers.map((w) => startedRunsOf(w).size).every((n) => n > 0)).toBe(true);
    const truth = truthOfDays(sim, eachDay(sim.dataRange));
    for (const id of accountIds) expect(await storedTotals(id)).toEqual(truth);
  });

  it('refreshes all accounts at once via both APIs: one manual run each; API #1 sees runs of worker #2', async () => {
    sim.faults.set({ slowMs: 20 });
    const refreshed = await Promise.all(
      accountIds.map((id, i) =>
        gql(
          apiPorts[i % 2]!,
          'mutation($id: ID!) { spendsyncRefreshProvider(id: $id) { alreadyRunning run { id } } }',
          { id },
        ),
      ),
    );
    const done = await settled('manual');
    sim.faults.clear();
    expect(done).toHaveLength(ACCOUNTS);
    expect(done.every((r) => r.status === 'succeeded')).toBe(true);
    expect(await runsPerAccount('manual', accountIds)).toEqual(once(accountIds));
    expect(refreshed.map((r) => r.spendsyncRefreshProvider.alreadyRunning)).toEqual(accountIds.map(() => false));
    expect(new Set(refreshed.map((r) => r.spendsyncRefreshProvider.run.id))).toEqual(new Set(done.map((r) => r.id)));
    const onWorker2 = done.map((r) => r.id).filter((id) => startedRunsOf(workers[1]!).has(id));
    expect(onWorker2.length).toBeGreaterThan(0);
    const finished = (id: string) => progress.some((e) => e.runId === id && e.phase === 'FINISHED');
    await until('the finished events on API #1', async () => onWorker2.every(finished), 10_000);
    for (const id of onWorker2) {
      const events = progress.filter((e) => e.runId === id);
      expect(events[0]).toMatchObject({ phase: 'QUEUED' });
      expect(events.at(-1)).toMatchObject({ phase: 'FINISHED', status: 'SUCCEEDED' });
    }
  });

  it('runs a scheduled tick delivered twice once: one schedule run per account', async () => {
    const connectionString = withDatabase(process.env.DATABASE_URL!, dbName);
    const boss = new PgBoss({ connectionString, max: 1, supervise: false, schedule: false });
    await boss.start();
    try {
      // The same tick twice (pg-boss's cron sends one per slot; a retried fan-out repeats it).
      await boss.send(SYNC_QUEUES.SCHEDULE, { tick: 'roles-test-tick' });
      await boss.send(SYNC_QUEUES.SCHEDULE, { tick: 'roles-test-tick' });
      const done = await settled('schedule');
      const pending = () => boss.getQueueSize(SYNC_QUEUES.SCHEDULE, { before: 'completed' });
      await until('both fan-outs', async () => (await pending()) === 0);
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // a duplicate would have started by now
      expect(await runs('schedule')).toHaveLength(ACCOUNTS);
      expect(await runsPerAccount('schedule', accountIds)).toEqual(once(accountIds));
      expect(new Set(done.map((r) => r.provider_account_id))).toEqual(new Set(accountIds));
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it('survives kill -9 of a worker mid-sync: another takes its job after the lease; totals exact', async () => {
    sim.faults.set({ slowMs: 300 });
    // A new account's backfill: several chunks, so the kill lands after some days were replaced.
    const { spendsyncLinkProvider: linked } = await gql(
      apiPorts[1]!,
      'mutation($input: LinkProviderInput!) { spendsyncLinkProvider(input: $input) { account { id } run { id } } }',
      { input: linkInput('roles killed') },
    );
    const account = linked.account.id as string;
    const killedRunId = linked.run.id as string;
    const running = async () => workers.find((w) => startedRunsOf(w).has(killedRunId));
    const victim = await until('the worker running the backfill', running, 20_000);
    await until('a day written', async () => progress.some((e) => e.runId === killedRunId && e.daysDone >= 1), 30_000);
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    sim.faults.clear();
    const survivor = workers.find((w) => w !== victim)!;
    const retried = await until(
      'the retried run',
      async () => {
        const rows = (await runs('link')).filter((r) => r.provider_account_id === account);
        const latest = rows.at(-1);
        return rows.length === 2 && latest && latest.status !== 'running' && latest.status !== 'queued' && latest;
      },
      60_000,
    );
    expect(retried.status).toBe('succeeded');
    expect(startedRunsOf(survivor).has(retried.id)).toBe(true);
    const [killed] = (await db.query<RunRow>('SELECT status FROM sync_runs WHERE id = $1', [killedRunId])).rows;
    expect(killed!.status).toBe('failed');
    const {
      rows: [counts],
    } = await db.query(
      `SELECT count(*)::int AS rows,
        count(DISTINCT (day, workspace_external_id, api_key_external_id, model, charge_kind, unit))::int AS grains
      FROM cost_records WHERE provider_account_id = $1`,
      [account],
    );
    expect(counts.rows).toBe(counts.grains);
    const truth = truthOfDays(sim, eachDay(sim.dataRange));
    for (const id of [...accountIds, account]) expect(await storedTotals(id)).toEqual(truth);
    // The survivor's job completes just after its run's last write: wait for the queue to drain.
    const healthUrl = `http://127.0.0.1:${workerPorts[workers.indexOf(survivor)]}/healthz`;
    type Health = { queue?: { active?: number } };
    const health = await until('the queue to drain', async () => {
      const answer = (await (await fetch(healthUrl)).json()) as Health;
      return answer.queue?.active === 0 && answer;
    });
    expect(health).toMatchObject({ status: 'ok', role: 'worker', queue: { active: 0, dead: 0 } });
    // Nothing synced twice meanwhile: every account once per trigger (the killed backfill's retry aside).
    for (const trigger of ['link', 'manual', 'schedule']) {
      expect(await runsPerAccount(trigger, accountIds)).toEqual(once(accountIds));
    }
    expect(await runsPerAccount('link', [account])).toEqual({ [account]: 2 });
  });
});
