import { describe, expect, it } from '@jest/globals';
import { ZDashboardFilter } from './dashboard-filter';
import { DashboardQueryBuilder } from './dashboard-query';
import type { SearchMatches } from './dashboard-prefilters';

const ORG = '00000000-0000-4000-8000-000000000001';
const TODAY = '2025-12-31';
/** 2025-01-01 … 2025-12-30 against 2024-01-02 … 2024-12-31 (the equal-length range before). */
const filter = ZDashboardFilter.parse({ period: { start: '2025-01-01', end: TODAY } });

/** The dates a statement's parameters hold (single days and day lists). */
function datesOf(values: readonly unknown[]): string[] {
  return values
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => /^\d{4}-\d{2}-\d{2}$/.test(String(v)));
}

describe('DashboardQueryBuilder.scan', () => {
  it.each(['accounts', 'keys', 'records'] as const)(
    'reads both periods for a dashboard, and only the current one for a chart (%s)',
    (source) => {
      const both = new DashboardQueryBuilder(ORG, filter, TODAY);
      const dashboard = both.scan(source, 'day');
      expect(datesOf(both.values).some((d) => d < '2025-01-01')).toBe(true);
      expect(dashboard.previous).not.toBe('false');

      const current = new DashboardQueryBuilder(ORG, filter, TODAY);
      const chart = current.scan(source, 'day', 'current');
      const dates = datesOf(current.values);
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.every((d) => d >= '2025-01-01' && d <= TODAY)).toBe(true);
      expect(chart).toMatchObject({ current: 'true', previous: 'false' });
      expect(chart.from).toContain(`cr.organization_id = $`);
    },
  );

  it('keeps the filter on a current-period scan', () => {
    const q = new DashboardQueryBuilder(
      ORG,
      ZDashboardFilter.parse({ period: filter.period, providers: ['openai'] }),
      TODAY,
    );
    const scope = q.scan('accounts', 'day', 'current');
    expect(scope.conditions).toMatch(/cr\.provider = ANY\(\$\d+::text\[\]\)/);
    expect(q.values).toContainEqual(['openai']);
  });
});

/**
 * What holds a term: `models` and `hints` among the values, nothing else; `elsewhere`, the hints
 * with a record in a workspace not holding it (all of them unless told).
 */
const matching = (models: string[], hints: string[], elsewhere = hints): SearchMatches => ({
  values: { model: models, api_key_hint: hints, workspace_name: [], workspace_external_id: [] },
  namedIds: [],
  namedPairs: [],
  hintsElsewhere: elsewhere,
  mixedWorkspaces: [],
});

describe('DashboardQueryBuilder.scan under a search', () => {
  const searched = (searchMatches?: SearchMatches) => ({
    ...ZDashboardFilter.parse({ period: filter.period, search: 'model-17' }),
    ...(searchMatches ? { searchMatches } : {}),
  });

  it('sums a period from the workspace × model rollup, and the search rollup only for the key hints holding the term', () => {
    const noHint = new DashboardQueryBuilder(ORG, searched(matching(['model-17'], [])), TODAY).scan('models').from;
    expect(noHint).toContain('cost_rollup_workspace_models_monthly');
    expect(noHint).not.toContain('cost_rollup_search');
    // the matches as parameters: no lookup in search_values, and no arm for a column nothing matches
    expect(noHint).not.toContain('search_values');
    expect(noHint).not.toMatch(/workspace_name = ANY\(\$/);

    const hinted = new DashboardQueryBuilder(ORG, searched(matching(['model-17'], ['sk-model-17'])), TODAY);
    const both = hinted.scan('models').from;
    expect(both).toContain('cost_rollup_workspace_models_monthly');
    // the search rollup's rows of those hints (`api_key_hint = ANY(…)`, the hints a parameter)…
    const hints = `$${hinted.values.findIndex((v) => Array.isArray(v) && v[0] === 'sk-model-17') + 1}::text[]`;
    expect(both).toMatch(/FROM cost_rollup_search_monthly\s+WHERE organization_id/);
    expect(both).toContain(`api_key_hint = ANY(${hints})`);
    // …of records whose workspace and model do not hold the term (those are in the first part)
    expect(both).toContain('WHERE NOT coalesce(');

    // every record of the hints holding it is in a workspace that holds it too: the first part has them all
    const placed = new DashboardQueryBuilder(ORG, searched(matching(['model-17'], ['sk-model-17'], [])), TODAY);
    expect(placed.scan('models').from).not.toContain('cost_rollup_search');

    // only key hints hold it: the workspace × model rollup has nothing to add, and is not read
    const onlyHints = new DashboardQueryBuilder(ORG, searched(matching([], ['sk-x14'])), TODAY).scan('models').from;
    expect(onlyHints).not.toContain('cost_rollup_workspace_models');
    expect(onlyHints).toContain('cost_rollup_search_monthly');

    // not read first: the statement looks the term up itself, in the search rollup alone
    const lookedUp = new DashboardQueryBuilder(ORG, searched(), TODAY).scan('models').from;
    expect(lookedUp).toContain('cost_rollup_search_monthly');
    expect(lookedUp).not.toContain('cost_rollup_workspace_models_monthly');
  });

  it('reads ISO-week rollups for a chart by week, and no rollup a term matches nothing in', () => {
    // the workspace × model rollup's weeks; the search rollup's only for key hints elsewhere
    const weekly = new DashboardQueryBuilder(ORG, searched(matching(['model-17'], [])), TODAY).scan('accounts', 'week');
    expect(weekly.from).toContain('cost_rollup_workspace_models_iso_weekly');
    expect(weekly.from).not.toContain('cost_rollup_search');
    const hinted = new DashboardQueryBuilder(ORG, searched(matching(['model-17'], ['sk-17'])), TODAY);
    expect(hinted.scan('accounts', 'week').from).toMatch(/FROM cost_rollup_search_iso_weekly\s+WHERE organization_id/);
    // not read first: the search rollup's weeks
    expect(new DashboardQueryBuilder(ORG, searched(), TODAY).scan('accounts', 'week').from).toContain(
      'cost_rollup_search_iso_weekly',
    );
    const nothing = new DashboardQueryBuilder(ORG, searched(matching([], [])), TODAY).scan('models');
    // every part narrowed by a constant false, which PostgreSQL folds into reading nothing
    expect(nothing.from.match(/ AND false/g)?.length).toBe(
      nothing.from.match(/ FROM cost_rollup_workspace_models(_monthly|_iso_weekly)?\s/g)?.length,
    );
  });
});
