import { Money, type Day, type ProviderId } from '@spendsync/domain';
import { queryRows, type DashboardDb, type RawRow } from '../dashboards/dashboard-db';
import { DashboardQueryBuilder, RECORD_FILTER_COLUMNS, where } from '../dashboards/dashboard-query';
import type { BilledLine, KeyRef, MeteredLine, Usage } from './reconciliation-lines';
import type { ReconciliationFilter } from './reconciliation-filter';

const USAGE_COLUMNS = (t: string, units: string) => `
  CASE WHEN bool_and(${t}.input_tokens IS NOT NULL OR ${t}.output_tokens IS NOT NULL)
    THEN sum(coalesce(${t}.input_tokens, 0) + coalesce(${t}.output_tokens, 0)) END AS tokens,
  CASE WHEN bool_and(${t}.requests IS NOT NULL) THEN sum(${t}.requests) END AS requests,
  CASE WHEN bool_and(${units} IS NOT NULL) THEN sum(${units}) END AS units`;

/** Billed lines: the period's cost records, summed per day, account, key and model, with the filter applied. */
function billedStatement(q: DashboardQueryBuilder, scope: ReconciliationFilter['scope']) {
  const org = q.add(q.organizationId, 'uuid');
  const conditions = [
    `cr.organization_id = ${org}`,
    `cr.day >= ${q.add(q.window.current.start, 'date')}`,
    `cr.day < ${q.add(q.window.current.end, 'date')}`,
    ...q.conditionsOn(RECORD_FILTER_COLUMNS),
    ...(scope.providerAccountIds.length > 0
      ? [`cr.provider_account_id = ANY(${q.add(scope.providerAccountIds, 'uuid[]')})`]
      : []),
    ...(scope.apiKeyIds.length > 0 ? [`k.id = ANY(${q.add(scope.apiKeyIds, 'uuid[]')})`] : []),
    ...(scope.models.length > 0 ? [`cr.model = ANY(${q.add(scope.models, 'text[]')})`] : []),
  ];
  return `SELECT cr.day, cr.provider, cr.provider_account_id, cr.api_key_external_id AS external_id, k.id AS api_key_id,
      coalesce(k.hint, cr.api_key_hint) AS hint, coalesce(k.name, cr.api_key_name) AS name, cr.model,
      sum(cr.cost) AS cost, sum(cr.credits_applied) AS credits,
      bool_or(a.settled_through IS NULL OR cr.day >= a.settled_through) AS provisional,
      ${USAGE_COLUMNS('cr', 'cr.quantity')}
    FROM cost_records cr
    JOIN provider_accounts a ON a.id = cr.provider_account_id
    LEFT JOIN workspaces w
      ON w.provider_account_id = cr.provider_account_id AND w.external_id = cr.workspace_external_id
    LEFT JOIN api_keys k ON k.provider_account_id = cr.provider_account_id AND k.external_id = cr.api_key_external_id
    ${where(conditions)}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

/**
 * Metered lines: the period's reports, each tied to a synced key by id or (when it was reported
 * before the key was synced) by hint, summed per day, key and model.
 */
function meteredStatement(q: DashboardQueryBuilder, scope: ReconciliationFilter['scope']) {
  const org = q.add(q.organizationId, 'uuid');
  const conditions = [
    `mu.organization_id = ${org}`,
    `mu.day >= ${q.add(q.window.current.start, 'date')}`,
    `mu.day < ${q.add(q.window.current.end, 'date')}`,
    ...q.conditionsOn({
      provider: 'mu.provider',
      workspaceName: 'coalesce(w.display_name, w.provider_name, k.workspace_external_id)',
      workspaceId: 'w.id',
      workspaceExternalId: 'k.workspace_external_id',
      keyHint: 'mu.api_key_hint',
      model: 'mu.model',
    }),
    ...(scope.providerAccountIds.length > 0
      ? [`k.provider_account_id = ANY(${q.add(scope.providerAccountIds, 'uuid[]')})`]
      : []),
    ...(scope.apiKeyIds.length > 0 ? [`k.id = ANY(${q.add(scope.apiKeyIds, 'uuid[]')})`] : []),
    ...(scope.models.length > 0 ? [`mu.model = ANY(${q.add(scope.models, 'text[]')})`] : []),
  ];
  return `SELECT mu.day, mu.provider, k.provider_account_id, k.external_id, k.id AS api_key_id,
      coalesce(k.hint, mu.api_key_hint) AS hint, k.name, mu.model,
      CASE WHEN bool_and(mu.cost IS NOT NULL) THEN sum(mu.cost) END AS cost, coalesce(sum(mu.cost), 0) AS known_cost,
      bool_or(CASE WHEN k.id IS NOT NULL THEN ka.settled_through IS NULL OR mu.day >= ka.settled_through
        ELSE EXISTS (SELECT 1 FROM provider_accounts pa
          WHERE pa.organization_id = mu.organization_id AND pa.provider = mu.provider
            AND (pa.settled_through IS NULL OR mu.day >= pa.settled_through)) END) AS provisional,
      ${USAGE_COLUMNS('mu', 'mu.units')}
    FROM metered_usage mu
    LEFT JOIN LATERAL (
      SELECT k.* FROM api_keys k JOIN provider_accounts a ON a.id = k.provider_account_id
      WHERE k.organization_id = mu.organization_id AND a.provider = mu.provider
        AND (k.id = mu.api_key_id OR (mu.api_key_id IS NULL AND k.hint = mu.api_key_hint))
      ORDER BY k.id = mu.api_key_id DESC, k.id LIMIT 1) k ON true
    LEFT JOIN provider_accounts ka ON ka.id = k.provider_account_id
    LEFT JOIN workspaces w ON w.provider_account_id = k.provider_account_id AND w.external_id = k.workspace_external_id
    ${where(conditions)}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

/** Who a line's key is (see {@link KeyRef}); billed and metered lines of one key get the same id. */
export function keyRefOf(raw: RawRow): KeyRef {
  const apiKeyId = raw.api_key_id as string | null;
  const hint = raw.hint as string | null;
  const externalId = raw.external_id as string | null;
  const providerAccountId = (raw.provider_account_id as string | null) ?? null;
  const label = hint ?? (raw.name as string | null) ?? externalId;
  if (apiKeyId) return { id: `key:${apiKeyId}`, apiKeyId, providerAccountId, externalId, label };
  if (hint) return { id: `hint:${String(raw.provider)}:${hint}`, apiKeyId: null, providerAccountId, externalId, label };
  if (externalId) {
    const id = `ext:${String(providerAccountId)}:${externalId}`;
    return { id, apiKeyId: null, providerAccountId, externalId, label };
  }
  return { id: `none:${String(raw.provider)}`, apiKeyId: null, providerAccountId: null, externalId: null, label: null };
}

const count = (value: unknown) => (value === null || value === undefined ? null : BigInt(String(value)));
const money = (value: unknown) => (value === null || value === undefined ? null : new Money(String(value)));
const usageOf = (raw: RawRow): Usage => ({
  tokens: count(raw.tokens),
  requests: count(raw.requests),
  units: money(raw.units),
});

/** The filtered period's billed and metered lines, ready for `explainGap`. */
export async function loadReconciliationLines(
  db: DashboardDb,
  organizationId: string,
  { filter, scope }: ReconciliationFilter,
  today: Day,
): Promise<{ billed: BilledLine[]; metered: MeteredLine[]; window: DashboardQueryBuilder['window'] }> {
  const b = new DashboardQueryBuilder(organizationId, filter, today);
  const m = new DashboardQueryBuilder(organizationId, filter, today);
  const [billedRows, meteredRows] = await Promise.all([
    queryRows(db, { text: billedStatement(b, scope), values: b.values }),
    queryRows(db, { text: meteredStatement(m, scope), values: m.values }),
  ]);
  const common = (raw: RawRow) => ({
    day: String(raw.day),
    provider: raw.provider as ProviderId,
    key: keyRefOf(raw),
    model: String(raw.model),
    provisional: raw.provisional === true,
    usage: usageOf(raw),
  });
  return {
    billed: billedRows.map((raw) => ({ ...common(raw), cost: money(raw.cost)!, credits: money(raw.credits)! })),
    metered: meteredRows.map((raw) => ({ ...common(raw), cost: money(raw.cost), knownCost: money(raw.known_cost)! })),
    window: b.window,
  };
}
