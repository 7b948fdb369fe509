import { validate } from 'node-cron';
import { z } from 'zod';

const SCHEDULE_RULE = 'must be a cron expression such as "0 * * * *" (hourly, the default) or "*/15 * * * *"';
const BACKFILL_RULE = 'must be a whole number of days from 1 to 3660 (default 90)';

/** When scheduled syncs run and how far back a newly linked account is read. */
export const ZSyncEnv = z.object({
  /** Cron expression (UTC) for the scheduled sync of every account; checked with node-cron, which runs it. */
  SPENDSYNC_SYNC_SCHEDULE: z
    .string()
    .refine((text) => validate(text), { error: SCHEDULE_RULE })
    .default('0 * * * *'),
  /** Days of history the first sync of a newly linked account reads. */
  SPENDSYNC_BACKFILL_DAYS: z.coerce
    .number({ error: BACKFILL_RULE })
    .int({ error: BACKFILL_RULE })
    .min(1, { error: BACKFILL_RULE })
    .max(3660, { error: BACKFILL_RULE })
    .default(90),
});
