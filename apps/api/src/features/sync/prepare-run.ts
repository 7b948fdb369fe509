import type { ProviderDefinition } from '@spendsync/adapters';
import type { Day } from '@spendsync/domain';
import type { SyncableAccount } from '../provider-accounts/provider-account-sync.service';
import type { AccountLock } from '../../database/account-lock';
import { createDirectoryTracker } from './directory-tracker';
import type { SyncContext, SyncServices } from './sync-context';
import type { SyncRequest } from './sync-engine.types';
import { planSync } from './sync-plan';
import { createProgressReporter } from './sync-progress';
import { createRunLog } from './sync-run-log';

/** What a run is prepared from; the account's lock is already held. */
export type PrepareRunInput = {
  account: SyncableAccount;
  definition: ProviderDefinition<unknown>;
  lock: AccountLock;
  request: SyncRequest;
  today: Day;
  backfillDays: number;
  maxChunkDays?: number;
  signal: AbortSignal;
};

/**
 * Plans the run (retrying what the previous run missed), creates its row as `queued` with every
 * planned day still missing, and wires its log and progress. Called under the account's lock,
 * so the previous run's missing days cannot change meanwhile.
 */
export async function prepareRun(services: SyncServices, input: PrepareRunInput): Promise<SyncContext> {
  const { account, definition, lock, request } = input;
  const previous = await services.runs.latestFinished(account.id, lock.client);
  const plan = planSync({
    trigger: request.trigger,
    today: input.today,
    window: request.window,
    backfillDays: input.backfillDays,
    capabilities: definition.capabilities,
    maxChunkDays: input.maxChunkDays,
    dataCompleteThrough: account.dataCompleteThrough,
    previouslyMissing: previous?.missingDays ?? [],
  });
  const run = await services.runs.create(
    {
      organizationId: account.organizationId,
      providerAccountId: account.id,
      trigger: request.trigger,
      window: plan.window,
      plannedDays: plan.days,
      ...(request.jobId === undefined ? {} : { jobId: request.jobId }),
    },
    lock.client,
  );
  const progress = createProgressReporter({
    run: { ...run, provider: account.provider },
    window: plan.window,
    daysTotal: plan.days.length,
    pubsub: services.pubsub,
    now: services.now,
    onError: (error) =>
      services.logger.warn({ runId: run.id, err: String(error) }, 'A sync progress event could not be published'),
  });
  const log = createRunLog({
    run,
    db: lock.client,
    runs: services.runs,
    pubsub: services.pubsub,
    logger: services.logger,
    onLine: (_level, message) => progress.update({ message }),
  });
  progress.update({ message: null }, true); // the "queued" event
  return {
    services,
    account,
    definition,
    run,
    plan,
    lock,
    signal: input.signal,
    log,
    progress,
    directory: createDirectoryTracker(),
    pending: new Set(plan.days),
    failed: new Set(),
    errors: [],
    recordsWritten: 0,
    daysWritten: 0,
  };
}
