import { describe, expect, it } from '@jest/globals';
import { SqlParams } from './dashboard-query';
import {
  blockStart,
  sourceFor,
  sourceSql,
  splitByBlock,
  splitByIsoWeek,
  splitByMonth,
  type Buckets,
} from './dashboard-sources';

describe('splitByMonth', () => {
  it.each([
    ['2025-12-01', '2025-12-31', [], [['2025-12-01', '2025-12-31']]],
    ['2025-10-31', '2025-12-01', ['2025-11-01'], [['2025-10-31', '2025-11-01']]],
    [
      '2024-12-31',
      '2025-12-31',
      [
        '2025-01-01',
        '2025-02-01',
        '2025-03-01',
        '2025-04-01',
        '2025-05-01',
        '2025-06-01',
        '2025-07-01',
        '2025-08-01',
        '2025-09-01',
        '2025-10-01',
        '2025-11-01',
      ],
      [
        ['2024-12-31', '2025-01-01'],
        ['2025-12-01', '2025-12-31'],
      ],
    ],
    ['2025-02-01', '2025-03-01', ['2025-02-01'], []],
  ])('%s to %s: months %j, days %j', (start, end, months, days) => {
    const split = splitByMonth({ start, end });
    expect(split.months).toEqual(months);
    expect(split.days.map((r) => [r.start, r.end])).toEqual(days);
  });
});

describe('splitByIsoWeek (Monday to Sunday, as the cost chart buckets weeks)', () => {
  it.each([
    // Monday to Monday: two whole weeks
    ['2025-12-01', '2025-12-15', ['2025-12-01', '2025-12-08'], []],
    // Wednesday to Wednesday across a year's end: the partial weeks at both edges are days
    [
      '2025-12-24',
      '2026-01-14',
      ['2025-12-29', '2026-01-05'],
      [
        ['2025-12-24', '2025-12-29'],
        ['2026-01-12', '2026-01-14'],
      ],
    ],
    // shorter than a week, or no whole week inside: all days
    ['2025-12-03', '2025-12-05', [], [['2025-12-03', '2025-12-05']]],
    ['2025-12-03', '2025-12-10', [], [['2025-12-03', '2025-12-10']]],
    ['2025-12-03', '2025-12-03', [], []],
  ])('%s to %s: weeks %j, days %j', (start, end, weeks, days) => {
    const split = splitByIsoWeek({ start, end });
    expect(split.weeks).toEqual(weeks);
    expect(split.days.map((r) => [r.start, r.end])).toEqual(days);
  });
});

describe('splitByBlock (7-day blocks from the 1st, 8th, 15th, 22nd and 29th)', () => {
  it.each([
    ['2025-12-01', '1'],
    ['2025-12-07', '1'],
    ['2025-12-08', '8'],
    ['2025-12-28', '22'],
    ['2025-12-29', '29'],
    ['2025-12-31', '29'],
    ['2024-02-29', '29'],
  ])('%s is in the block of the %sth', (day, first) => {
    expect(blockStart(day)).toBe(`${day.slice(0, 8)}${first.padStart(2, '0')}`);
  });

  it.each([
    // December 1–30: four whole blocks, the 29th and 30th alone (the block of the 29th ends on the 31st)
    [
      '2025-12-01',
      '2025-12-31',
      ['2025-12-01', '2025-12-08', '2025-12-15', '2025-12-22'],
      [['2025-12-29', '2025-12-31']],
    ],
    // a whole month: five blocks, the last one three days long
    ['2025-12-01', '2026-01-01', ['2025-12-01', '2025-12-08', '2025-12-15', '2025-12-22', '2025-12-29'], []],
    // February of a leap year: the block of the 29th is one day
    ['2024-02-01', '2024-03-01', ['2024-02-01', '2024-02-08', '2024-02-15', '2024-02-22', '2024-02-29'], []],
    [
      '2025-12-02',
      '2025-12-30',
      ['2025-12-08', '2025-12-15', '2025-12-22'],
      [
        ['2025-12-02', '2025-12-08'],
        ['2025-12-29', '2025-12-30'],
      ],
    ],
    // across a month's end: blocks restart on the 1st
    [
      '2025-11-20',
      '2025-12-10',
      ['2025-11-22', '2025-11-29', '2025-12-01'],
      [
        ['2025-11-20', '2025-11-22'],
        ['2025-12-08', '2025-12-10'],
      ],
    ],
    ['2025-12-03', '2025-12-05', [], [['2025-12-03', '2025-12-05']]],
  ])('%s to %s: blocks %j, days %j', (start, end, blocks, days) => {
    const split = splitByBlock({ start, end });
    expect(split.blocks).toEqual(blocks);
    expect(split.days.map((r) => [r.start, r.end])).toEqual(days);
  });
});

