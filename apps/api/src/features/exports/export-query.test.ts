import { describe, expect, it } from '@jest/globals';
import { DashboardInputError } from '../dashboards/dashboard-query';
import { parseExportQuery, type ExportQuery } from './export-query';

const defaults = { providers: [], workspaces: [], period: 'last_30_days', offset: 0, limit: 50 };

describe('parseExportQuery', () => {
  it.each<[ExportQuery, object]>([
    [{}, defaults],
    [{ providers: 'openai,anthropic' }, { ...defaults, providers: ['openai', 'anthropic'] }],
    [{ providers: ['openai', 'aws-bedrock'] }, { ...defaults, providers: ['openai', 'aws-bedrock'] }],
    [{ workspaces: ['Web, EU', 'proj_1'] }, { ...defaults, workspaces: ['Web, EU', 'proj_1'] }],
    [{ period: 'last_month' }, { ...defaults, period: 'last_month' }],
    [
      { start: '2025-06-01', end: '2025-07-01' },
      { ...defaults, period: { start: '2025-06-01', end: '2025-07-01' } },
    ],
    [
      { costMin: '10.50', costMax: '99', search: 'gpt' },
      { ...defaults, costMin: '10.50', costMax: '99', search: 'gpt' },
    ],
    [
      { sort: 'cost', direction: 'asc' },
      { ...defaults, sort: { field: 'cost', direction: 'asc' } },
    ],
    [{ sort: 'model' }, { ...defaults, sort: { field: 'model', direction: 'desc' } }],
    [{ search: '' }, defaults],
  ])('reads %p', (query, expected) => {
    expect(parseExportQuery(query)).toEqual(expected);
  });

  it.each<[ExportQuery, string, string]>([
    [{ providers: 'openai,acme' }, 'providers.1', 'providers.1: '],
    [{ period: 'yesterday' }, 'period', 'period: '],
    [{ start: '2025-06-01' }, 'end', 'Give both start and end'],
    [{ start: '2025-06-01', end: '2025-06-31' }, 'period.end', 'calendar day'],
    [{ start: '2025-07-01', end: '2025-06-01' }, 'period.end', 'ends before it starts'],
    [{ start: '1990-01-01', end: '2025-06-01' }, 'period.end', 'longer than 1096 days'],
    [{ period: 'last_month', start: '2025-06-01' }, 'period', 'either period or start and end'],
    [{ costMin: '1e3' }, 'costMin', 'decimal amount'],
    [{ costMin: '5', costMax: '4' }, 'costMax', 'costMin is above costMax'],
    [{ costMin: 'last_month', costMax: '9999-99-99' }, 'costMin', 'decimal amount'],
    [{ direction: 'asc' }, 'direction', 'needs a sort field'],
    [{ sort: 'cost', direction: 'up' }, 'sort.direction', 'sort.direction: '],
    [{ search: ['a', 'b'] }, 'search', 'Give search once'],
  ])('rejects %p naming %s', (query, field, message) => {
    let error: unknown;
    try {
      parseExportQuery(query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DashboardInputError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toContain(message);
  });
});
