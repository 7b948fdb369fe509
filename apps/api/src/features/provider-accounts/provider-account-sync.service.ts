import type { Day, ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import type { Sql } from '../../database/pg-pool';
import type { ProviderAccountStatus } from './provider-account.entity';

/** What the sync engine needs of an account (credentials still encrypted). */
export type SyncableAccount = {
  id: string;
  organizationId: string;
  provider: ProviderId;
  label: string;
  status: ProviderAccountStatus;
  credentialsEncrypted: Buffer;
  dataCompleteThrough: Day | null;
  /** The admin's custom endpoint (simulator, proxy), honoured only when custom endpoints are allowed. */
  endpointOverride: string | null;
};

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

type AccountRow = {
  id: string; organization_id: string; provider: ProviderId; label: string; status: ProviderAccountStatus;
  credentials_encrypted: Buffer; data_complete_through: Day | null; endpoint_override: string | null;
};

const toAccount = (r: AccountRow): SyncableAccount => ({
  id: r.id, organizationId: r.organization_id, provider: r.provider, label: r.label, status: r.status,
  credentialsEncrypted: r.credentials_encrypted, dataCompleteThrough: r.data_complete_through, endpointOverride: r.endpoint_override,
});

const COLUMNS = 'id, organization_id, provider, label, status, credentials_encrypted, data_complete_through, endpoint_override';

/** Provider-account reads and writes the sync engine makes; nothing else touches these columns during a sync. */
export function createProviderAccountSyncService(pool: pg.Pool) {
  return {
    async get(accountId: string): Promise<SyncableAccount | null> {
      const { rows } = await pool.query<AccountRow>(`SELECT ${COLUMNS} FROM provider_accounts WHERE id = $1`, [accountId]);
      return rows[0] ? toAccount(rows[0]) : null;
    },

    /** Accounts the schedule syncs: every one not disconnected, oldest sync first. */
    async listSchedulable(): Promise<SyncableAccount[]> {
      const { rows } = await pool.query<AccountRow>(`SELECT ${COLUMNS} FROM provider_accounts WHERE status <> 'disconnected'
        ORDER BY last_synced_at NULLS FIRST, created_at`);
      return rows.map(toAccount);
    },

    /** Shows the account as syncing (unless an admin disconnected it meanwhile). */
    async markSyncing(accountId: string, db: Sql = pool): Promise<void> {
      await db.query(`UPDATE provider_accounts SET status = 'syncing', updated_at = now() WHERE id = $1 AND status <> 'disconnected'`, [accountId]);
    },

    /** Records a run's result: connection state, last error, no-data notice, last sync time, complete-through day. */
    async recordResult(accountId: string, result: AccountSyncResult, db: Sql = pool): Promise<void> {
      await db.query(`UPDATE provider_accounts SET
          status = CASE WHEN status = 'disconnected' THEN status ELSE $2 END, last_error = $3,
          last_synced_at = CASE WHEN $4 THEN now() ELSE last_synced_at END, data_complete_through = $5, updated_at = now(),
          sync_notice = CASE WHEN $6 THEN $7 ELSE sync_notice END
        WHERE id = $1`, [accountId, result.status, result.lastError, result.synced, result.dataCompleteThrough,
        result.syncNotice !== undefined, result.syncNotice ?? null]);
    },

    /** True when any cost record is stored for the account. */
    async hasCostRecords(accountId: string, db: Sql = pool): Promise<boolean> {
      const { rowCount } = await db.query('SELECT 1 FROM cost_records WHERE provider_account_id = $1 LIMIT 1', [accountId]);
      return (rowCount ?? 0) > 0;
    },
  };
}

/** See {@link createProviderAccountSyncService}. */
export type ProviderAccountSyncService = ReturnType<typeof createProviderAccountSyncService>;
