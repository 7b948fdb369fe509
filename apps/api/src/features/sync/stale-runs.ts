import type { SyncRun } from '../sync-runs/sync-run.entity';
import { terminateLockHolder, tryLockAccount } from '../../database/account-lock';
import { closeOrphanRuns } from './orphan-runs';
import type { SyncServices } from './sync-context';

/**
 * The sweep run on every scheduler tick (and at start-up): closes runs whose process is gone.
 * A run whose account lock is free has no live owner; one whose lock is held but whose
 * heartbeat is older than `staleAfterMs` has an owner that stopped working (frozen host, a
 * connection left half-open), so that session is ended first. Returns the closed runs.
 */
export async function closeStaleRuns(services: SyncServices, staleAfterMs: number): Promise<SyncRun[]> {
  const closed: SyncRun[] = [];
  const byAccount = new Map<string, { run: SyncRun; stale: boolean }>();
  for (const active of await services.runs.listActive(staleAfterMs))
    byAccount.set(active.run.providerAccountId, active);
  for (const [accountId, { run, stale }] of byAccount) {
    let lock = await tryLockAccount(services.pool, accountId);
    if (!lock && stale) {
      const ended = await terminateLockHolder(services.pool, accountId);
      services.logger.warn(
        { runId: run.id, providerAccountId: accountId, sessions: ended },
        'Ended the session of a sync run whose heartbeat stopped',
      );
      lock = await tryLockAccount(services.pool, accountId);
    }
    if (!lock) continue;
    try {
      const account = await services.accounts.get(accountId);
      if (!account) continue;
      const orphans = await closeOrphanRuns(services, account, lock.client);
      closed.push(...orphans);
      if (orphans.length > 0) {
        await services.accounts.recordResult(
          accountId,
          {
            status: 'error',
            lastError: orphans[0]!.error,
            synced: false,
            dataCompleteThrough: account.dataCompleteThrough,
          },
          lock.client,
        );
      }
    } finally {
      await lock.release();
    }
  }
  return closed;
}
