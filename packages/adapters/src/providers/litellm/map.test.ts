import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, parseMoney, type CostRecord } from '@spendsync/domain';
import { readDailyResult } from './day-activity';
import daily from './fixtures/daily-activity.json';
import legacy from './fixtures/daily-activity-legacy.json';
import keyHashes from './fixtures/key-list-hashes.json';
import keyList from './fixtures/key-list.json';
import teamReport from './fixtures/team-report.json';
import { NO_MODEL, mapLiteLlmDay, teamNamesByKey, toKeyDirectory } from './map';
import { NO_METRICS } from './metrics';
import { ZDailyActivity, ZKeyList, ZTeamReport } from './raw';

const SUPPORT = '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b';
const DELETED = '4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce';
const TEAM = '7f2b1c9e-3b1d-4c55-9a51-1f0f2b1e6c11';
const directory = toKeyDirectory(ZKeyList.parse(keyList).keys);
const names = teamNamesByKey(ZTeamReport.parse(teamReport));
const dayOf = (fixture: unknown) => readDailyResult(ZDailyActivity.parse(fixture).results[0]!);
const row = (r: CostRecord) => [
  r.apiKeyId,
  r.model,
  r.cost.toFixed(),
  r.requests,
  r.inputTokens,
  r.outputTokens,
  r.cachedInputTokens,
  r.cacheWriteTokens,
];

describe('mapLiteLlmDay', () => {
  it('returns a record per (model, key), the rest of each model without a key and model-less spend on "(no model)"', () => {
    const { records, warnings } = mapLiteLlmDay(dayOf(daily), directory, names);
    expect(records.map(row)).toEqual([
      [SUPPORT, 'gpt-4o-2024-08-06', '0.1', 3, 1100, 120, 0, 0],
      [DELETED, 'gpt-4o-2024-08-06', '0.15', 4, 1500, 250, 1000, 200],
      [null, 'gpt-4o-2024-08-06', '0.05', 1, 500, 50, 0, 0],
      [null, NO_MODEL, '0.00001', 1, 0, 0, 0, 0],
    ]);
    expect(warnings).toEqual([]);
    expect(records.every((r) => ZCostRecord.safeParse(r).success)).toBe(true);
  });

  it('names keys and teams from the key list, the spend data and the team report', () => {
    const [listed, deleted, rest] = mapLiteLlmDay(dayOf(daily), directory, names).records;
    expect(listed).toMatchObject({
      apiKeyHint: 'sk-...Xy12',
      apiKeyName: 'support-bot-prod',
      workspaceId: TEAM,
      workspaceName: 'support-bot',
    });
    // A deleted key is no longer listed, but spend data keeps its alias and team.
    expect(deleted).toMatchObject({
      apiKeyHint: null,
      apiKeyName: 'old-ci',
      workspaceId: TEAM,
      workspaceName: 'support-bot',
    });
    expect(rest).toMatchObject({
      apiKeyId: null,
      apiKeyHint: null,
      apiKeyName: null,
      workspaceId: null,
      workspaceName: null,
    });
  });

  it('leaves team names out without the Enterprise report', () => {
    expect(mapLiteLlmDay(dayOf(daily), directory, new Map()).records[0]).toMatchObject({
      workspaceId: TEAM,
      workspaceName: null,
    });
  });

  it('returns per-model records without keys for a proxy that has no per-key breakdown, keeping unknown cache counts null', () => {
    const { records } = mapLiteLlmDay(dayOf(legacy), directory, names);
    expect(records.map(row)).toEqual([[null, 'claude-3-5-sonnet-20241022', '1.25', 12, 5000, 900, null, null]]);
  });

  it('drops a float rounding difference between a model and its keys, but keeps a real one', () => {
    const base = dayOf(daily);
    const model = base.models.get('gpt-4o-2024-08-06')!;
    const keys = new Map([
      [SUPPORT, { metrics: { ...model.total, spend: parseMoney('0.30000000000000004') }, alias: null, teamId: null }],
    ]);
    const noisy = {
      ...base,
      total: model.total,
      models: new Map([['gpt-4o-2024-08-06', { total: model.total, keys }]]),
    };
    const { records, warnings } = mapLiteLlmDay(noisy, directory, names);
    expect(records.map((r) => [r.apiKeyId, r.cost.toFixed()])).toEqual([[SUPPORT, '0.30000000000000004']]);
    expect(warnings).toEqual([]);
  });

  it('keeps a negative difference so the day still sums to the proxy total, and warns', () => {
    const total = { ...NO_METRICS, spend: parseMoney('0.2'), requests: 1 };
    const keys = new Map([
      [SUPPORT, { metrics: { ...NO_METRICS, spend: parseMoney('0.3'), requests: 2 }, alias: null, teamId: null }],
    ]);
    const { records, warnings } = mapLiteLlmDay(
      { day: '2026-01-05', total, models: new Map([['m', { total, keys }]]) },
      directory,
      names,
    );
    expect(records.map((r) => [r.apiKeyId, r.cost.toFixed(), r.requests])).toEqual([
      [SUPPORT, '0.3', 2],
      [null, '-0.1', null],
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/^2026-01-05 m: the total is smaller than the sum of its parts by \$0\.1/),
    ]);
  });
});

describe('key directory and team names', () => {
  it('reads full key rows and hash-only rows', () => {
    expect(directory.get(SUPPORT)).toEqual({ hint: 'sk-...Xy12', alias: 'support-bot-prod', teamId: TEAM });
    expect([...toKeyDirectory(ZKeyList.parse(keyHashes).keys)]).toEqual([
      [SUPPORT, { hint: null, alias: null, teamId: null }],
      ['b1946ac92492d2347c6235b4d2611184c41cba6a8f2b1e1e4b0c7b58d0c3a9f2', { hint: null, alias: null, teamId: null }],
    ]);
  });

  it('takes team names from the report, but not "Unassigned Team"', () => {
    expect([...names]).toEqual([
      [SUPPORT, 'support-bot'],
      [DELETED, 'support-bot'],
    ]);
  });
});
