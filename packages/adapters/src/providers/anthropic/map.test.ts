import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, formatMoney, parseMoney, sumMoney, type CostRecord } from '@spendsync/domain';
import { isAdapterError } from '../../errors';
import apiKeysJson from './fixtures/api-keys.json';
import costDocRowJson from './fixtures/cost-report-doc-row.json';
import costJson from './fixtures/cost-report.json';
import usageJson from './fixtures/usage-report-messages.json';
import workspacesJson from './fixtures/workspaces.json';
import { mapAnthropicDay, type Directory } from './map';
import authentication from './fixtures/error-authentication.json';
import invalidRequest from './fixtures/error-invalid-request.json';
import notFound from './fixtures/error-not-found.json';
import overloaded from './fixtures/error-overloaded.json';
import permission from './fixtures/error-permission.json';
import rateLimit from './fixtures/error-rate-limit.json';
import organizationJson from './fixtures/organization-me.json';
import {
  ZApiKeysPage,
  ZCostPage,
  ZErrorBody,
  ZOrganization,
  ZUsagePage,
  ZWorkspacesPage,
  type CostItem,
  type UsageItem,
} from './raw';

const WS = 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ';
const KEY = 'apikey_01Rj2N8SVvo6BePZj99NhmiT';
const DAY = '2025-09-01';

const directory: Directory = {
  workspaces: new Map(ZWorkspacesPage.parse(workspacesJson).data.map((w) => [w.id, w.name ?? null])),
  keys: new Map(
    ZApiKeysPage.parse(apiKeysJson).data.map((k) => [k.id, { name: k.name ?? null, hint: k.partial_key_hint ?? null }]),
  ),
};
const usage = ZUsagePage.parse(usageJson).data[0]!.results;
const cost = ZCostPage.parse(costJson).data[0]!.results;
const fixtureRecords = mapAnthropicDay({ day: DAY, usage, cost, directory });
const find = (apiKeyId: string | null, model: string) =>
  fixtureRecords.find((r) => r.apiKeyId === apiKeyId && r.model === model);
const money = (r: CostRecord | undefined) => (r ? formatMoney(r.cost) : 'missing');

const usageRow = (
  apiKeyId: string | null,
  tokens: Partial<Record<'uncached' | 'read' | 'output', number>>,
): UsageItem => ({
  api_key_id: apiKeyId,
  workspace_id: WS,
  model: 'm',
  uncached_input_tokens: tokens.uncached ?? 0,
  cache_read_input_tokens: tokens.read ?? 0,
  cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
  output_tokens: tokens.output ?? 0,
});
const costRow = (amount: string, tokenType: string | null, extra: Partial<CostItem> = {}): CostItem => ({
  amount,
  currency: 'USD',
  workspace_id: WS,
  description: 'M Usage',
  cost_type: 'tokens',
  model: 'm',
  token_type: tokenType,
  ...extra,
});

describe('Anthropic fixtures', () => {
  it.each([
    ['authentication', authentication, 'authentication_error'],
    ['permission', permission, 'permission_error'],
    ['rate limit', rateLimit, 'rate_limit_error'],
    ['invalid request', invalidRequest, 'invalid_request_error'],
    ['overloaded', overloaded, 'overloaded_error'],
    ['not found', notFound, 'not_found_error'],
  ])('parses the documented %s error envelope', (_name, body, type) => {
    expect(ZErrorBody.parse(body)).toMatchObject({
      type: 'error',
      error: { type },
      request_id: expect.stringMatching(/^req_/),
    });
  });

  it('parses the listings and the organization, ignoring fields we do not use', () => {
    expect(ZOrganization.parse(organizationJson).name).toBe('Acme Research');
    expect(directory.workspaces.get('wrkspc_01KcB8u5jW7s8hTn2XQd9PmA')).toBe('Old Prototype');
    expect(ZApiKeysPage.parse(apiKeysJson).data.map((k) => k.workspace_id ?? null)).toEqual([WS, WS, null]);
    expect(ZUsagePage.parse(usageJson).data[1]!.results).toEqual([]);
  });
});