describe('sourceFor', () => {
  const none = { search: null, workspaces: [] };
  it('keeps the coarsest rollup without a filter that needs more', () => {
    expect(sourceFor('accounts', none)).toBe('accounts');
    expect(sourceFor('models', none)).toBe('models');
  });
  it('reads the workspace grain under a workspace filter, and the search rollup under a search (by day, the search days or for keys the records)', () => {
    expect(sourceFor('accounts', { ...none, workspaces: ['Team 3'] })).toBe('workspaces');
    expect(sourceFor('models', { ...none, workspaces: ['Team 3'] })).toBe('workspace-models');
    expect(sourceFor('keys', { ...none, workspaces: ['Team 3'] })).toBe('keys');
    expect(sourceFor('models', { ...none, search: 'gpt' })).toBe('search-models');
    expect(sourceFor('accounts', { ...none, search: 'gpt' })).toBe('search-models');
    expect(sourceFor('keys', { search: 'gpt', workspaces: ['Team 3'] })).toBe('search');
    expect(sourceFor('models', { ...none, search: 'gpt' }, 'day')).toBe('search-days');
    expect(sourceFor('keys', { ...none, search: 'gpt' }, 'day')).toBe('records');
    expect(sourceFor('models', { ...none, search: 'gpt' }, 'week')).toBe('search-models');
    expect(sourceFor('keys', { ...none, search: 'gpt' }, 'week')).toBe('search');
    expect(sourceFor('models', none, 'week')).toBe('models');
    expect(sourceFor('records', none)).toBe('records');
  });
});

