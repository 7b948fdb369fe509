import { z } from 'zod';

const URL_RULE = 'must be a postgres:// or postgresql:// connection URL, or unset to use the embedded database';

const STATEMENT_RULE = 'must be a whole number of milliseconds from 0 (off) to 3600000 (default 10000)';

function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Where the data lives. Unset means "start an embedded PostgreSQL in the data dir". */
export const ZDatabaseEnv = z.object({
  /** A shared server for production and for running several processes; requires PostgreSQL 15 or later. */
  DATABASE_URL: z.string().refine(isPostgresUrl, { error: URL_RULE }).optional(),
  /**
   * The longest one SQL statement of an API request may run, in milliseconds (PostgreSQL's
   * `statement_timeout` on the serving pool); a statement past it is cancelled and the request gets
   * QUERY_TIMEOUT. 0 turns it off. The sync engine, budget evaluation, migrations, backups and
   * restores run on pools without it.
   */
  SPENDSYNC_STATEMENT_TIMEOUT_MS: z.coerce
    .number({ error: STATEMENT_RULE })
    .int({ error: STATEMENT_RULE })
    .min(0, { error: STATEMENT_RULE })
    .max(3_600_000, { error: STATEMENT_RULE })
    .default(10_000),
});
