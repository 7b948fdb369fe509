import { z } from 'zod';

const URL_RULE = 'must be a postgres:// or postgresql:// connection URL, or unset to use the embedded database';

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
});
