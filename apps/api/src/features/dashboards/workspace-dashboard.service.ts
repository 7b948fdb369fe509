import { Money, percentChange, type Day, type ProviderId } from '@spendsync/domain';
import type { DashboardFilter } from './dashboard-filter';
import type { DashboardPage, WorkspaceDashboardRow, WorkspaceMember } from './dashboard-rows';
import { type DashboardDb, type DashboardQuery, type RawRow } from './dashboard-db';
import { DashboardQueryBuilder, changeSql } from './dashboard-query';
import { costFiguresOf, countOf, optionalMoneyOf, textOf } from './dashboard-values';
import { reportsCreditsSql } from './credit-capability';
import { searchedPage } from './search-matches';

const SORTABLE: Record<string, string> = {
  cost: 'cost',
  previousCost: 'previous_cost',
  costChange: changeSql('cost', 'previous_cost'),
  net: 'net',
  previousNet: 'previous_net',
  netChange: changeSql('net', 'previous_net'),
  credits: 'credits',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  requests: 'requests',
  displayName: 'display_name',
};

/** `WITH members AS (…)`: one row per workspace (account + provider id) with its display name and figures. */
function membersCte(q: DashboardQueryBuilder): string {
  const scope = q.scan('workspaces');
  const [cur, prev] = [scope.current, scope.previous];
  // Sum per workspace first, then join names once per workspace rather than once per record.
  return `WITH sums AS (
      SELECT cr.provider_account_id, cr.workspace_external_id AS external_id, min(cr.provider) AS provider,
        min(cr.workspace_name) AS record_name,
        coalesce(sum(cr.cost) FILTER (WHERE ${cur}), 0) AS cost, coalesce(sum(cr.cost) FILTER (WHERE ${prev}), 0) AS previous_cost,
        coalesce(sum(cr.credits_applied) FILTER (WHERE ${cur}), 0) AS credits,
        coalesce(sum(cr.credits_applied) FILTER (WHERE ${prev}), 0) AS previous_credits,
        sum(cr.input_tokens) FILTER (WHERE ${cur}) AS input_tokens, sum(cr.output_tokens) FILTER (WHERE ${cur}) AS output_tokens,
        sum(cr.requests) FILTER (WHERE ${cur}) AS requests
      ${scope.from}
      GROUP BY cr.provider_account_id, cr.workspace_external_id),
    members AS (
      SELECT sums.*, coalesce(w.display_name, w.provider_name, sums.record_name, sums.external_id) AS display_name,
        w.id::text AS workspace_id, coalesce(w.provider_name, sums.record_name) AS provider_name,
        ${q.unsettledAccount('sums.provider_account_id')} AS includes_provisional
      FROM sums LEFT JOIN workspaces w ON w.provider_account_id = sums.provider_account_id AND w.external_id = sums.external_id)`;
}

/** The Workspaces dashboard query (before paging): members grouped by display name across providers. */
export function buildWorkspaceDashboardQuery(
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
): DashboardQuery {
  const q = new DashboardQueryBuilder(organizationId, filter, today);
  const members = membersCte(q);
  const range = q.costRange('sum(cost)');
  const known = reportsCreditsSql(q, 'provider');
  // Credits are known for a row only when every member's provider reports them; a partial sum would pass for a whole one.
  const ifAllKnown = (expression: string) => `CASE WHEN bool_and(${known}) THEN ${expression} END`;
  const cte = `${members},
    rows AS (
      SELECT display_name, array_agg(DISTINCT provider ORDER BY provider) AS providers,
        sum(cost) AS cost, sum(previous_cost) AS previous_cost, ${ifAllKnown('sum(credits)')} AS credits,
        ${ifAllKnown('sum(cost) - sum(credits)')} AS net, ${ifAllKnown('sum(previous_cost) - sum(previous_credits)')} AS previous_net,
        sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
        -- a total over workspaces whose provider does not count requests would be a partial count: unknown
        CASE WHEN bool_and(requests IS NOT NULL) THEN sum(requests) END AS requests,
        bool_or(includes_provisional) AS includes_provisional,
        -- amounts as text inside the JSON, so they never pass through a float
        jsonb_agg(jsonb_build_object(
          'workspaceId', workspace_id, 'providerAccountId', provider_account_id, 'provider', provider, 'externalId', external_id,
          'providerName', provider_name, 'cost', cost::text, 'previousCost', previous_cost::text, 'net', CASE WHEN ${known} THEN (cost - credits)::text END
        ) ORDER BY cost DESC, provider, provider_account_id, external_id) AS members
      FROM members
      GROUP BY display_name
      ${range.length > 0 ? `HAVING ${range.join(' AND ')}` : ''})`;
  return q.query(cte, SORTABLE, 'cost', ['display_name']);
}

type RawMember = Omit<WorkspaceMember, 'cost' | 'previousCost' | 'net'> & {
  cost: string;
  previousCost: string;
  net: string | null;
};

/** A raw Workspaces row as the dashboard row, members included. */
export function mapWorkspaceDashboardRow(raw: RawRow): WorkspaceDashboardRow {
  const figures = costFiguresOf(raw);
  const previousNet = optionalMoneyOf(raw, 'previous_net');
  const members = (raw.members as RawMember[]).map((m) => ({
    ...m,
    cost: new Money(m.cost),
    previousCost: new Money(m.previousCost),
    net: m.net === null ? null : new Money(m.net),
  }));
  return {
    displayName: textOf(raw, 'display_name'),
    providers: raw.providers as ProviderId[],
    ...figures,
    previousNet,
    netChange: percentChange(figures.net, previousNet),
    inputTokens: countOf(raw, 'input_tokens'),
    outputTokens: countOf(raw, 'output_tokens'),
    requests: countOf(raw, 'requests'),
    members,
    includesProvisional: raw.includes_provisional === true,
  };
}

/**
 * Workspaces dashboard: one row per display name, combining the workspaces of every provider
 * mapped to that name, each with its member workspaces (by cost) for expansion.
 */
export async function queryWorkspaceDashboard(
  db: DashboardDb,
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
): Promise<DashboardPage<WorkspaceDashboardRow>> {
  return searchedPage(
    db,
    organizationId,
    filter,
    (filter) => buildWorkspaceDashboardQuery(organizationId, filter, today),
    mapWorkspaceDashboardRow,
  );
}
