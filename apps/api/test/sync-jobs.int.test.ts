import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { TEST_RETRY_POLICY } from '@spendsync/adapters/testing';
import type { ProviderSimulator } from '@spendsync/simulators';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { buildApp, startJobWorkers, type App } from '../src/app';
import type { SyncTopicMap } from '../src/features/sync/sync-pubsub';
import { jobIdOf, startSyncJobQueue, SYNC_QUEUES, type SyncJobQueue } from '../src/jobs/sync-job-queue';
import { createInMemoryPubSub } from '../src/pubsub/in-memory-pubsub';
import { createLinkedAccount, simulatorNow, startSimulator, TEST_CIPHER } from './sync-harness';
import { openTestDataSource, testDatabaseUrl } from './test-data-source';

// The job queue in one process: an "api" object graph that enqueues and a "worker" one that runs
// the jobs, sharing the pub/sub, on the test database's pgboss schema.
// Workers poll, retries back off and leases run out: seconds per test, more on a loaded machine.
jest.setTimeout(60_000);

describe('sync jobs on pg-boss', () => {
  let ds: DataSource;
  let sim: ProviderSimulator;
  let queue: SyncJobQueue;
  let api: App;
  let common: Parameters<typeof buildApp>[0];
  let running: { stop(): Promise<void> } | undefined;
  const pubsub = createInMemoryPubSub<SyncTopicMap>();
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    ds = await openTestDataSource();
    sim = await startSimulator('openai', {
      seed: 3,
      start: '2026-01-01',
      days: 10,
      workspaces: 1,
      keysPerWorkspace: 2,
      models: 2,
    });
    queue = await startSyncJobQueue({
      connectionString: testDatabaseUrl(),
      logger,
      leaseSeconds: 30,
      retryLimit: 1,
      retryDelaySeconds: 1,
    });
    common = {
      dataSource: ds,
      cipher: TEST_CIPHER,
      pubsub,
      logger,
      backfillDays: 15,
      now: simulatorNow(sim),
      // The simulator listens on loopback, which the guarded provider fetch allows only with this on.
      allowCustomEndpoints: true,
    };
    api = buildApp({ ...common, jobs: queue, jobStartTimeoutMs: 3_000 });
  });
  afterEach(async () => {
    sim.faults.clear();
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    await queue?.stop();
    await pubsub.close();
    await sim?.close();
    await ds?.destroy();
  });

  /** A worker process's object graph (a stopped engine stays stopped, so one per test). */
  const startWorker = async () => {
    const worker = buildApp({
      ...common,
      jobs: queue,
      engine: { heartbeatMs: 200 },
      syncAdapterDeps: () => ({ ...sim.adapterDeps(), retry: { ...TEST_RETRY_POLICY, ...sim.adapterDeps().retry } }),
    });
    running = await startJobWorkers(worker, { concurrency: 1, pollingIntervalSeconds: 0.5 });
  };
  const runsOf = async (accountId: string) =>
    ds.query<{ id: string; trigger: string; status: string }[]>(
      'SELECT id, trigger, status FROM sync_runs WHERE provider_account_id = $1 ORDER BY created_at',
      [accountId],
    );
  type Probe<T> = () => Promise<T | false | undefined>;
  const until = async <T>(what: string, probe: Probe<T>, timeoutMs = 30_000): Promise<T> => {
    for (const deadline = Date.now() + timeoutMs; ;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('derives the same job id from the same key, a different one from another, always a UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(jobIdOf('schedule:t1:a')).toBe(jobIdOf('schedule:t1:a'));
    expect(jobIdOf('schedule:t1:a')).not.toBe(jobIdOf('schedule:t2:a'));
    for (const key of ['a', 'schedule:t1:a', 'manual:x']) expect(jobIdOf(key)).toMatch(uuid);
  });

  it('refresh without a free worker says the sync is queued; a worker started later runs that job', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    await expect(api.services.providerLinks.refresh(account.organizationId, account.id)).rejects.toMatchObject({
      code: 'SYNC_UNAVAILABLE',
      message: expect.stringMatching(/is queued, but no worker took it within 3 s/),
    });
    expect(await runsOf(account.id)).toEqual([]);
    expect((await queue.stats()).queued).toBeGreaterThanOrEqual(1);
    await startWorker();
    const [run] = await until('the queued run', async () => {
      const rows = await runsOf(account.id);
      return rows.length === 1 && rows[0]!.status === 'succeeded' && rows;
    });
    expect(run).toMatchObject({ trigger: 'manual', status: 'succeeded' });
    expect(
      await until('an empty queue', async () => {
        const stats = await queue.stats();
        return stats.queued === 0 && stats.active === 0 && stats;
      }),
    ).toMatchObject({ lagSeconds: 0, dead: 0 });
  });

  it('refresh returns the run a worker started; a second one during it returns that run, already running', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    await startWorker();
    sim.faults.set({ slowMs: 150 });
    const first = await api.services.providerLinks.refresh(account.organizationId, account.id);
    expect(first.alreadyRunning).toBe(false);
    const second = await api.services.providerLinks.refresh(account.organizationId, account.id);
    expect(second).toMatchObject({ alreadyRunning: true, run: { id: first.run.id } });
    await until('the run', async () => (await runsOf(account.id)).every((r) => r.status === 'succeeded'));
    expect(await runsOf(account.id)).toEqual([{ id: first.run.id, trigger: 'manual', status: 'succeeded' }]);
  });

  it('retries a failed sync with backoff, then dead-letters its job', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    await startWorker();
    sim.faults.set({ serverError: { count: 100_000, status: 500 } });
    const { run } = await api.services.providerLinks.refresh(account.organizationId, account.id);
    const dead = await until('the dead letter', async () => {
      const jobs = await queue.boss.fetch<{ accountId: string; trigger: string }>(SYNC_QUEUES.DEAD, { batchSize: 10 });
      return jobs.find((job) => job.data.accountId === account.id);
    });
    expect(dead.data).toEqual({ accountId: account.id, trigger: 'manual' });
    const runs = await runsOf(account.id);
    // The run and its one retry.
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      ['manual', 'failed'],
      ['manual', 'failed'],
    ]);
    expect(runs[0]!.id).toBe(run.id);
  });

  it('hands the job of a worker that shuts down mid-sync to another worker, which re-runs the window', async () => {
    const account = await createLinkedAccount(ds, 'openai', sim.credentials);
    await startWorker();
    const stopping = running!;
    sim.faults.set({ slowMs: 300 });
    const { run: first } = await api.services.providerLinks.refresh(account.organizationId, account.id);
    await stopping.stop(); // SIGTERM of that worker: its run is aborted and its job fails
    await startWorker();
    sim.faults.clear();
    const runs = await until('the run of the second worker', async () => {
      const rows = await runsOf(account.id);
      return rows.length === 2 && rows[1]!.status === 'succeeded' && rows;
    });
    expect(runs[0]!.id).toBe(first.id);
    expect(['partial', 'failed']).toContain(runs[0]!.status);
    expect(runs[1]!.trigger).toBe('manual');
  });

  it('syncs once when a job is retried after its lease expired while its first attempt still ran', async () => {
    // A 2 s lease on the account queue (pg-boss applies a queue's lease to jobs sent from then on),
    // with this second instance's maintenance expiring it every second.
    const short = await startSyncJobQueue({
      connectionString: testDatabaseUrl(),
      logger,
      leaseSeconds: 2,
      retryLimit: 1,
      retryDelaySeconds: 5,
    });
    try {
      const account = await createLinkedAccount(ds, 'openai', sim.credentials);
      await startWorker();
      sim.faults.set({ slowMs: 1_500 }); // each provider call outlasts the lease
      const { run: first } = await api.services.providerLinks.refresh(account.organizationId, account.id);
      const [job] = await ds.query<{ id: string }[]>(
        `SELECT id FROM pgboss.job WHERE name = $1 AND data->>'accountId' = $2`,
        [SYNC_QUEUES.ACCOUNT, account.id],
      );
      const state = async () =>
        (
          await ds.query<{ state: string; retry_count: number; output: { kind?: string; runId?: string } | null }[]>(
            `SELECT state, retry_count, output FROM pgboss.job WHERE id = $1`,
            [job!.id],
          )
        )[0];
      // The lease runs out while the first attempt is still fetching: pg-boss gives up on that
      // handler and puts the job back as a retry. The retry is held back until the first attempt
      // has committed (on a busy machine its backoff alone may not last that long).
      const hold = (startAfter: string) =>
        ds.query(`UPDATE pgboss.job SET start_after = ${startAfter} WHERE id = $1 AND state = 'retry'`, [job!.id]);
      await until(
        'the expired lease',
        async () => (await state())?.state === 'retry' && (await hold(`now() + interval '1 hour'`), true),
      );
      expect((await runsOf(account.id)).map((r) => r.status)).toEqual(['running']);
      sim.faults.clear();
      await until('the first attempt to commit', async () => (await runsOf(account.id))[0]?.status === 'succeeded');
      expect(await state()).toMatchObject({ state: 'retry' });
      await hold('now()');
      const done = await until('the retried job', async () => {
        const now = await state();
        return now?.state === 'completed' && now;
      });
      // The retry found, under the account lock, that this job's first run had committed.
      expect(done.output).toMatchObject({ kind: 'already-done', runId: first.id });
      expect(await runsOf(account.id)).toEqual([{ id: first.id, trigger: 'manual', status: 'succeeded' }]);
      const [{ job_id: jobId }] = await ds.query(`SELECT job_id FROM sync_runs WHERE id = $1`, [first.id]);
      expect(jobId).toBe(job!.id);
    } finally {
      await short.boss.updateQueue(SYNC_QUEUES.ACCOUNT, {
        name: SYNC_QUEUES.ACCOUNT,
        policy: 'standard',
        expireInSeconds: 30,
        retryLimit: 1,
        retryDelay: 1,
        retryBackoff: true,
        deadLetter: SYNC_QUEUES.DEAD,
      });
      await short.stop();
    }
  });

  it("keeps pg-boss's tables in their own schema: the entities' drift check finds nothing to change", async () => {
    const [{ tables }] = await ds.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'pgboss'`);
    expect(tables).toBeGreaterThan(0);
    const log = await ds.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });
});
