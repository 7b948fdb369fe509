import { providers as registry } from '@spendsync/adapters';
import { dayOf } from '@spendsync/domain';
import { pgPoolOf } from '../../database/pg-pool';
import type { SyncableAccount } from '../provider-accounts/provider-account-sync.service';
import type { SyncRun } from '../sync-runs/sync-run.entity';
import { tryLockAccount, type AccountLock } from '../../database/account-lock';
import { closeOrphanRuns } from './orphan-runs';
import { detectAfterSync, runSyncJob } from './sync-account.job';
import type { SyncServices } from './sync-context';
import type { SyncEngine, SyncEngineOptions, SyncRequest, SyncStartResult } from './sync-engine.types';
import { prepareRun } from './prepare-run';
import { closeStaleRuns } from './stale-runs';

const ACTIVE_RUN_WAIT_MS = 2_000;
/** Chunks fetched ahead of the writer by default: overlaps provider and database waits, bounds memory. */
export const DEFAULT_FETCH_CONCURRENCY = 1;

/** The running run of an account that another session has locked (it may take a moment to appear). */
async function findRunningRun(services: SyncServices, accountId: string): Promise<SyncRun | null> {
  for (const deadline = Date.now() + ACTIVE_RUN_WAIT_MS; ;) {
    const run = await services.runs.findActive(accountId);
    if (run || Date.now() >= deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function alreadyRunning(account: SyncableAccount, run: SyncRun | null): SyncStartResult {
  const which = run
    ? `run ${run.id}, ${run.trigger}, started ${(run.startedAt ?? run.createdAt).toISOString()}`
    : 'in another process';
  return { kind: 'already-running', run, message: `A sync of "${account.label}" is already in progress (${which}).` };
}

/** Creates the sync engine (see {@link SyncEngine}). */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const pool = pgPoolOf(options.dataSource);
  const services: SyncServices = {
    dataSource: options.dataSource,
    pool,
    runs: options.runs,
    accounts: options.accounts,
    pubsub: options.pubsub,
    cipher: options.cipher,
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    adapterDeps: options.adapterDeps,
    heartbeatMs: options.heartbeatMs ?? 5_000,
    fetchConcurrency: options.fetchConcurrency ?? DEFAULT_FETCH_CONCURRENCY,
  };
  const definitions = options.providers ?? registry;
  const active = new Map<string, { controller: AbortController; done: Promise<SyncRun> }>();
  let stopping = false;

  async function start(request: SyncRequest, account: SyncableAccount, lock: AccountLock): Promise<SyncStartResult> {
    const definition = definitions[account.provider]!;
    await closeOrphanRuns(services, account, lock.client);
    const controller = new AbortController();
    const ctx = await prepareRun(services, {
      account,
      definition,
      lock,
      request,
      today: dayOf(services.now()),
      backfillDays: options.backfillDays,
      maxChunkDays: options.maxChunkDays,
      signal: AbortSignal.any([controller.signal, lock.lost]),
    });
    const done = runSyncJob(ctx)
      .catch(async (error: unknown) => {
        services.logger.error(
          { runId: ctx.run.id, err: String(error) },
          'A sync run could not be closed; the stale-run sweep will close it',
        );
        return (await services.runs.get(ctx.run.id).catch(() => null)) ?? ctx.run;
      })
      .finally(async () => {
        active.delete(ctx.run.id);
        await lock.release();
      })
      .then(async (run) => {
        await detectAfterSync(ctx);
        if (ctx.daysWritten > 0 && options.onRunCommitted) {
          await options.onRunCommitted(run, account).catch((err: unknown) => {
            services.logger.error(
              { runId: run.id, err: String(err) },
              'Evaluating budgets after the sync failed; the schedule retries',
            );
          });
        }
        return run;
      });
    active.set(ctx.run.id, { controller, done });
    return { kind: 'started', run: ctx.run, done };
  }

  return {
    async trigger(request) {
      const account = await services.accounts.get(request.accountId);
      if (!account) return { kind: 'unavailable', message: `There is no provider account ${request.accountId}.` };
      if (account.status === 'disconnected')
        return { kind: 'unavailable', message: `"${account.label}" is disconnected; reconnect it to sync.` };
      if (!definitions[account.provider])
        return { kind: 'unavailable', message: `No adapter is available for ${account.provider} in this version.` };
      if (stopping) return { kind: 'unavailable', message: 'The server is shutting down; try again in a moment.' };
      const lock = await tryLockAccount(pool, account.id);
      if (!lock) return alreadyRunning(account, await findRunningRun(services, account.id));
      try {
        // A retried job whose first attempt (lease expired, still running) has committed since.
        const committed = request.jobId
          ? await services.runs.committedForJob(account.id, request.jobId, lock.client)
          : null;
        if (committed) {
          await lock.release();
          const message = `Job ${request.jobId} already synced "${account.label}" (run ${committed.id}, ${committed.status}).`;
          return { kind: 'already-done', run: committed, message };
        }
        return await start(request, account, lock);
      } catch (error) {
        await lock.release();
        throw error;
      }
    },
    closeStaleRuns: () => closeStaleRuns(services, options.staleAfterMs ?? 120_000),
    get activeRuns() {
      return active.size;
    },
    async stop() {
      stopping = true;
      const runs = [...active.values()];
      for (const run of runs) run.controller.abort(new Error('The server is shutting down'));
      await Promise.all(runs.map((run) => run.done));
    },
  };
}
