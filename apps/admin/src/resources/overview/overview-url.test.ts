import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FILTER, type OverviewFilter } from './overview-filter';
import {
  filterToParams,
  mergeFilterIntoParams,
  parseFilterParams,
  toDashboardFilterInput,
  toExportQuery,
} from './overview-url';
import { SORT_FIELDS } from './overview-tabs';

const full: OverviewFilter = {
  providers: ['openai', 'aws-bedrock'],
  period: { start: '2025-06-01', end: '2025-07-01' },
  costMin: '10.50',
  costMax: '200',
  search: 'gpt-4o',
  workspaces: ['Web, mobile', 'proj_abc'],
  sort: { field: 'costChange', direction: 'asc' },
};

describe('overview URL', () => {
  it('returns the defaults for an empty query and writes nothing for them', () => {
    expect(parseFilterParams(new URLSearchParams())).toEqual({ filter: DEFAULT_FILTER, problems: [] });
    expect(filterToParams(DEFAULT_FILTER).toString()).toBe('');
  });

  it('round-trips every field through the query string', () => {
    const params = filterToParams(full);
    expect(params.toString()).toBe(
      'providers=openai%2Caws-bedrock&workspaces=Web%2C+mobile&workspaces=proj_abc&start=2025-06-01&end=2025-07-01&costMin=10.50&costMax=200&search=gpt-4o&sort=costChange&direction=asc',
    );
    expect(parseFilterParams(new URLSearchParams(params.toString()))).toEqual({ filter: full, problems: [] });
  });

  it.each([
    ['period=last_week', { preset: 'last_week' }],
    ['period=last_30_days', { preset: 'last_30_days' }],
    ['start=2025-01-01&end=2025-02-01', { start: '2025-01-01', end: '2025-02-01' }],
  ])('reads the period of %s', (query, period) => {
    expect(parseFilterParams(new URLSearchParams(query)).filter.period).toEqual(period);
  });

  it.each([
    ['period=next_year', /Unknown period "next_year"/],
    ['start=2025-02-01&end=2025-01-01', /custom range/],
    ['start=2025-02-30&end=2025-03-01', /custom range/],
    ['start=2025-02-01', /custom range/],
    ['providers=openai,acme', /Unknown provider acme/],
    ['costMin=50&costMax=10', /Cost range ignored: below the minimum/],
    ['costMin=-5', /Cost range ignored/],
  ])('drops what is invalid in %s and says so', (query, problem) => {
    const { filter, problems } = parseFilterParams(new URLSearchParams(query));
    expect(problems).toEqual([expect.stringMatching(problem)]);
    expect(filter.costMin).toBeNull();
    if (query.includes('providers')) expect(filter.providers).toEqual(['openai']);
    else expect(filter.providers).toEqual([]);
  });

  it('keeps keys the filter does not own when merging', () => {
    const merged = mergeFilterIntoParams(new URLSearchParams('page=3&search=old&sort=cost'), {
      ...DEFAULT_FILTER,
      search: 'new',
    });
    expect(merged.toString()).toBe('page=3&search=new');
  });

  it('maps the filter to the GraphQL input with enum values', () => {
    expect(toDashboardFilterInput(full, { sortFields: SORT_FIELDS.models, offset: 50, limit: 25 })).toEqual({
      providers: ['OPENAI', 'AWS_BEDROCK'],
      workspaces: ['Web, mobile', 'proj_abc'],
      range: { start: '2025-06-01', end: '2025-07-01' },
      costMin: '10.50',
      costMax: '200',
      search: 'gpt-4o',
      sort: { field: 'costChange', direction: 'ASC' },
      offset: 50,
      limit: 25,
    });
    expect(toDashboardFilterInput(DEFAULT_FILTER)).toEqual({ preset: 'LAST_30_DAYS' });
  });

  it('leaves out a sort the tab does not know, in the query and in the export', () => {
    const bySpend: OverviewFilter = { ...DEFAULT_FILTER, sort: { field: 'spend', direction: 'desc' } };
    expect(toDashboardFilterInput(bySpend, { sortFields: SORT_FIELDS.models }).sort).toBeUndefined();
    expect(toDashboardFilterInput(bySpend, { sortFields: SORT_FIELDS.providers }).sort).toEqual({
      field: 'spend',
      direction: 'DESC',
    });
    expect(toExportQuery(bySpend, SORT_FIELDS.models)).toBe('');
    expect(toExportQuery({ ...bySpend, period: { preset: 'last_7_days' } }, SORT_FIELDS.providers)).toBe(
      'period=last_7_days&sort=spend&direction=desc',
    );
  });
});
