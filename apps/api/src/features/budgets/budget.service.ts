import { Money, type BudgetPeriod } from '@spendsync/domain';
import type pg from 'pg';
import { columnsOf, type RowOf } from '../../database/entity-row';
import { notFound } from '../../errors';
import type { Budget } from './budget.entity';
import { parseBudgetInput, type BudgetValues } from './budget-input';
import { checkBudgetScope } from './budget-scope-check';
import type { BudgetScope } from './budget-scope';

/** A stored budget. */
export type BudgetRecord = BudgetValues & { id: string; organizationId: string; createdAt: Date; updatedAt: Date };

/** The columns of `budgets`, in select order. */
const FIELDS = [
  'id',
  'organizationId',
  'name',
  'amount',
  'periodKind',
  'periodStart',
  'periodEnd',
  'measure',
  'scopeProviders',
  'scopeAccountIds',
  'scopeWorkspaces',
  'scopeApiKeyIds',
  'scopeModels',
  'thresholds',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Budget)[];

const COLUMNS = columnsOf<Budget>(FIELDS, {
  amount: 'text',
  periodStart: 'text',
  periodEnd: 'text',
  scopeAccountIds: 'text[]',
  scopeApiKeyIds: 'text[]',
});

type BudgetRow = RowOf<Budget, (typeof FIELDS)[number]>;

/** A row as a {@link BudgetRecord}. */
export function budgetFromRow(row: BudgetRow): BudgetRecord {
  const period: BudgetPeriod =
    row.period_kind === 'custom'
      ? { kind: 'custom', start: row.period_start!, end: row.period_end! }
      : { kind: row.period_kind };
  const scope: BudgetScope = {
    providers: row.scope_providers,
    accountIds: row.scope_account_ids,
    workspaces: row.scope_workspaces,
    apiKeyIds: row.scope_api_key_ids,
    models: row.scope_models,
  };
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    amount: new Money(row.amount),
    period,
    measure: row.measure,
    scope,
    thresholds: row.thresholds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function rowValues(v: BudgetValues): unknown[] {
  const custom = v.period.kind === 'custom' ? v.period : null;
  return [
    v.name,
    v.amount.toFixed(),
    v.period.kind,
    custom?.start ?? null,
    custom?.end ?? null,
    v.measure,
    v.scope.providers,
    v.scope.accountIds,
    v.scope.workspaces,
    v.scope.apiKeyIds,
    v.scope.models,
    JSON.stringify(v.thresholds),
  ];
}

/** Budgets of an organization: checked input in, nothing saved when any field is wrong. */
export type BudgetService = ReturnType<typeof createBudgetService>;

/** Creates the budget service over the pool. */
export function createBudgetService(pool: pg.Pool) {
  async function get(organizationId: string, id: string): Promise<BudgetRecord | null> {
    const { rows } = await pool.query<BudgetRow>(
      `SELECT ${COLUMNS} FROM budgets WHERE organization_id = $1 AND id = $2::uuid`,
      [organizationId, id],
    );
    return rows[0] ? budgetFromRow(rows[0]) : null;
  }
  async function require(organizationId: string, id: string): Promise<BudgetRecord> {
    const budget = /^[0-9a-f-]{36}$/i.test(id) ? await get(organizationId, id) : null;
    if (!budget) throw notFound('Budget', id);
    return budget;
  }
  return {
    get,
    require,
    async list(organizationId: string): Promise<BudgetRecord[]> {
      const { rows } = await pool.query<BudgetRow>(
        `SELECT ${COLUMNS} FROM budgets WHERE organization_id = $1 ORDER BY name, id`,
        [organizationId],
      );
      return rows.map(budgetFromRow);
    },
    async create(organizationId: string, input: unknown): Promise<BudgetRecord> {
      const values = parseBudgetInput(input);
      await checkBudgetScope(pool, organizationId, values.scope);
      const { rows } = await pool.query<BudgetRow>(
        `INSERT INTO budgets (organization_id, name, amount, period_kind, period_start, period_end, measure, scope_providers, scope_account_ids,
           scope_workspaces, scope_api_key_ids, scope_models, thresholds)
         VALUES ($1, $2, $3::numeric, $4, $5::date, $6::date, $7, $8::text[], $9::uuid[], $10::text[], $11::uuid[], $12::text[], $13::jsonb)
         RETURNING ${COLUMNS}`,
        [organizationId, ...rowValues(values)],
      );
      return budgetFromRow(rows[0]!);
    },
    async update(organizationId: string, id: string, input: unknown): Promise<BudgetRecord> {
      await require(organizationId, id);
      const values = parseBudgetInput(input);
      await checkBudgetScope(pool, organizationId, values.scope);
      const { rows } = await pool.query<BudgetRow>(
        `UPDATE budgets SET name = $3, amount = $4::numeric, period_kind = $5, period_start = $6::date, period_end = $7::date, measure = $8,
           scope_providers = $9::text[], scope_account_ids = $10::uuid[], scope_workspaces = $11::text[], scope_api_key_ids = $12::uuid[],
           scope_models = $13::text[], thresholds = $14::jsonb, updated_at = now()
         WHERE organization_id = $1 AND id = $2::uuid RETURNING ${COLUMNS}`,
        [organizationId, id, ...rowValues(values)],
      );
      if (!rows[0]) throw notFound('Budget', id);
      return budgetFromRow(rows[0]);
    },
    async delete(organizationId: string, id: string): Promise<boolean> {
      await require(organizationId, id);
      const result = await pool.query('DELETE FROM budgets WHERE organization_id = $1 AND id = $2::uuid', [
        organizationId,
        id,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}
