import type { Day } from '@spendsync/domain';
import type pg from 'pg';
import { columnsOf, fromRow, type RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import type { ProviderAccount, ProviderAccountStatus } from './provider-account.entity';

/** What the sync engine needs of an account (credentials still encrypted). */
export type SyncableAccount = Pick<ProviderAccount, SyncField>;

/**
 * What the engine reads of an account, in select order. `endpointOverride`: the admin's custom
 * endpoint (simulator, proxy), honoured only when custom endpoints are allowed.
 */
const SYNC_FIELDS = [
  'id',
  'organizationId',
  'provider',
  'label',
  'status',
  'credentialsEncrypted',
  'dataCompleteThrough',
  'endpointOverride',
] as const satisfies readonly (keyof ProviderAccount)[];
type SyncField = (typeof SYNC_FIELDS)[number];

/** The account's state after a run. */
export type AccountSyncResult = {
  status: Extract<ProviderAccountStatus, 'active' | 'error'>;
  lastError: string | null;
  /**
   * The "no billing data at all" guidance, or null when the run found data; undefined keeps the
   * current notice (a failed run says nothing about it).
   */
  syncNotice?: string | null;
  /** Set when the run synced anything. */
  synced: boolean;
  dataCompleteThrough: Day | null;
};

type AccountRow = RowOf<ProviderAccount, SyncField>;

const toAccount = (r: AccountRow): SyncableAccount => fromRow<ProviderAccount, SyncField>(r, SYNC_FIELDS);

const COLUMNS = columnsOf<ProviderAccount>(SYNC_FIELDS);

/** Provider-account reads and writes the sync engine makes; nothing else touches these columns during a sync. */
export function createProviderAccountSyncService(pool: pg.Pool) {
  return {
    async get(accountId: string): Promise<SyncableAccount | null> {
      const { rows } = await pool.query<AccountRow>(`SELECT ${COLUMNS} FROM provider_accounts WHERE id = $1`, [
        accountId,
      ]);
      return rows[0] ? toAccount(rows[0]) : null;
    },

    /** Accounts the schedule syncs: every one not disconnected, oldest sync first. */
    async listSchedulable(): Promise<SyncableAccount[]> {
      const { rows } =
        await pool.query<AccountRow>(`SELECT ${COLUMNS} FROM provider_accounts WHERE status <> 'disconnected'
        ORDER BY last_synced_at NULLS FIRST, created_at`);
      return rows.map(toAccount);
    },

    /** Shows the account as syncing (unless an admin disconnected it meanwhile). */
    async markSyncing(accountId: string, db: Sql = pool): Promise<void> {
      await db.query(
        `UPDATE provider_accounts SET status = 'syncing', updated_at = now() WHERE id = $1 AND status <> 'disconnected'`,
        [accountId],
      );
    },

    /** Records a run's result: connection state, last error, no-data notice, last sync time, complete-through day. */
    async recordResult(accountId: string, result: AccountSyncResult, db: Sql = pool): Promise<void> {
      await db.query(
        `UPDATE provider_accounts SET
          status = CASE WHEN status = 'disconnected' THEN status ELSE $2 END, last_error = $3,
          last_synced_at = CASE WHEN $4 THEN now() ELSE last_synced_at END, data_complete_through = $5, updated_at = now(),
          sync_notice = CASE WHEN $6 THEN $7 ELSE sync_notice END
        WHERE id = $1`,
        [
          accountId,
          result.status,
          result.lastError,
          result.synced,
          result.dataCompleteThrough,
          result.syncNotice !== undefined,
          result.syncNotice ?? null,
        ],
      );
    },

    /** True when any cost record is stored for the account. */
    async hasCostRecords(accountId: string, db: Sql = pool): Promise<boolean> {
      const { rowCount } = await db.query('SELECT 1 FROM cost_records WHERE provider_account_id = $1 LIMIT 1', [
        accountId,
      ]);
      return (rowCount ?? 0) > 0;
    },
  };
}

/** See {@link createProviderAccountSyncService}. */
export type ProviderAccountSyncService = ReturnType<typeof createProviderAccountSyncService>;
