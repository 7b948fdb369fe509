import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { SyncTrigger } from '../features/provider-accounts/account-sync-trigger';
import type { AppLogger } from '../logger';

/** The queues spendsync keeps in pg-boss's `pgboss` schema (same PostgreSQL as the data). */
export const SYNC_QUEUES = {
  /** One job per sync of one account (link, schedule, manual). */
  ACCOUNT: 'spendsync-sync-account',
  /** The schedule's tick: one job per cron slot, fanned out into account jobs. */
  SCHEDULE: 'spendsync-sync-schedule',
  /** Account jobs whose retries ran out, kept for the operator. */
  DEAD: 'spendsync-sync-dead',
} as const;

/** The data of an account job. */
export type SyncAccountJob = { accountId: string; trigger: SyncTrigger };

/** How the queue is opened. */
export type SyncJobQueueOptions = {
  /** postgres:// URL (contains a password: never logged). */
  connectionString: string;
  logger: AppLogger;
  /**
   * The lease of an account job (SPENDSYNC_JOB_LEASE_SECONDS): a job still active this long
   * after it started (its worker died) is failed and retried by another worker.
   */
  leaseSeconds: number;
  /** Retries of a failed account job before it is dead-lettered (default 3), with exponential backoff. */
  retryLimit?: number;
  /** First retry delay in seconds (default 5; doubles with each retry). */
  retryDelaySeconds?: number;
  /** Connections pg-boss may hold (default 4). */
  poolSize?: number;
};

/** Depth and lag of a queue, as `/healthz` and `/metrics` report them. */
export type QueueStats = {
  /** Jobs waiting (created, or retry whose delay passed). */
  queued: number;
  /** Jobs waiting for their retry delay. */
  retrying: number;
  /** Jobs a worker holds. */
  active: number;
  /** Age in seconds of the oldest job that could start now but has not (0 when none). */
  lagSeconds: number;
};

/** The durable job queue of sync work. */
export type SyncJobQueue = {
  readonly boss: PgBoss;
  /**
   * Enqueues a sync of an account. `dedupeKey` makes the job id deterministic (a scheduled tick
   * enqueues each account once however often the fan-out runs); returns null when that job
   * exists already.
   */
  enqueue(job: SyncAccountJob, dedupeKey?: string): Promise<string | null>;
  /** Depth and lag of the account queue, and the dead letters. */
  stats(): Promise<QueueStats & { dead: number }>;
  stop(): Promise<void>;
};

// Any constant: the advisory lock under which processes set up the queue one at a time.
const QUEUE_SETUP_LOCK = 7_106_011_512_421_019n;

/** Runs `setup` holding a session advisory lock on a connection of its own. */
async function oneAtATime(connectionString: string, setup: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: 'spendsync-jobs-setup' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK.toString()]);
    await setup();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [QUEUE_SETUP_LOCK.toString()]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** A UUID derived from `key`, so the same key always names the same job. */
export function jobIdOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const parts = [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ];
  return parts.join('-');
}

/**
 * Starts pg-boss on `connectionString` (creating or migrating its `pgboss` schema) and creates
 * spendsync's queues. Account jobs use the standard policy: one sync per account at a time is
 * the account lock's job (database/account-lock), which also makes a job that expired while its
 * worker still runs harmless (the retry finds the account locked and completes).
 */
export async function startSyncJobQueue(options: SyncJobQueueOptions): Promise<SyncJobQueue> {
  const lease = options.leaseSeconds;
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: options.poolSize ?? 4,
    application_name: 'spendsync-jobs',
    // Expired leases are found by the maintenance loop: run it often enough that a dead
    // worker's job is retried within about one and a half leases.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(lease / 2))),
    monitorStateIntervalSeconds: 60,
  });
  boss.on('error', (error) => {
    options.logger.warn({ err: String(error) }, 'The job queue reported an error; it carries on');
  });
  // pg-boss's start (its schema, its cron queue) and createQueue deadlock when several processes
  // run them at once on a new database: the processes set up one after another.
  await oneAtATime(options.connectionString, async () => {
    await boss.start();
    await boss.createQueue(SYNC_QUEUES.DEAD, { name: SYNC_QUEUES.DEAD, retentionDays: 14 });
    const accountQueue = {
      name: SYNC_QUEUES.ACCOUNT,
      policy: 'standard' as const,
      expireInSeconds: lease,
      retryLimit: options.retryLimit ?? 3,
      retryDelay: options.retryDelaySeconds ?? 5,
      retryBackoff: true,
      deadLetter: SYNC_QUEUES.DEAD,
    };
    await boss.createQueue(SYNC_QUEUES.ACCOUNT, accountQueue);
    await boss.updateQueue(SYNC_QUEUES.ACCOUNT, accountQueue); // a changed lease applies to new jobs
    await boss.createQueue(SYNC_QUEUES.SCHEDULE, {
      name: SYNC_QUEUES.SCHEDULE,
      policy: 'standard',
      expireInSeconds: 300,
      retryLimit: 2,
    });
  });
  return {
    boss,
    async enqueue(job, dedupeKey) {
      const id = dedupeKey === undefined ? randomUUID() : jobIdOf(dedupeKey);
      return boss.send(SYNC_QUEUES.ACCOUNT, job, { id });
    },
    async stats() {
      const { rows } = await boss.getDb().executeSql(
        `SELECT count(*) FILTER (
                  WHERE name = $1 AND state IN ('created', 'retry') AND start_after <= now())::int AS queued,
                count(*) FILTER (WHERE name = $1 AND state = 'retry' AND start_after > now())::int AS retrying,
                count(*) FILTER (WHERE name = $1 AND state = 'active')::int AS active,
                coalesce(extract(epoch FROM now() - min(start_after) FILTER (
                  WHERE name = $1 AND state IN ('created', 'retry') AND start_after <= now())), 0)::float8 AS lag,
                count(*) FILTER (WHERE name = $2 AND state < 'completed')::int AS dead
           FROM pgboss.job WHERE name IN ($1, $2)`,
        [SYNC_QUEUES.ACCOUNT, SYNC_QUEUES.DEAD],
      );
      const row = rows[0] as { queued: number; retrying: number; active: number; lag: number; dead: number };
      const { queued, retrying, active, dead } = row;
      return { queued, retrying, active, lagSeconds: Math.max(0, row.lag), dead };
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
