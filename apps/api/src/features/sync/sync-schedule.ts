import type { SyncRunStatus } from '../sync-runs/sync-run.entity';
import type { SyncEngine } from './sync-engine.types';
import type { AppLogger } from '../../logger';

/** What one scheduled tick did. */
export type ScheduleTickReport = {
  /** Runs of dead processes closed before starting. */
  closedStale: number;
  /** Accounts whose run this process executed, by outcome. */
  finished: Partial<Record<SyncRunStatus, number>>;
  /** Accounts another process (or an earlier trigger) was already syncing. */
  alreadyRunning: number;
  /** Accounts that could not be synced (no adapter, disconnected meanwhile) or whose trigger failed. */
  skipped: number;
};

export type SyncScheduleOptions = {
  engine: SyncEngine;
  logger: AppLogger;
  /** Accounts this process syncs at the same time (each holds one database connection). Default 2. */
  concurrency?: number;
  /** Which accounts a tick visits (app.ts: every account not disconnected, least recently synced first). */
  listAccounts: () => Promise<readonly { id: string }[]>;
};

/** See {@link createSyncSchedule}. */
export type SyncSchedule = { tick(): Promise<ScheduleTickReport> };

/**
 * The schedule's fan-out (DESIGN.md §5): one `schedule` run per linked account. Every process
 * ticks; the account lock makes each account run in exactly one of them, so adding processes
 * spreads the accounts. Failures are per account; the tick itself never throws for them.
 */
export function createSyncSchedule(options: SyncScheduleOptions): SyncSchedule {
  const { listAccounts } = options;
  const concurrency = Math.max(1, options.concurrency ?? 2);

  async function syncAccount(accountId: string, report: ScheduleTickReport): Promise<void> {
    try {
      const result = await options.engine.trigger({ accountId, trigger: 'schedule' });
      if (result.kind === 'started') {
        const run = await result.done;
        report.finished[run.status] = (report.finished[run.status] ?? 0) + 1;
      } else if (result.kind === 'already-running') report.alreadyRunning++;
      else report.skipped++;
    } catch (error) {
      report.skipped++;
      options.logger.error(
        { providerAccountId: accountId, err: String(error) },
        'The scheduled sync of an account could not start',
      );
    }
  }

  return {
    async tick() {
      const report: ScheduleTickReport = { closedStale: 0, finished: {}, alreadyRunning: 0, skipped: 0 };
      report.closedStale = (await options.engine.closeStaleRuns()).length;
      const queue = (await listAccounts()).map((a) => a.id);
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) await syncAccount(id, report);
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      options.logger.info({ ...report }, 'Scheduled sync tick finished');
      return report;
    },
  };
}