describe('sourceSql', () => {
  const sql = (source: Parameters<typeof sourceSql>[2], ranges: Parameters<typeof sourceSql>[3], buckets: Buckets) => {
    const p = new SqlParams();
    return { text: sourceSql((value, cast) => p.add(value, cast), 'org', source, ranges, buckets), values: p.values };
  };
  it('reads whole months monthly, whole blocks weekly (keys only) and the rest daily', () => {
    const ranges = [
      { start: '2025-10-14', end: '2025-11-15' },
      { start: '2025-11-15', end: '2025-12-16' },
    ];
    const { text, values } = sql('keys', ranges, 'none');
    // no part starts on a month's 1st and ends inside that month: no month is read for a part of it
    expect(text).not.toContain('cost_rollup_accounts');
    expect(text.match(/FROM cost_rollup_keys\w*/g)).toEqual(['FROM cost_rollup_keys', 'FROM cost_rollup_keys_weekly']);
    expect(values).toEqual([
      'org',
      '2025-10-14',
      '2025-10-15',
      '2025-12-15',
      '2025-12-16',
      [
        '2025-10-15',
        '2025-10-22',
        '2025-10-29',
        '2025-11-01',
        '2025-11-08',
        '2025-11-15',
        '2025-11-22',
        '2025-11-29',
        '2025-12-01',
        '2025-12-08',
      ],
    ]);
    expect(
      sql('models', [{ start: '2025-10-31', end: '2026-01-01' }], 'none').text.match(/FROM cost_rollup_models\w*/g),
    ).toEqual(['FROM cost_rollup_models', 'FROM cost_rollup_models_monthly']);
  });
  it("reads a range's last part from a month's 1st as that month's row when no record follows it, else as its blocks and days", () => {
    const ranges = [
      { start: '2025-10-31', end: '2025-12-01' },
      { start: '2025-12-01', end: '2025-12-31' },
    ];
    const { text, values } = sql('keys', ranges, 'none');
    const parts = text.split('UNION ALL');
    expect(parts.map((part) => /FROM (cost_rollup_keys\w*)/.exec(part)![1])).toEqual([
      'cost_rollup_keys', // October 31st
      'cost_rollup_keys', // December's days left (29th, 30th), unless no record follows them in December
      'cost_rollup_keys_weekly', // and its blocks, likewise
      'cost_rollup_keys_monthly', // November, and December when no record follows the 30th in it
    ]);
    const noneAfter =
      'NOT EXISTS \\(SELECT 1 FROM cost_rollup_accounts after_part WHERE after_part\\.organization_id = \\$1::uuid\\s+' +
      'AND after_part\\.day >= \\$5::date AND after_part\\.day < \\$6::date\\)';
    expect(parts[0]).not.toContain('after_part');
    expect(parts[1]).toMatch(new RegExp(`AND NOT ${noneAfter}`));
    expect(parts[2]).toMatch(new RegExp(`AND NOT ${noneAfter}`));
    expect(parts[3]).toMatch(new RegExp(`day = ANY\\(\\$4::date\\[\\]\\) OR \\(day = \\$10::date AND ${noneAfter}\\)`));
    expect(values).toEqual([
      'org',
      '2025-10-31',
      '2025-11-01',
      ['2025-11-01'],
      '2025-12-31',
      '2026-01-01',
      '2025-12-29',
      '2025-12-31',
      ['2025-12-01', '2025-12-08', '2025-12-15', '2025-12-22'],
      '2025-12-01',
    ]);
    // a part that runs to the month's end is a whole month; one that starts later is not a month's
    expect(sql('keys', [{ start: '2025-12-01', end: '2026-01-01' }], 'none').text).not.toContain('after_part');
    expect(sql('keys', [{ start: '2025-12-02', end: '2025-12-31' }], 'none').text).not.toContain('after_part');
  });
  it('reads a search from monthly and weekly search rows, and the days left from the records', () => {
    const { text } = sql('search', [{ start: '2025-10-31', end: '2025-12-31' }], 'none');
    expect(text.match(/FROM cost_(records|rollup_search\w*)/g)).toEqual([
      'FROM cost_records',
      'FROM cost_records',
      'FROM cost_rollup_search_weekly',
      'FROM cost_rollup_search_monthly',
    ]);
  });
  it("adds the narrowing condition to every part it reads, where each part's indexes can serve it", () => {
    const p = new SqlParams();
    const narrowed = sourceSql(
      (value, cast) => p.add(value, cast),
      'org',
      'search',
      [{ start: '2025-10-31', end: '2025-12-31' }],
      'none',
      '(narrow)',
    );
    const parts = narrowed.split('UNION ALL');
    expect(parts).toHaveLength(4);
    for (const part of parts) expect(part).toMatch(/WHERE organization_id = \$1::uuid AND .+ AND \(narrow\)/s);
    expect(sql('search', [{ start: '2025-10-31', end: '2025-12-31' }], 'none').text).not.toContain('narrow');
  });
  it('reads the days left of the search rollup from `daysLeft` when given, gated like the records', () => {
    const p = new SqlParams();
    const seen: string[][] = [];
    const text = sourceSql(
      (value, cast) => p.add(value, cast),
      'org',
      'search-models',
      // ends on the 10th with its month's part from the 1st: that part is read from the days left
      // or from the month's row, whichever holds it (noRecordAfter)
      [{ start: '2025-10-30', end: '2025-12-10' }],
      'none',
      '(narrow)',
      (ranges) => {
        seen.push(ranges.map((r) => `${r.start}..${r.end}`));
        return '(days left) cr';
      },
    );
    expect(seen).toEqual([['2025-10-30..2025-11-01'], ['2025-12-08..2025-12-10']]);
    expect(text).toContain('SELECT * FROM (days left) cr WHERE true\n');
    expect(text).toMatch(/SELECT \* FROM \(days left\) cr WHERE true AND NOT NOT EXISTS/);
    expect(text).not.toContain('FROM cost_records');
    expect(text.match(/FROM cost_rollup_search_(weekly|monthly)/g)).toEqual([
      'FROM cost_rollup_search_weekly',
      'FROM cost_rollup_search_monthly',
    ]);
  });
  it('keeps daily rows by day (cost over time)', () => {
    const { text } = sql('keys', [{ start: '2025-11-01', end: '2025-12-31' }], 'day');
    expect(text.match(/FROM cost_rollup_keys\w*/g)).toEqual(['FROM cost_rollup_keys']);
  });
  it("reads a search by week from its ISO weeks, the edges' days from the records, narrowed everywhere", () => {
    const p = new SqlParams();
    // Wednesday Oct 29 to Wednesday Dec 31: Nov 3 to Dec 22 are whole weeks
    const text = sourceSql(
      (value, cast) => p.add(value, cast),
      'org',
      'search',
      [{ start: '2025-10-29', end: '2025-12-31' }],
      'week',
      '(narrow)',
    );
    expect(text.match(/FROM cost_(records|rollup_search\w*)/g)).toEqual([
      'FROM cost_records',
      'FROM cost_rollup_search_iso_weekly',
    ]);
    expect(p.values).toContainEqual([
      '2025-11-03',
      '2025-11-10',
      '2025-11-17',
      '2025-11-24',
      '2025-12-01',
      '2025-12-08',
      '2025-12-15',
      '2025-12-22',
    ]);
    expect(p.values.filter((v) => typeof v === 'string' && v !== 'org')).toEqual([
      '2025-10-29',
      '2025-11-03',
      '2025-12-29',
      '2025-12-31',
    ]);
    for (const part of text.split('UNION ALL')) expect(part).toMatch(/AND \(narrow\)/);
    // other rollups have no ISO weeks: by week they keep daily rows
    expect(
      sql('keys', [{ start: '2025-10-29', end: '2025-12-31' }], 'week').text.match(/FROM cost_rollup_keys\w*/g),
    ).toEqual(['FROM cost_rollup_keys']);
  });
});
