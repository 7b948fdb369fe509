import { ApiError } from '../../errors';
import { ZApiKeyRef, ZDashboardFilter, type ApiKeyRef, type DashboardFilter } from './dashboard-filter';
import type { DashboardFilterInput } from './dashboard-filter.input';
import { DashboardInputError } from './dashboard-query';

/** The GraphQL filter as the dashboard services take it; BAD_USER_INPUT naming the field otherwise. */
export function parseDashboardInput(input: DashboardFilterInput | null | undefined): DashboardFilter {
  const f = input ?? {};
  if (f.preset && f.range)
    throw new ApiError('BAD_USER_INPUT', 'Give either a preset or a range, not both.', { field: 'filter.range' });
  const parsed = ZDashboardFilter.safeParse({
    providers: f.providers ?? undefined,
    workspaces: f.workspaces ?? undefined,
    period: f.range ? { start: f.range.start, end: f.range.end } : (f.preset ?? undefined),
    costMin: f.costMin?.toFixed() ?? undefined,
    costMax: f.costMax?.toFixed() ?? undefined,
    search: f.search ?? undefined,
    sort: f.sort ? { field: f.sort.field, direction: f.sort.direction ?? 'desc' } : undefined,
    offset: f.offset ?? undefined,
    limit: f.limit ?? undefined,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path
    .map(String)
    .join('.')
    .replace(/^period/, 'range');
  const field = `filter${path ? `.${path}` : ''}`;
  throw new ApiError('BAD_USER_INPUT', `${field}: ${issue.message}`, { field });
}

/** Runs a dashboard service, turning its input errors (an unknown sort field…) into BAD_USER_INPUT. */
export async function runDashboard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DashboardInputError)
      throw new ApiError('BAD_USER_INPUT', error.message, { field: `filter.${error.field}` });
    throw error;
  }
}

/** The key of a key drill-down, checked (BAD_USER_INPUT naming the field otherwise); null when none. */
export function parseApiKeyRef(
  input: { providerAccountId: string; externalId: string } | null | undefined,
): ApiKeyRef | null {
  if (!input) return null;
  const parsed = ZApiKeyRef.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = `apiKey.${issue.path.map(String).join('.')}`;
  throw new ApiError('BAD_USER_INPUT', `${field}: ${issue.message}`, { field });
}
