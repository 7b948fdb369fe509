import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, formatMoney, grainKey, sumMoney, type CostRecord } from '@spendsync/domain';
import { parseLineItem } from './aggregate';
import { mapOpenAiWindow, type OpenAiDirectory } from './map';
import { ZCostsPage, ZErrorBody, ZProjectApiKeyList, ZProjectList, ZUsagePage } from './raw';
import costsPage from './fixtures/costs-page.json';
import costsPageOld from './fixtures/costs-page-old.json';
import completionsPage from './fixtures/usage-completions-page.json';
import embeddingsPage from './fixtures/usage-embeddings-page.json';
import imagesPage from './fixtures/usage-images-page.json';
import projectsList from './fixtures/projects-list.json';
import keysList from './fixtures/project-api-keys-list.json';
import missingScopes from './fixtures/error-missing-scopes.json';
import missingScopesBare from './fixtures/error-missing-scopes-bare.json';
import invalidKey from './fixtures/error-invalid-key.json';
import rateLimit from './fixtures/error-rate-limit.json';

const JULY = { start: '2025-07-01', end: '2025-07-03' };
const costs = ZCostsPage.parse(costsPage).data;
const usage = {
  completions: ZUsagePage.parse(completionsPage).data,
  embeddings: ZUsagePage.parse(embeddingsPage).data,
  images: ZUsagePage.parse(imagesPage).data,
};
const projects = ZProjectList.parse(projectsList).data;
const keys = ZProjectApiKeyList.parse(keysList).data;
const directory: OpenAiDirectory = {
  projects: new Map(projects.map((p) => [p.id, p.name ?? null])),
  keys: new Map(keys.map((k) => [k.id, { name: k.name ?? null, hint: k.redacted_value ?? null }])),
};

const find = (records: CostRecord[], model: string, apiKeyId: string | null) => {
  const found = records.filter((r) => r.model === model && r.apiKeyId === apiKeyId);
  expect(found).toHaveLength(1);
  return found[0] as CostRecord;
};

describe('OpenAI fixtures', () => {
  it('parse with the raw schemas, unknown fields dropped', () => {
    expect(ZCostsPage.parse(costsPage)).toMatchObject({
      has_more: true,
      next_page: 'page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=',
    });
    expect(ZCostsPage.parse(costsPageOld).data[0]?.results[0]).toEqual({
      amount: { value: 0.06, currency: 'usd' },
      line_item: null,
      project_id: null,
    });
    expect(usage.completions[0]?.results[0]).not.toHaveProperty('input_text_tokens');
    expect(projects.map((p) => p.id)).toEqual(['proj_Ab12Cd34', 'proj_Old00000']);
    expect(keys.map((k) => [k.id, k.redacted_value])).toEqual([
      ['key_aaaa', 'sk-abc...def'],
      ['key_bbbb', 'sk-xyz...uvw'],
    ]);
  });

  it.each([
    ['envelope, missing scopes', missingScopes, 'invalid_request_error'],
    ['bare string, missing scopes', missingScopesBare, undefined],
    ['invalid key', invalidKey, 'invalid_request_error'],
    ['rate limit', rateLimit, 'requests'],
  ])('parses the %s error body', (_, body, type) => {
    const parsed = ZErrorBody.parse(body);
    expect(typeof parsed.error === 'string' ? undefined : parsed.error.type).toBe(type);
  });
});

