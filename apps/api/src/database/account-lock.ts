import type pg from 'pg';

// Two-key advisory locks: this class id marks "one sync per account" (replace-partition uses 7_106_011).
const SYNC_LOCK_CLASS = 7_106_012;

/** A held account lock and the connection that holds it (also used for the run's bookkeeping). */
export type AccountLock = {
  readonly client: pg.PoolClient;
  /** Aborts when the connection holding the lock breaks: the lock is gone, so the run must stop. */
  readonly lost: AbortSignal;
  /** Unlocks and returns the connection; safe to call twice. */
  release(): Promise<void>;
};

/**
 * Tries to take the account's sync lock: a session-level PostgreSQL advisory lock held on a
 * dedicated connection for the whole run. It works across processes, and a process that dies
 * (even by SIGKILL) loses its connection and with it the lock, so a crashed run never blocks
 * the account. Returns null when another session holds it. Account ids are hashed to 32 bits,
 * so two accounts could in theory share a lock; that only serializes them.
 */
export async function tryLockAccount(pool: pg.Pool, accountId: string): Promise<AccountLock | null> {
  const client = await pool.connect();
  const lost = new AbortController();
  const onError = (error: Error) =>
    lost.abort(new Error(`The database connection holding the sync lock failed: ${error.message}`));
  client.on('error', onError);
  let locked = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
      [SYNC_LOCK_CLASS, accountId],
    );
    locked = rows[0]?.locked === true;
  } finally {
    if (!locked) {
      client.off('error', onError);
      client.release();
    }
  }
  if (!locked) return null;
  let released = false;
  return {
    client,
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SYNC_LOCK_CLASS, accountId]);
        client.off('error', onError);
        client.release();
      } catch (error) {
        client.off('error', onError);
        client.release(error as Error); // a broken connection is discarded, which frees the lock anyway
      }
    },
  };
}

/** True when some session holds the account's sync lock right now. */
export async function isAccountLocked(pool: pg.Pool, accountId: string): Promise<boolean> {
  const lock = await tryLockAccount(pool, accountId);
  await lock?.release();
  return lock === null;
}

/**
 * Ends the database session holding the account's lock. Used only for a run whose heartbeat
 * stopped while its connection stayed open (a frozen or vanished host): ending the session
 * frees the lock, and the owner, if it still lives, sees its lock connection fail and stops.
 * Returns the number of sessions ended.
 */
export async function terminateLockHolder(pool: pg.Pool, accountId: string): Promise<number> {
  const { rows } = await pool.query<{ ended: boolean }>(
    `SELECT pg_terminate_backend(pid, 5000) AS ended FROM pg_locks
      WHERE locktype = 'advisory' AND objsubid = 2 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND classid::bigint = $1 AND objid::bigint = (hashtext($2)::bigint & 4294967295)`,
    [SYNC_LOCK_CLASS, accountId],
  );
  return rows.filter((r) => r.ended).length;
}
