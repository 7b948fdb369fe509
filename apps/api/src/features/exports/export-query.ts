import type { z } from 'zod';
import { ZDashboardFilter, type DashboardFilter } from '../dashboards/dashboard-filter';
import { DashboardInputError } from '../dashboards/dashboard-query';

/** A parsed query string: repeated keys arrive as arrays (Express's default parser). */
export type ExportQuery = Record<string, unknown>;

const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);

function single(query: ExportQuery, key: string): string | undefined {
  const values = list(query[key]);
  if (values.length > 1) throw new DashboardInputError(`Give ${key} once`, key);
  return values[0] === '' ? undefined : values[0];
}

function firstIssue(error: z.ZodError): DashboardInputError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'query';
  return new DashboardInputError(`${field}: ${issue.message}`, field);
}

/**
 * Reads the dashboard filter from an export URL's query string:
 *
 * | parameter | meaning | example |
 * |---|---|---|
 * | `providers` | provider ids, comma-separated or repeated | `providers=openai,anthropic` |
 * | `workspaces` | display name, workspace id or provider workspace id; repeat for several (names may hold commas) | `workspaces=Web&workspaces=proj_abc` |
 * | `period` | a preset (`last_7_days`, `last_30_days`, `last_90_days`, `this_week`, `last_week`, `this_month`, `last_month`, `this_quarter`, `last_quarter`, `this_year`, `last_year`) | `period=last_month` |
 * | `start`, `end` | a custom range instead of `period`, `end` exclusive | `start=2025-06-01&end=2025-07-01` |
 * | `costMin`, `costMax` | inclusive bounds on the row's cost (decimal text) | `costMin=10.50` |
 * | `search` | substring of workspace name, key hint or model | `search=gpt-4o` |
 * | `sort`, `direction` | a sort field of the dashboard, `asc` or `desc` (default `desc`) | `sort=cost&direction=asc` |
 *
 * Without `period` or `start`/`end` the period is `last_30_days`. Paging does not apply: the
 * export holds every row the filter matches, in the sort order. Throws {@link DashboardInputError}.
 */
export function parseExportQuery(query: ExportQuery): DashboardFilter {
  const [period, start, end] = [single(query, 'period'), single(query, 'start'), single(query, 'end')];
  if (period !== undefined && (start !== undefined || end !== undefined)) {
    throw new DashboardInputError('Give either period or start and end, not both', 'period');
  }
  if ((start === undefined) !== (end === undefined))
    throw new DashboardInputError(
      'Give both start and end (YYYY-MM-DD, end exclusive)',
      start === undefined ? 'start' : 'end',
    );
  const sortField = single(query, 'sort');
  const direction = single(query, 'direction');
  if (direction !== undefined && sortField === undefined)
    throw new DashboardInputError('direction needs a sort field', 'direction');
  const parsed = ZDashboardFilter.safeParse({
    providers: list(query.providers)
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    workspaces: list(query.workspaces),
    period: start !== undefined || end !== undefined ? { start, end } : (period ?? 'last_30_days'),
    costMin: single(query, 'costMin'),
    costMax: single(query, 'costMax'),
    search: single(query, 'search'),
    sort: sortField === undefined ? undefined : { field: sortField, direction: direction ?? 'desc' },
  });
  if (!parsed.success) throw firstIssue(parsed.error);
  return parsed.data;
}