describe('mapOpenAiWindow', () => {
  const records = mapOpenAiWindow({ costs, usage }, directory, JULY);

  it('makes valid, unique records whose costs sum to the costs report exactly', () => {
    for (const record of records) expect(ZCostRecord.safeParse(record).success).toBe(true);
    expect(new Set(records.map(grainKey)).size).toBe(records.length);
    expect(formatMoney(sumMoney(records.map((r) => r.cost)))).toBe('3.2157');
    expect(records).toHaveLength(7);
  });

  it('allocates a model cost to keys by tokens, parts summing exactly, with token fields and names', () => {
    const a = find(records, 'gpt-4o-2024-08-06', 'key_aaaa');
    const b = find(records, 'gpt-4o-2024-08-06', 'key_bbbb');
    expect([formatMoney(a.cost), formatMoney(b.cost)]).toEqual(['1.731811072881', '0.411388927119']);
    expect(a).toMatchObject({
      day: '2025-07-01',
      workspaceId: 'proj_Ab12Cd34',
      workspaceName: 'Project example',
      apiKeyHint: 'sk-abc...def',
      apiKeyName: 'My API Key',
      chargeKind: 'usage',
      inputTokens: 600000,
      outputTokens: 20000,
      cachedInputTokens: 100000,
      cacheWriteTokens: 5000,
      requests: 120,
      unit: null,
      quantity: null,
      mix: null,
    });
    // The older shape has no cache-write field: unknown, not zero.
    expect(b).toMatchObject({ cachedInputTokens: 0, cacheWriteTokens: null, requests: 30 });
  });

  it('allocates image cost by image count, with unit, quantity and size/source mix', () => {
    const a = find(records, 'gpt-image-1', 'key_aaaa');
    const b = find(records, 'gpt-image-1', 'key_bbbb');
    expect([formatMoney(a.cost), formatMoney(b.cost)]).toEqual(['0.8', '0.16']);
    expect(a).toMatchObject({
      chargeKind: 'image',
      unit: 'images',
      requests: 16,
      inputTokens: null,
      mix: { size: { '1024x1024': 16, '1536x1024': 4 }, source: { 'image.generation': 16, 'image.edit': 4 } },
    });
    expect(a.quantity?.toNumber()).toBe(20);
    expect(b.mix).toEqual({ size: { '1024x1024': 4 }, source: { 'image.generation': 4 } });
  });

  it('keeps cost without key usage at project level, and usage without cost at zero cost', () => {
    const orphan = find(records, 'gpt-4o-mini-2024-07-18', null);
    expect([formatMoney(orphan.cost), orphan.chargeKind, orphan.inputTokens, orphan.requests]).toEqual([
      '0.0125',
      'usage',
      null,
      null,
    ]);
    const embedding = find(records, 'text-embedding-3-small', 'key_bbbb');
    expect([formatMoney(embedding.cost), embedding.inputTokens, embedding.outputTokens, embedding.requests]).toEqual([
      '0',
      16000,
      null,
      4,
    ]);
  });

  it('keeps non-model line items whole, as chargeKind other', () => {
    const tool = find(records, 'web search tool calls', null);
    expect([formatMoney(tool.cost), tool.chargeKind, tool.workspaceName, tool.unit]).toEqual([
      '0.1',
      'other',
      'Project example',
      null,
    ]);
  });

  it('drops buckets outside the range (end day exclusive)', () => {
    expect(mapOpenAiWindow({ costs, usage }, directory, { start: '2025-07-02', end: '2025-07-03' })).toEqual([]);
  });

  it('reads cost with no project or line item as an unnamed org-level charge', () => {
    const old = mapOpenAiWindow(
      { costs: ZCostsPage.parse(costsPageOld).data, usage: { completions: [], embeddings: [], images: [] } },
      directory,
      { start: '2024-11-01', end: '2024-11-02' },
    );
    expect(old.map((r) => [r.model, r.workspaceId, r.chargeKind, formatMoney(r.cost)])).toEqual([
      ['unspecified', null, 'other', '0.06'],
    ]);
  });

  it('keeps a zero-weight cell at project level and splits a refund exactly', () => {
    const bucket = (results: unknown[]) =>
      ZUsagePage.parse({ data: [{ start_time: 1751328000, end_time: 1751414400, results }] }).data;
    const costOf = (value: number) =>
      ZCostsPage.parse({
        data: [
          {
            start_time: 1751328000,
            end_time: 1751414400,
            results: [{ amount: { value, currency: 'usd' }, line_item: 'gpt-4o, input', project_id: 'p' }],
          },
        ],
      }).data;
    const idle = bucket([
      { project_id: 'p', api_key_id: 'k1', model: 'gpt-4o', input_tokens: 0, output_tokens: 0, num_model_requests: 0 },
    ]);
    const zero = mapOpenAiWindow(
      { costs: costOf(0.5), usage: { completions: idle, embeddings: [], images: [] } },
      directory,
      JULY,
    );
    expect(zero.map((r) => [r.apiKeyId, formatMoney(r.cost)])).toEqual([
      ['k1', '0'],
      [null, '0.5'],
    ]);
    const split = bucket(
      [1, 2].map((n) => ({ project_id: 'p', api_key_id: `k${n}`, model: 'gpt-4o', input_tokens: n, output_tokens: 0 })),
    );
    const refund = mapOpenAiWindow(
      { costs: costOf(-0.01), usage: { completions: split, embeddings: [], images: [] } },
      directory,
      JULY,
    );
    expect(refund.map((r) => formatMoney(r.cost))).toEqual(['-0.003333333333', '-0.006666666667']);
  });

  it('refuses a currency other than USD', () => {
    const eur = ZCostsPage.parse({
      data: [{ start_time: 1751328000, end_time: 1751414400, results: [{ amount: { value: 1, currency: 'eur' } }] }],
    }).data;
    expect(() =>
      mapOpenAiWindow({ costs: eur, usage: { completions: [], embeddings: [], images: [] } }, directory, JULY),
    ).toThrow(/only USD/);
  });
});

describe('parseLineItem', () => {
  const known = new Set(['gpt-4o']);
  it.each([
    ['gpt-4o-2024-08-06, input', { kind: 'model', model: 'gpt-4o-2024-08-06' }],
    ['gpt-4o-2024-08-06, cached input', { kind: 'model', model: 'gpt-4o-2024-08-06' }],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc, output', { kind: 'model', model: 'ft:gpt-4o-mini-2024-07-18:acme::abc' }],
    ['gpt-4o', { kind: 'model', model: 'gpt-4o' }],
    ['web search tool calls', { kind: 'other', name: 'web search tool calls' }],
    ['file search storage, gibibyte hours', { kind: 'other', name: 'file search storage, gibibyte hours' }],
    ['input_tokens', { kind: 'other', name: 'input_tokens' }],
    [null, { kind: 'other', name: 'unspecified' }],
    ['  ', { kind: 'other', name: 'unspecified' }],
  ])('reads %j', (text, expected) => {
    expect(parseLineItem(text, known)).toEqual(expected);
  });
});
