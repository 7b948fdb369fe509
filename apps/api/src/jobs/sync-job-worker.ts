import type PgBoss from 'pg-boss';
import { SYNC_JOB_TOPICS, type SyncJobStarted } from '../features/sync/sync-job.topics';
import type { SyncPubSub } from '../features/sync/sync-pubsub';
import type { SyncEngine } from '../features/sync/sync-engine.types';
import type { SyncRun } from '../features/sync-runs/sync-run.entity';
import type { AppLogger } from '../logger';
import { SYNC_QUEUES, type SyncAccountJob, type SyncJobQueue } from './sync-job-queue';

/** What the worker role runs jobs with. */
export type SyncJobWorkerDeps = {
  queue: SyncJobQueue;
  engine: SyncEngine;
  pubsub: SyncPubSub;
  logger: AppLogger;
  /** Accounts synced at the same time by this process (SPENDSYNC_WORKER_CONCURRENCY). */
  concurrency: number;
  /** The accounts a scheduled tick enqueues (every account not disconnected). */
  listAccounts: () => Promise<readonly { id: string }[]>;
  /** After a tick's fan-out: budgets whose period rolled over are evaluated even without new data. */
  afterTick?: () => Promise<unknown>;
  /** Cron of the schedule (SPENDSYNC_SYNC_SCHEDULE, UTC); registered in pg-boss, which fires it once per slot. */
  schedule?: string;
  /** How often an idle worker looks for jobs (default 1 s; pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
};

/** A job outcome pg-boss stores as the job's output. */
type JobOutput = { kind: string; runId: string | null; status?: string };

/** Thrown for a run that failed: pg-boss retries the job with backoff, then dead-letters it. */
class SyncJobFailed extends Error {}

/**
 * The worker role's job loop: account jobs run through the sync engine (the account lock makes
 * one run per account across every process); a run that failed, or that this process's
 * shutdown cut short, fails its job so pg-boss retries it (on another worker, after a backoff)
 * and dead-letters it when the retries run out. The schedule's tick job enqueues one account
 * job per account with an id derived from the tick, so a tick retried or run twice enqueues
 * each account once.
 */
export async function startSyncJobWorker(deps: SyncJobWorkerDeps): Promise<{ stop(): Promise<void> }> {
  const { boss } = deps.queue;
  let stopping = false;

  type Outcome = Pick<SyncJobStarted, 'kind' | 'runId' | 'message'>;
  const announce = async (job: PgBoss.Job<SyncAccountJob>, event: Outcome) => {
    const { accountId, trigger } = job.data;
    const payload = { jobId: job.id, accountId, trigger, ...event };
    await deps.pubsub.publish(SYNC_JOB_TOPICS.JOB_STARTED, payload).catch((err: unknown) => {
      deps.logger.warn({ jobId: job.id, err: String(err) }, 'A sync job event could not be published');
    });
  };

  async function runAccountJob(job: PgBoss.Job<SyncAccountJob>): Promise<JobOutput> {
    const { data } = job;
    // The job id lets the engine see, under the account lock, that an earlier attempt of this job
    // (its lease expired while it still ran) has committed: then this retry syncs nothing.
    const result = await deps.engine.trigger({ accountId: data.accountId, trigger: data.trigger, jobId: job.id });
    if (result.kind === 'already-done') {
      deps.logger.info({ jobId: job.id, runId: result.run.id }, 'Sync job already done by an earlier attempt');
    }
    if (result.kind !== 'started') {
      const runId = result.kind === 'unavailable' ? null : (result.run?.id ?? null);
      await announce(job, { kind: result.kind, runId, message: result.message });
      return { kind: result.kind, runId };
    }
    const fields = { jobId: job.id, runId: result.run.id, providerAccountId: data.accountId, trigger: data.trigger };
    deps.logger.info(fields, 'Sync job started a run');
    await announce(job, { kind: 'started', runId: result.run.id, message: null });
    const run: SyncRun = await result.done;
    if (run.status === 'failed' || (stopping && run.status !== 'succeeded')) {
      const why = `${stopping ? ' (this worker is stopping)' : ''}: ${run.error ?? 'no error given'}`;
      throw new SyncJobFailed(`Sync run ${run.id} ended ${run.status}${why}`);
    }
    return { kind: 'started', runId: run.id, status: run.status };
  }

  const handle = async ([job]: PgBoss.Job<SyncAccountJob>[]) => {
    if (!job) return undefined;
    try {
      return await runAccountJob(job);
    } catch (error) {
      const fields = { jobId: job.id, providerAccountId: job.data.accountId, err: String(error) };
      deps.logger.warn(fields, 'A sync job failed; the queue retries it');
      throw error;
    }
  };
  // pg-boss runs one fetch loop per `work` call: `concurrency` loops share the queue.
  const workerIds: string[] = [];
  for (let i = 0; i < Math.max(1, deps.concurrency); i++) {
    const options = { batchSize: 1, pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 1 };
    workerIds.push(await boss.work<SyncAccountJob>(SYNC_QUEUES.ACCOUNT, options, handle));
  }
  // A link or refresh enqueued by any process wakes the idle loops at once (the poll stays the fallback).
  const enqueued = deps.pubsub.subscribe(SYNC_JOB_TOPICS.JOB_ENQUEUED);
  void (async () => {
    for await (const _event of enqueued) for (const id of workerIds) boss.notifyWorker(id);
  })().catch(() => undefined);

  const fanOut = async ([job]: PgBoss.Job<{ tick?: string }>[]) => {
    if (!job) return undefined;
    const tick = job.data.tick ?? job.id;
    let count = 0;
    for (const account of await deps.listAccounts()) {
      const job = { accountId: account.id, trigger: 'schedule' as const };
      const id = await deps.queue.enqueue(job, `schedule:${tick}:${account.id}`);
      if (id) count++;
    }
    deps.logger.info({ tick, enqueued: count }, 'Scheduled sync tick enqueued its accounts');
    await deps.afterTick?.().catch((err: unknown) => {
      deps.logger.warn({ err: String(err) }, 'Closing stale runs or evaluating budgets after the tick failed');
    });
    return { enqueued: count };
  };
  await boss.work<{ tick?: string }>(SYNC_QUEUES.SCHEDULE, { batchSize: 1, pollingIntervalSeconds: 2 }, fanOut);
  if (deps.schedule) await boss.schedule(SYNC_QUEUES.SCHEDULE, deps.schedule, {}, { tz: 'UTC' });

  return {
    async stop() {
      stopping = true;
      await enqueued.return?.();
      await boss.offWork(SYNC_QUEUES.SCHEDULE).catch(() => undefined);
      // No new jobs; runs in progress are aborted (their jobs fail and are retried elsewhere).
      const offAccount = boss.offWork(SYNC_QUEUES.ACCOUNT).catch(() => undefined);
      await deps.engine.stop();
      await offAccount;
    },
  };
}
