import { settledThrough, type Day } from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';

/** Whose days were read. */
export type DayReadOwner = { organizationId: string; providerAccountId: string };

/** Remembers that a successful write replaced `days` at `readAt` (the sync's clock). */
export async function recordDayReads(db: Sql, owner: DayReadOwner, days: readonly Day[], readAt: Date): Promise<void> {
  if (days.length === 0) return;
  await db.query(
    `INSERT INTO provider_account_day_reads (provider_account_id, organization_id, day, read_at)
      SELECT $1, $2, d, $4 FROM unnest($3::date[]) d
      ON CONFLICT (provider_account_id, day) DO UPDATE SET read_at = greatest(provider_account_day_reads.read_at, EXCLUDED.read_at)`,
    [owner.providerAccountId, owner.organizationId, [...new Set(days)], readAt],
  );
}

/**
 * Recomputes and stores the account's settled-through day from its day reads (domain
 * `settledThrough`), and returns it. Only days from the first not-yet-settled one on can change,
 * but an account holds at most a few hundred read days, so all are read.
 */
export async function refreshSettledThrough(
  db: Sql,
  accountId: string,
  delayHours: number,
  now: Date,
): Promise<Day | null> {
  const { rows } = await db.query<{ day: Day; read_at: Date }>(
    'SELECT day::text AS day, read_at FROM provider_account_day_reads WHERE provider_account_id = $1',
    [accountId],
  );
  const through = settledThrough(
    rows.map((r) => ({ day: r.day, readAt: r.read_at })),
    delayHours,
    now,
  );
  await db.query('UPDATE provider_accounts SET settled_through = $2 WHERE id = $1', [accountId, through]);
  return through;
}
