import { Gauge, type Registry } from 'prom-client';
import type { QueueStats } from '../jobs/sync-job-queue';

/** Where the queue figures come from (the job queue's `stats`). */
export type QueueStatsSource = { stats(): Promise<QueueStats & { dead: number }> };

/**
 * Registers the sync job queue's gauges, read from PostgreSQL at each scrape (so every process
 * reports the same shared queue): `spendsync_job_queue_depth{queue,state}` and
 * `spendsync_job_queue_lag_seconds{queue}` (age of the oldest job that could run but has not).
 */
export function registerQueueMetrics(registry: Registry, source: QueueStatsSource): void {
  let latest: Promise<(QueueStats & { dead: number }) | null> | undefined;
  // One query per scrape, shared by both gauges.
  const read = () => {
    latest ??= source
      .stats()
      .catch(() => null)
      .finally(() =>
        setTimeout(() => {
          latest = undefined;
        }, 100),
      );
    return latest;
  };
  new Gauge({
    name: 'spendsync_job_queue_depth',
    help: 'Sync jobs in the shared queue, by queue and state (queued, retrying, active; dead: dead-lettered).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const stats = await read();
      if (!stats) return;
      this.set({ queue: 'sync-account', state: 'queued' }, stats.queued);
      this.set({ queue: 'sync-account', state: 'retrying' }, stats.retrying);
      this.set({ queue: 'sync-account', state: 'active' }, stats.active);
      this.set({ queue: 'sync-dead', state: 'queued' }, stats.dead);
    },
  });
  new Gauge({
    name: 'spendsync_job_queue_lag_seconds',
    help: 'Age of the oldest sync job that could start but has not, in seconds (0: none waiting).',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      const stats = await read();
      if (stats) this.set({ queue: 'sync-account' }, stats.lagSeconds);
    },
  });
}
