import { dayOf } from '@spendsync/domain';
import { Router, type Request } from 'express';
import { csvCell, type CsvValue } from '../exports/csv-cell';
import { csvLine } from '../exports/csv-line';
import { parseExportQuery } from '../exports/export-query';
import { DashboardInputError } from '../dashboards/dashboard-query';
import { GAP_CAUSES } from './reconciliation-causes';
import type { ReconciliationDay } from './explain-gap';
import { ZReconciliationScope, type ReconciliationScope } from './reconciliation-filter';
import type { ReconciliationResult, ReconciliationService } from './reconciliation.service';

const values = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const list = (value: unknown): string[] =>
  values(value)
    .map(String)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

const SCOPE_PARAMS: Record<string, string> = { providerAccountIds: 'accounts', apiKeyIds: 'apiKeys', models: 'models' };

/** `accounts`, `apiKeys`, `models` (comma-separated or repeated) as the scope; DashboardInputError otherwise. */
export function parseScopeQuery(query: Record<string, unknown>): ReconciliationScope {
  const parsed = ZReconciliationScope.safeParse({
    providerAccountIds: list(query.accounts),
    apiKeyIds: list(query.apiKeys),
    models: list(query.models),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = SCOPE_PARAMS[String(issue.path[0])] ?? 'query';
  throw new DashboardInputError(`${field}: ${issue.message}`, field);
}

const DAY_COLUMNS: readonly (readonly [string, (d: ReconciliationDay) => CsvValue])[] = [
  ['day', (d) => d.day],
  ['billed', (d) => d.billed],
  ['credits', (d) => d.credits],
  ['net', (d) => d.net],
  ['metered', (d) => d.metered],
  ['gap', (d) => d.gap],
  ['provisional', (d) => d.provisional],
  ...GAP_CAUSES.map((c) => [c, (d: ReconciliationDay) => d.causes[c]] as const),
];

const ENTITY_HEADER = [
  'cause',
  'causeAmount',
  'kind',
  'provider',
  'apiKeyId',
  'providerAccountId',
  'externalId',
  'keyLabel',
  'model',
  'day',
  'amount',
];

function entityLines(r: ReconciliationResult): string[] {
  return r.causes.flatMap((c) =>
    c.entities.map((e) =>
      csvLine(
        [
          c.cause,
          c.amount,
          e.kind,
          e.provider,
          e.key?.apiKeyId,
          e.key?.providerAccountId,
          e.key?.externalId,
          e.key?.label,
          e.model,
          e.day,
          e.amount,
        ].map((v) => csvCell(v as CsvValue)),
      ),
    ),
  );
}

/**
 * `GET /export/reconciliation.csv`: the reconciliation with the dashboards' export query string
 * (providers, workspaces, period or start/end, search, sort/direction over day, billed, credits, net,
 * metered, gap) plus `accounts`, `apiKeys` and `models`. `rows=days` (default) is one line per day
 * with each cause's amount; `rows=causes` one line per entity behind each cause, largest first.
 */
export function createReconciliationExportRouter(
  reconciliation: ReconciliationService,
  resolveOrganization: (req: Request) => Promise<string | null>,
  now: () => Date,
): Router {
  const router = Router();
  router.get('/export/reconciliation.csv', async (req, res, next) => {
    try {
      const organizationId = await resolveOrganization(req);
      if (!organizationId) {
        const message = 'Sign in, or send an API token, to export data.';
        return res.status(401).json({ error: { code: 'UNAUTHENTICATED', message } });
      }
      const query = req.query as Record<string, unknown>;
      const { rows: rowsParam, accounts, apiKeys, models, ...dashboardQuery } = query;
      const rows = rowsParam === undefined ? 'days' : String(rowsParam);
      if (rows !== 'days' && rows !== 'causes') throw new DashboardInputError('rows is days or causes', 'rows');
      const scope = parseScopeQuery({ accounts, apiKeys, models });
      const filter = { filter: parseExportQuery(dashboardQuery), scope };
      const today = dayOf(now());
      const result = await reconciliation.query(organizationId, filter, today);
      res.status(200).set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="reconciliation-${rows}-${today}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (rows === 'causes') {
        res.write(csvLine(ENTITY_HEADER));
        for (const line of entityLines(result)) res.write(line);
      } else {
        res.write(csvLine(DAY_COLUMNS.map(([name]) => name)));
        for (const day of result.days) res.write(csvLine(DAY_COLUMNS.map(([, read]) => csvCell(read(day)))));
      }
      res.end();
    } catch (error) {
      if (error instanceof DashboardInputError) {
        return res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: error.message, field: error.field } });
      }
      next(error);
    }
  });
  return router;
}