describe('mapAnthropicDay', () => {
  it('returns records that pass ZCostRecord, with requests always null (Anthropic gives no counts)', () => {
    expect(fixtureRecords).toHaveLength(5);
    for (const record of fixtureRecords) {
      expect(ZCostRecord.safeParse(record).success).toBe(true);
      expect(record.requests).toBeNull();
    }
  });

  it('totals exactly the cost report, read as cents', () => {
    const cents = sumMoney(cost.map((c) => parseMoney(c.amount)));
    expect(formatMoney(cents)).toBe('5480.92');
    expect(formatMoney(sumMoney(fixtureRecords.map((r) => r.cost)))).toBe('54.8092');
  });

  it('allocates each token type by the keys’ tokens of that type', () => {
    // Input 450¢ split 1M:0.5M, output 4815¢ split 2:1; cache hits and writes are key A's alone.
    expect(money(find(KEY, 'claude-sonnet-4-20250514'))).toBe('36.75');
    expect(money(find(`console:${WS}`, 'claude-sonnet-4-20250514'))).toBe('17.55');
  });

  it('counts all input tokens, cache reads and both cache-write buckets', () => {
    expect(find(KEY, 'claude-sonnet-4-20250514')).toMatchObject({
      inputTokens: 4_200_000,
      cachedInputTokens: 3_000_000,
      cacheWriteTokens: 200_000,
      outputTokens: 2_140_000,
      apiKeyHint: 'sk-ant-api03-R2D...igAA',
      apiKeyName: 'search-backend',
      workspaceName: 'Search Team',
    });
    expect(find('apikey_01Hb4Tq9WnE2rYs6Ua8Jc3Kv', 'claude-3-5-haiku-20241022')).toMatchObject({
      inputTokens: 300_000,
      cacheWriteTokens: 10_000,
    });
  });

  it('names the Console bucket (null key) and the default workspace (null id) instead of dropping them', () => {
    expect(find(`console:${WS}`, 'claude-sonnet-4-20250514')).toMatchObject({
      apiKeyName: 'Console / Workbench (no API key)',
      apiKeyHint: null,
      workspaceId: WS,
    });
    expect(find('apikey_01Hb4Tq9WnE2rYs6Ua8Jc3Kv', 'claude-3-5-haiku-20241022')).toMatchObject({
      workspaceId: 'default',
      workspaceName: 'Default Workspace',
    });
    expect(money(find('apikey_01Hb4Tq9WnE2rYs6Ua8Jc3Kv', 'claude-3-5-haiku-20241022'))).toBe('0.3392');
  });

  it.each([
    ['web_search', WS, '0.12'],
    ['code_execution', 'default', '0.05'],
  ])('keeps %s cost at workspace level as chargeKind other', (model, workspaceId, amount) => {
    const record = fixtureRecords.find((r) => r.model === model);
    expect(record).toMatchObject({ chargeKind: 'other', apiKeyId: null, workspaceId, inputTokens: null });
    expect(money(record)).toBe(amount);
  });

  it('keeps cost no key used at workspace level (the documented row: "4812.5" cents is $48.125)', () => {
    const [record, ...rest] = mapAnthropicDay({
      day: DAY,
      usage: [],
      cost: ZCostPage.parse(costDocRowJson).data[0]!.results,
      directory,
    });
    expect(rest).toEqual([]);
    expect(record).toMatchObject({
      workspaceId: 'default',
      apiKeyId: null,
      model: 'claude-sonnet-4-20250514',
      chargeKind: 'usage',
      outputTokens: null,
    });
    expect(money(record)).toBe('48.125');
  });

  it.each([
    ['equal thirds of one cent', ['1', 'output_tokens'], [{ output: 1 }, { output: 1 }, { output: 1 }]],
    [
      'a token type nobody used, by all tokens instead',
      ['7', 'cache_read_input_tokens'],
      [{ uncached: 3 }, { output: 1 }],
    ],
    ['an unknown token type, by all tokens', ['10', 'some_new_tokens'], [{ uncached: 2 }, { output: 5 }]],
  ] as const)('allocates %s so the parts sum exactly', (_name, [amount, tokenType], tokens) => {
    const rows = tokens.map((t, i) => usageRow(`k${i}`, t));
    const records = mapAnthropicDay({ day: DAY, usage: rows, cost: [costRow(amount, tokenType)], directory });
    expect(records.map((r) => r.apiKeyId)).toEqual(rows.map((_, i) => `k${i}`));
    expect(formatMoney(sumMoney(records.map((r) => r.cost)))).toBe(formatMoney(parseMoney(amount).div(100)));
    expect(records.every((r) => !r.cost.isZero())).toBe(true);
  });

  it('merges a usage row split across pages into one record', () => {
    const records = mapAnthropicDay({
      day: DAY,
      usage: [usageRow('k', { output: 1 }), usageRow('k', { output: 2 })],
      cost: [],
      directory,
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outputTokens: 3, cost: parseMoney(0) });
  });

  it('leaves out a usage row of zeros', () => {
    expect(mapAnthropicDay({ day: DAY, usage: [usageRow('k', {})], cost: [], directory })).toEqual([]);
  });

  it('rejects a cost report in another currency', () => {
    let caught: unknown;
    try {
      mapAnthropicDay({ day: DAY, usage: [], cost: [costRow('1', 'output_tokens', { currency: 'EUR' })], directory });
    } catch (error) {
      caught = error;
    }
    expect(isAdapterError(caught, 'INVALID_RESPONSE')).toBe(true);
  });
});
