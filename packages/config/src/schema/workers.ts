import { z } from 'zod';

const CONCURRENCY_RULE = 'must be a whole number of accounts from 1 to 64 (default 2)';
const WORKER_PORT_RULE = 'must be an integer from 0 to 65535 (default 4001; 0 picks a free port)';
const LEASE_RULE = 'must be a whole number of seconds from 5 to 86400 (default 900)';

/** The worker role: how many syncs it runs at once, where it reports its health, how long a job's lease lasts. */
export const ZWorkersEnv = z.object({
  /** Accounts one worker process syncs at the same time (each holds a database connection). */
  SPENDSYNC_WORKER_CONCURRENCY: z.coerce
    .number({ error: CONCURRENCY_RULE })
    .int({ error: CONCURRENCY_RULE })
    .min(1, { error: CONCURRENCY_RULE })
    .max(64, { error: CONCURRENCY_RULE })
    .default(2),
  /** Port of the worker role's health server (`GET /healthz` with the queue lag, `GET /metrics`). */
  SPENDSYNC_WORKER_PORT: z.coerce
    .number({ error: WORKER_PORT_RULE })
    .int({ error: WORKER_PORT_RULE })
    .min(0, { error: WORKER_PORT_RULE })
    .max(65535, { error: WORKER_PORT_RULE })
    .default(4001),
  /**
   * How long a worker holds a sync job: a job still active this long after it started (its
   * worker was killed) is retried by another worker. Longer than the longest sync.
   */
  SPENDSYNC_JOB_LEASE_SECONDS: z.coerce
    .number({ error: LEASE_RULE })
    .int({ error: LEASE_RULE })
    .min(5, { error: LEASE_RULE })
    .max(86400, { error: LEASE_RULE })
    .default(900),
});
