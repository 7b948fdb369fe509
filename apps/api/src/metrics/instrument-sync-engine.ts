import type { DataSource } from 'typeorm';
import type { SyncEngine } from '../features/sync/sync-engine.types';
import type { SyncRun } from '../features/sync-runs/sync-run.entity';
import type { ApiMetrics } from './api-metrics';

/**
 * The engine, counting every run it closes: scheduled, manual and link runs all start through
 * `trigger`, and runs of dead processes close through `closeStaleRuns`. A run counts once, in
 * the process that closed it, so the sum over processes is the number of runs. The provider
 * label is read from the run's account when the run closes.
 */
export function instrumentSyncEngine(
  engine: SyncEngine,
  metrics: Pick<ApiMetrics, 'syncRuns' | 'recordsWritten'>,
  dataSource: DataSource,
): SyncEngine {
  const providerOf = async (run: SyncRun): Promise<string> => {
    const rows = await dataSource.query<{ provider: string }[]>(
      'SELECT provider FROM provider_accounts WHERE id = $1',
      [run.providerAccountId],
    );
    return rows[0]?.provider ?? 'unknown';
  };
  const count = async (run: SyncRun) => {
    // An account deleted meanwhile, or a database hiccup, must not lose the count.
    const provider = await providerOf(run).catch(() => 'unknown');
    metrics.syncRuns.inc({ provider, status: run.status });
    metrics.recordsWritten.inc({ provider }, run.recordCount);
  };
  return {
    async trigger(request) {
      const result = await engine.trigger(request);
      if (result.kind !== 'started') return result;
      return {
        ...result,
        done: result.done.then(async (run) => {
          await count(run);
          return run;
        }),
      };
    },
    async closeStaleRuns() {
      const runs = await engine.closeStaleRuns();
      await Promise.all(runs.map(count));
      return runs;
    },
    get activeRuns() {
      return engine.activeRuns;
    },
    stop: () => engine.stop(),
  };
}
