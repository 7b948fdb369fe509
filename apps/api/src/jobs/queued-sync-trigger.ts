import { randomUUID } from 'node:crypto';
import type { ProviderDefinition } from '@spendsync/adapters';
import type { ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { isAccountLocked } from '../database/account-lock';
import type { AccountSyncTrigger, SyncStartResult } from '../features/provider-accounts/account-sync-trigger';
import type {
  ProviderAccountSyncService,
  SyncableAccount,
} from '../features/provider-accounts/provider-account-sync.service';
import { SYNC_JOB_TOPICS, type SyncJobStarted } from '../features/sync/sync-job.topics';
import type { SyncPubSub } from '../features/sync/sync-pubsub';
import type { SyncRun } from '../features/sync-runs/sync-run.entity';
import type { SyncRunsService } from '../features/sync-runs/sync-runs.service';
import { jobIdOf, SYNC_QUEUES, type SyncJobQueue } from './sync-job-queue';

/** What the API role's sync trigger needs. */
export type QueuedSyncTriggerDeps = {
  queue: SyncJobQueue;
  pubsub: SyncPubSub;
  pool: pg.Pool;
  runs: SyncRunsService;
  accounts: ProviderAccountSyncService;
  providers: { readonly [K in ProviderId]?: ProviderDefinition<unknown> };
  /** How long a link or refresh waits for a worker to take its job (default 15 s). */
  startTimeoutMs?: number;
};

const POLL_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Link and Refresh Data in a process that runs no sync itself: the sync becomes a job on the
 * queue, and the answer waits until a worker (in any process) took it and says which run it
 * started, or which one was already in progress, through the shared pub/sub (and, should that
 * event be lost, the job's output). `done` of a started run follows the run's row.
 */
export function createQueuedSyncTrigger(deps: QueuedSyncTriggerDeps): AccountSyncTrigger<SyncRun> {
  const timeoutMs = deps.startTimeoutMs ?? 15_000;

  async function waitForRun(runId: string): Promise<SyncRun> {
    for (;;) {
      const run = await deps.runs.get(runId).catch(() => null);
      if (run && run.status !== 'queued' && run.status !== 'running') return run;
      await sleep(POLL_MS);
    }
  }

  async function answer(
    event: Pick<SyncJobStarted, 'kind' | 'runId' | 'message'>,
    accountId: string,
  ): Promise<SyncStartResult<SyncRun>> {
    if (event.kind === 'unavailable') {
      return { kind: 'unavailable', message: event.message ?? 'The sync could not start.' };
    }
    const run = event.runId ? await deps.runs.get(event.runId) : await deps.runs.findActive(accountId);
    if (event.kind === 'already-done' && run) {
      return { kind: 'already-done', run, message: event.message ?? 'This sync job has already run.' };
    }
    if (event.kind === 'already-running' || !run) {
      const message = event.message ?? 'A sync of this account is already in progress.';
      return { kind: 'already-running', run, message };
    }
    let done: Promise<SyncRun> | undefined;
    return {
      kind: 'started',
      run,
      get done() {
        return (done ??= waitForRun(run.id));
      },
    };
  }

  /** The job's output once it finished (the event was missed), else null. */
  async function outputOf(jobId: string): Promise<SyncJobStarted | null> {
    const job = await deps.queue.boss
      .getJobById<unknown>(SYNC_QUEUES.ACCOUNT, jobId, { includeArchive: true })
      .catch(() => null);
    if (!job || (job.state !== 'completed' && job.state !== 'failed')) return null;
    const output = (job.output ?? {}) as Partial<SyncJobStarted>;
    if (output.kind === undefined) return null;
    return { jobId, accountId: '', trigger: 'manual', kind: output.kind, runId: output.runId ?? null, message: null };
  }

  /** Why no job is needed: the account cannot sync, or a run of it is in progress. */
  async function refusal(accountId: string): Promise<SyncStartResult<SyncRun> | { account: SyncableAccount }> {
    const account = await deps.accounts.get(accountId);
    if (!account) return { kind: 'unavailable', message: `There is no provider account ${accountId}.` };
    if (account.status === 'disconnected') {
      return { kind: 'unavailable', message: `"${account.label}" is disconnected; reconnect it to sync.` };
    }
    if (!deps.providers[account.provider]) {
      return { kind: 'unavailable', message: `No adapter is available for ${account.provider} in this version.` };
    }
    const run = (await isAccountLocked(deps.pool, account.id)) ? await deps.runs.findActive(account.id) : null;
    if (run) {
      const message = `A sync of "${account.label}" is already in progress (run ${run.id}, ${run.trigger}).`;
      return { kind: 'already-running', run, message };
    }
    return { account };
  }

  return {
    async trigger(request) {
      const checked = await refusal(request.accountId);
      if (!('account' in checked)) return checked;
      const { account } = checked;
      const key = `${request.trigger}:${randomUUID()}`;
      const jobId = jobIdOf(key);
      const events = deps.pubsub.subscribe(SYNC_JOB_TOPICS.JOB_STARTED, (event) => event.jobId === jobId);
      try {
        await deps.queue.enqueue({ accountId: account.id, trigger: request.trigger }, key);
        // Wakes idle workers now; they poll anyway, so a lost event only costs a poll interval.
        await deps.pubsub.publish(SYNC_JOB_TOPICS.JOB_ENQUEUED, { jobId }).catch(() => undefined);
        const deadline = Date.now() + timeoutMs;
        // A subscription that ended never answers; the job's output still does.
        const started = events.next().then((r) => (r.done ? new Promise<never>(() => undefined) : r.value));
        while (Date.now() < deadline) {
          const wait = sleep(Math.min(2 * POLL_MS, deadline - Date.now())).then(() => undefined);
          const event = await Promise.race([started, wait]);
          if (event) return await answer(event, account.id);
          const output = await outputOf(jobId);
          if (output) return await answer(output, account.id);
        }
        const seconds = Math.round(timeoutMs / 1000);
        return {
          kind: 'unavailable',
          message:
            `The sync of "${account.label}" is queued, but no worker took it within ${seconds} s; ` +
            'it starts when a worker is free.',
        };
      } finally {
        await events.return?.();
      }
    },
  };
}
