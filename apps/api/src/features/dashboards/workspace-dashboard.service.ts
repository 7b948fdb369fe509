import { percentChange, type Day, type ProviderId } from '@spendsync/domain';
import type { DashboardFilter } from './dashboard-filter';
import type { DashboardPage, WorkspaceDashboardRow, WorkspaceMember } from './dashboard-rows';
import { RECORD_WORKSPACE_NAME, dashboardWindow, recordScope } from './dashboard-scope';
import {
  SqlParams, changeSql, costRangeConditions, orderByClause, queryRows, runPage, type DashboardDb, type DashboardQuery, type RawRow,
} from './dashboard-sql';
import { countOf, moneyOf, textOf } from './dashboard-values';

const SORTABLE: Record<string, string> = {
  cost: 'cost', previousCost: 'previous_cost', costChange: changeSql('cost', 'previous_cost'), net: 'net', previousNet: 'previous_net',
  netChange: changeSql('net', 'previous_net'), credits: 'credits', inputTokens: 'input_tokens', outputTokens: 'output_tokens',
  requests: 'requests', displayName: 'display_name',
};

/** `WITH members AS (…)`: one row per workspace (account + provider id) with its display name and figures. */
function membersCte(organizationId: string, filter: DashboardFilter, today: Day, p: SqlParams): string {
  const scope = recordScope(p, organizationId, filter, dashboardWindow(filter, today));
  const [cur, prev] = [scope.current, scope.previous];
  return `WITH members AS (
      SELECT min(${RECORD_WORKSPACE_NAME}) AS display_name, cr.provider_account_id, cr.workspace_external_id AS external_id,
        min(cr.provider) AS provider, min(w.id::text) AS workspace_id, min(coalesce(w.provider_name, cr.workspace_name)) AS provider_name,
        coalesce(sum(cr.cost) FILTER (WHERE ${cur}), 0) AS cost, coalesce(sum(cr.cost) FILTER (WHERE ${prev}), 0) AS previous_cost,
        coalesce(sum(cr.credits_applied) FILTER (WHERE ${cur}), 0) AS credits,
        coalesce(sum(cr.credits_applied) FILTER (WHERE ${prev}), 0) AS previous_credits,
        sum(cr.input_tokens) FILTER (WHERE ${cur}) AS input_tokens, sum(cr.output_tokens) FILTER (WHERE ${cur}) AS output_tokens,
        sum(cr.requests) FILTER (WHERE ${cur}) AS requests
      ${scope.from}
      GROUP BY cr.provider_account_id, cr.workspace_external_id)`;
}

/** The Workspaces dashboard query (before paging): members grouped by display name across providers. */
export function buildWorkspaceDashboardQuery(organizationId: string, filter: DashboardFilter, today: Day): DashboardQuery {
  const p = new SqlParams();
  const members = membersCte(organizationId, filter, today, p);
  const range = costRangeConditions(p, 'sum(cost)', filter.costMin, filter.costMax);
  const cte = `${members},
    rows AS (
      SELECT display_name, array_agg(DISTINCT provider ORDER BY provider) AS providers, count(*) AS member_count,
        sum(cost) AS cost, sum(previous_cost) AS previous_cost, sum(credits) AS credits,
        sum(cost) - sum(credits) AS net, sum(previous_cost) - sum(previous_credits) AS previous_net,
        sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
        -- a total over workspaces whose provider does not count requests would be a partial count: unknown
        CASE WHEN bool_and(requests IS NOT NULL) THEN sum(requests) END AS requests
      FROM members
      GROUP BY display_name
      ${range.length > 0 ? `HAVING ${range.join(' AND ')}` : ''})`;
  return { cte, orderBy: orderByClause(filter.sort, SORTABLE, 'cost', ['display_name']), values: p.values };
}

/** A raw Workspaces row as the dashboard row (members are read separately, see {@link queryWorkspaceDashboard}). */
export function mapWorkspaceDashboardRow(raw: RawRow, members: WorkspaceMember[] = []): WorkspaceDashboardRow {
  const [cost, previousCost] = [moneyOf(raw, 'cost'), moneyOf(raw, 'previous_cost')];
  const [net, previousNet] = [moneyOf(raw, 'net'), moneyOf(raw, 'previous_net')];
  return {
    displayName: textOf(raw, 'display_name'), providers: raw.providers as ProviderId[],
    cost, previousCost, costChange: percentChange(cost, previousCost), credits: moneyOf(raw, 'credits'),
    net, previousNet, netChange: percentChange(net, previousNet),
    inputTokens: countOf(raw, 'input_tokens'), outputTokens: countOf(raw, 'output_tokens'), requests: countOf(raw, 'requests'),
    members,
  };
}

function mapMember(raw: RawRow): WorkspaceMember {
  return {
    workspaceId: textOf(raw, 'workspace_id'), providerAccountId: String(raw.provider_account_id), provider: raw.provider as ProviderId,
    externalId: textOf(raw, 'external_id'), providerName: textOf(raw, 'provider_name'),
    cost: moneyOf(raw, 'cost'), previousCost: moneyOf(raw, 'previous_cost'), net: moneyOf(raw, 'net'),
  };
}

/** The member workspaces of the given display names (null: spend without a workspace), by cost. */
async function readMembers(
  db: DashboardDb, organizationId: string, filter: DashboardFilter, today: Day, names: (string | null)[],
): Promise<Map<string | null, WorkspaceMember[]>> {
  const p = new SqlParams();
  const members = membersCte(organizationId, filter, today, p);
  const named = p.add(names.filter((n) => n !== null), 'text[]');
  const text = `${members} SELECT members.*, cost - credits AS net FROM members
    WHERE display_name = ANY(${named}) OR (display_name IS NULL AND ${p.add(names.includes(null), 'boolean')})
    ORDER BY cost DESC, provider, provider_account_id, external_id`;
  const byName = new Map<string | null, WorkspaceMember[]>();
  for (const raw of await queryRows(db, { text, values: p.values })) {
    const name = textOf(raw, 'display_name');
    byName.set(name, [...(byName.get(name) ?? []), mapMember(raw)]);
  }
  return byName;
}

/**
 * Workspaces dashboard: one row per display name, combining the workspaces of every provider
 * mapped to that name, each with its member workspaces for expansion.
 */
export async function queryWorkspaceDashboard(
  db: DashboardDb, organizationId: string, filter: DashboardFilter, today: Day,
): Promise<DashboardPage<WorkspaceDashboardRow>> {
  const page = await runPage(db, buildWorkspaceDashboardQuery(organizationId, filter, today), filter, (raw) => raw);
  const members = page.raw.length === 0 ? new Map() : await readMembers(db, organizationId, filter, today, page.raw.map((r) => textOf(r, 'display_name')));
  return { rows: page.raw.map((raw) => mapWorkspaceDashboardRow(raw, members.get(textOf(raw, 'display_name')) ?? [])), total: page.total };
}
