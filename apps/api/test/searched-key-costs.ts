import { Money, type Day } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { queryApiKeyDashboard } from '../src/features/dashboards/api-key-dashboard.service';
import { ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { containsPattern } from '../src/features/dashboards/dashboard-query';

/**
 * The API keys dashboard's cost per key under the search `search` over `period`, and the cost of
 * the records it matches per key (their model, key hint, record workspace name, or workspace as the
 * directory shows it), each as `<key id or -> <cost>` — prefixed by the account with `withAccount`
 * — sorted, keys with no cost left out.
 */
export async function searchedKeyCosts(
  ds: DataSource,
  organizationId: string,
  search: string,
  period: { start: string; end: string },
  today: Day,
  { withAccount = false } = {},
): Promise<{ dashboard: string[]; records: string[] }> {
  const filter = ZDashboardFilter.parse({ period, search, limit: 500 });
  const { rows } = await queryApiKeyDashboard(ds, organizationId, filter, today);
  const records = (await ds.query(
    `SELECT c.provider_account_id::text AS account, c.api_key_external_id AS key, sum(c.cost)::text AS cost
    FROM cost_records c
    LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
    WHERE c.organization_id = $1 AND c.day >= $2 AND c.day < $3
      AND concat_ws(E'\\x1f', c.model, c.api_key_hint, c.workspace_name, w.provider_name,
        coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id)) ILIKE $4
    GROUP BY c.provider_account_id, c.api_key_external_id`,
    [organizationId, period.start, period.end, containsPattern(search)],
  )) as { account: string; key: string | null; cost: string }[];
  const text = (account: string, key: string | null, cost: Money) =>
    `${withAccount ? `${account} ` : ''}${key ?? '-'} ${cost.toString()}`;
  return {
    dashboard: rows
      .filter((row) => !row.cost.isZero())
      .map((row) => text(row.providerAccountId, row.externalId, row.cost))
      .sort(),
    records: records
      .map((row) => ({ ...row, cost: new Money(row.cost) }))
      .filter((row) => !row.cost.isZero())
      .map((row) => text(row.account, row.key, row.cost))
      .sort(),
  };
}
