import type { DayRange } from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';
import { reportsCreditsSql } from '../dashboards/credit-capability';
import { RECORD_WORKSPACE_NAME, recordScope, type RecordSource } from '../dashboards/dashboard-query';
import { SqlParams } from '../dashboards/dashboard-query';
import { scopeDashboardFilter, type BudgetScope } from './budget-scope';

/** One (account, workspace, model or key) combination of a source, with its daily gross cost and credits (exact decimal text). */
export type SpendCombo = {
  provider: string;
  accountId: string;
  workspaceName: string | null;
  workspaceId: string | null;
  workspaceExternalId: string | null;
  model: string | null;
  /** `<account id>|<key external id>`; null when the source has no key. */
  key: string | null;
  days: { day: string; cost: string; credits: string }[];
};

type Row = Omit<SpendCombo, 'days'> & { day: string; cost: string; credits: string };

const NO_SCOPE: BudgetScope = { providers: [], accountIds: [], workspaces: [], apiKeyIds: [], models: [] };

/**
 * One read of a source for every budget that uses it: the dashboards' own scan (`recordScope`,
 * organization first) over `days`, summed per day and per combination of the dimensions a budget
 * scope can name. Key sources read only `keyIds` (api_keys ids), when given. Credits count only
 * where the provider reports them, as the Overview's net does.
 */
export async function loadSpendCombos(
  sql: Sql,
  organizationId: string,
  source: RecordSource,
  days: DayRange,
  keyIds: readonly string[] | null,
): Promise<SpendCombo[]> {
  const p = new SqlParams();
  const base = recordScope(
    p,
    organizationId,
    scopeDashboardFilter(NO_SCOPE, days),
    { current: days, previous: { start: days.start, end: days.start }, basis: 'equal_length' },
    source,
  );
  const conditions = [base.conditions, base.current];
  if (source !== 'workspace-models' && keyIds !== null) {
    conditions.push(`(cr.provider_account_id, cr.api_key_external_id) IN (
      SELECT k.provider_account_id, k.external_id FROM api_keys k
      WHERE k.organization_id = ${p.add(organizationId, 'uuid')} AND k.id = ANY(${p.add(keyIds, 'uuid[]')}))`);
  }
  const model = source === 'keys' ? 'NULL::text' : 'cr.model';
  const key =
    source === 'workspace-models' ? 'NULL::text' : `cr.provider_account_id::text || '|' || cr.api_key_external_id`;
  const text = `SELECT cr.provider, cr.provider_account_id::text AS "accountId", ${RECORD_WORKSPACE_NAME} AS "workspaceName", w.id::text AS "workspaceId",
      cr.workspace_external_id AS "workspaceExternalId", ${model} AS model, ${key} AS key, cr.day::text AS day, sum(cr.cost)::text AS cost,
      sum(CASE WHEN ${reportsCreditsSql(p, 'cr.provider')} THEN coalesce(cr.credits_applied, 0) ELSE 0 END)::text AS credits
    FROM ${base.tables} WHERE ${conditions.join(' AND ')} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
  const { rows } = await sql.query<Row>(text, p.values);
  const combos = new Map<string, SpendCombo>();
  for (const r of rows) {
    const id = [r.accountId, r.workspaceName, r.workspaceId, r.workspaceExternalId, r.model, r.key].join('\u0000');
    let combo = combos.get(id);
    if (!combo) {
      combo = {
        provider: r.provider,
        accountId: r.accountId,
        workspaceName: r.workspaceName,
        workspaceId: r.workspaceId,
        workspaceExternalId: r.workspaceExternalId,
        model: r.model,
        key: r.key,
        days: [],
      };
      combos.set(id, combo);
    }
    combo.days.push({ day: r.day, cost: r.cost, credits: r.credits });
  }
  return [...combos.values()];
}

/** Whether a combination is inside a budget's scope (the same conditions as the per-budget scan: any listed value matches). */
export function comboInScope(combo: SpendCombo, scope: BudgetScope, keys: ReadonlySet<string>): boolean {
  if (scope.providers.length > 0 && !scope.providers.includes(combo.provider as BudgetScope['providers'][number]))
    return false;
  if (scope.accountIds.length > 0 && !scope.accountIds.includes(combo.accountId)) return false;
  if (scope.models.length > 0 && (combo.model === null || !scope.models.includes(combo.model))) return false;
  if (scope.apiKeyIds.length > 0 && (combo.key === null || !keys.has(combo.key))) return false;
  if (scope.workspaces.length > 0) {
    const names = [combo.workspaceName, combo.workspaceId, combo.workspaceExternalId];
    if (!scope.workspaces.some((w) => names.includes(w))) return false;
  }
  return true;
}
