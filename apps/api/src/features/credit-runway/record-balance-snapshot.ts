import type { CreditBalance } from '@spendsync/adapters';
import { dayOf } from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';

/**
 * Stores the balance an account reported, as that UTC day's snapshot: a second read the same day
 * replaces the first (the latest figure of the day stands), so re-running a sync adds nothing.
 */
export async function recordBalanceSnapshot(
  db: Sql,
  account: { id: string; organizationId: string },
  balance: CreditBalance,
  readAt: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO credit_balance_snapshots (organization_id, provider_account_id, day, remaining, granted, used, read_at)
     VALUES ($1, $2, $3::date, $4::numeric, $5::numeric, $6::numeric, $7)
     ON CONFLICT (provider_account_id, day) DO UPDATE
       SET remaining = EXCLUDED.remaining, granted = EXCLUDED.granted, used = EXCLUDED.used, read_at = EXCLUDED.read_at
       WHERE credit_balance_snapshots.read_at <= EXCLUDED.read_at`,
    [
      account.organizationId,
      account.id,
      dayOf(readAt),
      balance.remaining.toFixed(),
      balance.granted?.toFixed() ?? null,
      balance.used?.toFixed() ?? null,
      readAt,
    ],
  );
}
