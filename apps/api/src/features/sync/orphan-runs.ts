import type { Sql } from '../../database/pg-pool';
import type { SyncableAccount } from '../provider-accounts/provider-account-sync.service';
import type { SyncRun } from '../sync-runs/sync-run.entity';
import type { SyncServices } from './sync-context';
import { SYNC_TOPICS } from '../sync-runs/sync-run.topics';

/** Why an orphaned run was closed (stored as its error and log line). */
export const ORPHAN_REASON =
  'The process running this sync stopped before finishing (crashed, killed or lost its database connection); ' +
  'closed as failed. Nothing it had not finished is visible, and the next run retries the days it had not written.';

/**
 * Closes the account's runs still marked queued or running, which only a dead process can own
 * while we hold the account's lock: marks them failed, logs why and tells live subscribers.
 */
export async function closeOrphanRuns(services: SyncServices, account: SyncableAccount, db: Sql): Promise<SyncRun[]> {
  const orphans = await services.runs.closeOrphans(account.id, ORPHAN_REASON, db);
  for (const run of orphans) {
    const entry = await services.runs.appendLog(run, 'error', ORPHAN_REASON, db);
    services.logger.warn({ runId: run.id, providerAccountId: account.id }, 'Closed a sync run whose process died');
    const at = entry.at.toISOString();
    await Promise.all([
      services.pubsub.publish(SYNC_TOPICS.LOG_APPENDED, {
        id: entry.id,
        runId: run.id,
        organizationId: run.organizationId,
        providerAccountId: account.id,
        level: 'error',
        message: ORPHAN_REASON,
        at,
      }),
      services.pubsub.publish(SYNC_TOPICS.RUN_PROGRESSED, {
        runId: run.id,
        organizationId: run.organizationId,
        providerAccountId: account.id,
        provider: account.provider,
        trigger: run.trigger,
        status: 'failed',
        phase: 'finished',
        window: { start: run.windowStart, end: run.windowEnd },
        daysDone: 0,
        daysTotal: 0,
        recordsSoFar: run.recordCount,
        workspaces: run.workspaceCount,
        apiKeys: run.apiKeyCount,
        missingDays: run.missingDays,
        chunk: null,
        message: ORPHAN_REASON,
        at,
      }),
    ]).catch((error: unknown) =>
      services.logger.warn({ runId: run.id, err: String(error) }, 'Could not publish the closing of an orphaned run'),
    );
  }
  return orphans;
}
