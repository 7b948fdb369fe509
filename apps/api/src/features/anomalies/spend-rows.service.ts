import { Money, type Day, type ProviderId } from '@spendsync/domain';
import type { RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import type { CostRecordEntity } from '../cost-records/cost-record.entity';
import type { SpendRow } from './spend-series';

/** One aggregate row: the grain's day, provider and model as the records have them, then the sums. */
type Row = RowOf<CostRecordEntity, 'day' | 'provider' | 'model'> & {
  workspace: string;
  api_key: string | null;
  api_key_label: string | null;
  cost: string;
  volume: string | null;
};

/**
 * Settled spend of an organization from `from` on, per (day, provider, workspace as dashboards
 * name it, key, model): each account's records only before its own settled-through day.
 * Volume is tokens where the records report tokens, else requests, else units.
 */
export async function loadSettledSpend(db: Sql, organizationId: string, from: Day): Promise<SpendRow[]> {
  const { rows } = await db.query<Row>(
    `
    SELECT c.day::text AS day, c.provider,
      coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id, '(no workspace)') AS workspace,
      c.api_key_external_id AS api_key, min(coalesce(c.api_key_hint, k.hint, k.name, c.api_key_external_id)) AS api_key_label, c.model,
      sum(c.cost)::text AS cost,
      (CASE WHEN count(c.input_tokens) + count(c.output_tokens) > 0 THEN sum(coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0))
        WHEN count(c.requests) > 0 THEN sum(c.requests) ELSE sum(c.quantity) END)::text AS volume
    FROM cost_records c
    JOIN provider_accounts a ON a.id = c.provider_account_id
    LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
    LEFT JOIN api_keys k ON k.provider_account_id = c.provider_account_id AND k.external_id = c.api_key_external_id
    WHERE c.organization_id = $1 AND c.day >= $2 AND a.settled_through IS NOT NULL AND c.day < a.settled_through
    GROUP BY 1, 2, 3, 4, 6`,
    [organizationId, from],
  );
  return rows.map((r) => ({
    day: r.day,
    provider: r.provider,
    workspace: r.workspace,
    apiKey: r.api_key,
    apiKeyLabel: r.api_key_label,
    model: r.model,
    cost: new Money(r.cost),
    volume: r.volume === null ? null : new Money(r.volume),
  }));
}

/** Per provider, the first day its accounts' syncs read (spend before it is unknown, not zero). */
export async function loadKnownFrom(db: Sql, organizationId: string): Promise<Partial<Record<ProviderId, Day>>> {
  const { rows } = await db.query<{ provider: ProviderId; first: Day }>(
    `SELECT a.provider, min(r.day)::text AS first
    FROM provider_account_day_reads r JOIN provider_accounts a ON a.id = r.provider_account_id
    WHERE r.organization_id = $1 GROUP BY a.provider`,
    [organizationId],
  );
  return Object.fromEntries(rows.map((r) => [r.provider, r.first]));
}

/** Where the organization's accounts are settled through. */
export type OrganizationSettlement = {
  /** Per provider, the earliest settled-through day of its accounts; a provider with a connected account not settled yet is absent. */
  byProvider: Partial<Record<ProviderId, Day>>;
  /** Every connected account has a settled-through day: only then can series across providers be judged. */
  isComplete: boolean;
};

/**
 * Per provider, the earliest settled-through day of its accounts. An account still syncing its
 * first days (no settled day yet) holds back its provider, and series across providers, so a
 * day is never judged on part of its accounts; disconnected accounts never hold anything back.
 */
export async function loadSettledThrough(db: Sql, organizationId: string): Promise<OrganizationSettlement> {
  const { rows } = await db.query<{ provider: ProviderId; through: Day | null; pending: boolean }>(
    `SELECT provider,
      min(settled_through)::text AS through, bool_or(settled_through IS NULL AND status <> 'disconnected') AS pending
    FROM provider_accounts WHERE organization_id = $1 GROUP BY provider`,
    [organizationId],
  );
  const settled = rows.filter((r) => !r.pending && r.through !== null);
  return {
    byProvider: Object.fromEntries(settled.map((r) => [r.provider, r.through])),
    isComplete: rows.every((r) => !r.pending),
  };
}
