import type { Sql } from '../../database/pg-pool';
import { ApiError } from '../../errors';
import type { BudgetScope } from './budget-scope';

type Check = { field: keyof BudgetScope; what: string; sql: string };

/** For each scope list: which of the given values exist in the organization. */
const CHECKS: Check[] = [
  {
    field: 'accountIds',
    what: 'provider account',
    sql: 'SELECT id::text AS v FROM provider_accounts WHERE organization_id = $1 AND id = ANY($2::uuid[])',
  },
  {
    field: 'apiKeyIds',
    what: 'API key',
    sql: 'SELECT id::text AS v FROM api_keys WHERE organization_id = $1 AND id = ANY($2::uuid[])',
  },
  {
    field: 'workspaces',
    what: 'workspace',
    sql: `SELECT v FROM unnest($2::text[]) v WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.organization_id = $1
      AND (coalesce(w.display_name, w.provider_name, w.external_id) = v OR w.id::text = v OR w.external_id = v))`,
  },
  {
    field: 'models',
    what: 'model',
    sql: 'SELECT DISTINCT model AS v FROM cost_rollup_workspace_models WHERE organization_id = $1 AND model = ANY($2::text[])',
  },
];

/**
 * Refuses scope ids the organization does not have (another organization's ids look unknown
 * too, so they confirm nothing): BAD_USER_INPUT naming `scope.<list>` and the values.
 */
export async function checkBudgetScope(sql: Sql, organizationId: string, scope: BudgetScope): Promise<void> {
  for (const check of CHECKS) {
    const values = scope[check.field] as readonly string[];
    if (values.length === 0) continue;
    const { rows } = await sql.query<{ v: string }>(check.sql, [organizationId, values]);
    const found = new Set(rows.map((r) => r.v));
    const unknown = [...new Set(values)].filter((v) => !found.has(v));
    if (unknown.length > 0) {
      throw new ApiError(
        'BAD_USER_INPUT',
        `Unknown ${check.what}${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}.`,
        {
          field: `scope.${check.field}`,
        },
      );
    }
  }
}
