import { dayOf } from '@spendsync/domain';
import { Router, type Request } from 'express';
import { ApiError } from '../../errors';
import type { ApiServices } from '../../services';
import { csvCell } from '../exports/csv-cell';
import { csvLine } from '../exports/csv-line';
import { toBudgetObject } from './budget-object';
import { listBudgets } from './budget-list';
import type { BudgetObject } from './budget.type';

const one = (value: unknown): string | undefined =>
  Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);

const COLUMNS: readonly (readonly [string, (b: BudgetObject) => unknown])[] = [
  ['id', (b) => b.id],
  ['name', (b) => b.name],
  ['amount', (b) => b.amount],
  ['periodKind', (b) => b.periodKind],
  ['measure', (b) => b.measure],
  ['periodStart', (b) => b.status.periodStart],
  ['periodEnd', (b) => b.status.periodEnd],
  ['spent', (b) => b.status.spent],
  ['percent', (b) => b.status.percent],
  ['forecast', (b) => b.status.forecast],
  ['forecastPercent', (b) => b.status.forecastPercent],
  ['forecastBasisDays', (b) => b.status.forecastBasisDays],
  ['provisionalDays', (b) => b.status.provisionalDays],
  ['highestPercentReached', (b) => b.status.highestPercentReached],
  [
    'firedThresholds',
    (b) =>
      b.status.fired
        .map((e) => `${e.thresholdKind}:${e.thresholdPercent}${e.recoveredAt ? ' (recovered)' : ''}`)
        .join('; '),
  ],
];

/**
 * `GET /export/budgets.csv?search=&sort=&direction=`: the Budgets list with its status, with the
 * same filter and sort as the `budgets` query, for the caller's organization.
 */
export function createBudgetExportRouter(
  services: ApiServices,
  resolveOrganization: (req: Request) => Promise<string | null>,
): Router {
  const router = Router();
  router.get('/export/budgets.csv', async (req, res, next) => {
    try {
      const organizationId = await resolveOrganization(req);
      if (!organizationId)
        return res
          .status(401)
          .json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in, or send an API token, to export data.' } });
      const direction = one(req.query.direction);
      if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
        return res
          .status(400)
          .json({ error: { code: 'BAD_USER_INPUT', message: 'direction is asc or desc', field: 'direction' } });
      }
      const budgets = await services.budgets.list(organizationId);
      const [statuses, events] = await Promise.all([
        services.budgetEvaluator.statuses(organizationId, budgets),
        services.alertEvents.list(organizationId, { limit: 1000 }),
      ]);
      const sortField = one(req.query.sort);
      const rows = listBudgets(
        statuses.map((s) => toBudgetObject(s, events)),
        {
          search: one(req.query.search),
          sort: sortField ? { field: sortField, direction: direction as 'asc' | 'desc' | undefined } : null,
        },
      );
      res.status(200).set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="budgets-${dayOf(services.now())}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.write(csvLine(COLUMNS.map(([name]) => name)));
      for (const row of rows) res.write(csvLine(COLUMNS.map(([, read]) => csvCell(read(row) as never))));
      res.end();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        return res.status(400).json({
          error: { code: error.code, message: error.message, field: (error.extensions as { field?: string }).field },
        });
      }
      next(error);
    }
  });
  return router;
}
