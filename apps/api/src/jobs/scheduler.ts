import cron from 'node-cron';
import type { AppLogger } from '../logger';

/** A running cron schedule. */
export type Scheduler = {
  /** Stops firing; a tick in progress is not interrupted (stop the sync engine for that). */
  stop(): Promise<void>;
};

export type SchedulerOptions = {
  /** Cron expression (config `syncSchedule`, UTC), already validated by @spendsync/config. */
  expression: string;
  /** The job: the sync schedule's fan-out. */
  tick: () => Promise<unknown>;
  logger: AppLogger;
};

/**
 * node-cron: expression → job, nothing else. Ticks never overlap (a slow tick makes the next
 * one skip), run in UTC, and a failing tick is logged so the schedule survives it.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const task = cron.schedule(
    options.expression,
    async () => {
      try {
        await options.tick();
      } catch (error) {
        options.logger.error({ err: String(error) }, 'A scheduled sync tick failed; the schedule continues');
      }
    },
    { name: 'spendsync-sync', timezone: 'UTC', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}
