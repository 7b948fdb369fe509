import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, formatMoney, grainKey, sumMoney, type CostRecord } from '@spendsync/domain';
import doc from './fixtures/query-response-doc.json';
import page1 from './fixtures/query-response-page-1.json';
import page2 from './fixtures/query-results-page-2.json';
import { NO_PROJECT, createVertexAccumulator } from './map';
import { ZQueryResultsPage } from './raw';
import { decodeRows } from './rows';

const rowsOf = (json: unknown) => decodeRows(ZQueryResultsPage.parse(json));
const view = (r: CostRecord | undefined) =>
  r && {
    kind: r.chargeKind,
    cost: formatMoney(r.cost),
    credits: formatMoney(r.creditsApplied),
    unit: r.unit,
    quantity: r.quantity && formatMoney(r.quantity),
    tokens: [r.inputTokens, r.outputTokens, r.cachedInputTokens, r.cacheWriteTokens],
    name: r.workspaceName,
  };

function mapPages(): { afterFirst: CostRecord[]; afterSecond: CostRecord[]; rest: CostRecord[] } {
  const acc = createVertexAccumulator();
  rowsOf(page1).forEach((row) => acc.add(row));
  const afterFirst = acc.flushBefore('2025-06-01');
  rowsOf(page2).forEach((row) => acc.add(row));
  const afterSecond = acc.flushBefore('2025-06-02');
  return { afterFirst, afterSecond, rest: acc.flushAll() };
}

describe('f/v decoding', () => {
  it('decodes rows by column name, ignoring an unknown column, NUMERIC and TIMESTAMP kept as text', () => {
    const [first] = rowsOf(page1);
    expect(first).toEqual({
      usage_day: '2025-06-01',
      project_id: 'ml-research-1234',
      project_name: 'ML Research',
      sku: 'Gemini 2.5 Flash GA Text Input - Predictions',
      cost_type: 'regular',
      usage_unit: 'count',
      pricing_unit: 'count',
      usage_amount: '120000',
      cost_usd: '0.036',
      credits_usd: '-0.01',
      exported_at: '1748833200000000',
    });
  });

  it('reads the envelope of the documented response but refuses its columns, which are not our query', () => {
    const page = ZQueryResultsPage.parse(doc);
    expect(page.jobReference).toEqual({ projectId: 'my-proj', jobId: 'job_abc', location: 'US' });
    expect(() => decodeRows(page)).toThrow(/usage_day/);
  });

  it.each([
    ['a float-seconds TIMESTAMP', { exported_at: '1.7172E9' }, /exported_at/],
    ['a float cost', { cost_usd: '1.2e-5' }, /cost_usd/],
    ['a bad day', { usage_day: '2025-13-01' }, /usage_day/],
  ])('rejects %s', (_, change, message) => {
    const page = ZQueryResultsPage.parse(page1);
    const names = page.schema!.fields.map((f) => f.name);
    const row = page.rows![0]!;
    const f = row.f.map((cell, i) =>
      names[i]! in change ? { v: (change as Record<string, string>)[names[i]!] } : cell,
    );
    expect(() => decodeRows({ ...page, rows: [{ f }] })).toThrow(message);
  });

  it('refuses rows without a schema', () => {
    expect(() => decodeRows({ rows: [{ f: [] }] })).toThrow(/schema/);
  });
});

describe('Vertex AI export mapping', () => {
  const { afterFirst, afterSecond, rest } = mapPages();
  const all = [...afterFirst, ...afterSecond, ...rest];
  const find = (day: string, project: string, model: string) =>
    all.find((r) => r.day === day && r.workspaceId === project && r.model === model);

  it('yields a day only once it is complete (rows arrive ordered by day, across pages)', () => {
    expect(afterFirst).toEqual([]);
    expect(new Set(afterSecond.map((r) => r.day))).toEqual(new Set(['2025-06-01']));
    expect(new Set(rest.map((r) => r.day))).toEqual(new Set(['2025-06-02']));
  });

  it('gives valid records, never repeating a grain', () => {
    for (const r of all) expect(ZCostRecord.safeParse(r).success).toBe(true);
    const keys = all.map(grainKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(all).toHaveLength(7);
  });

  it.each([
    // Input, cached input (a SKU with a leading space) and thinking output of one model; credits of every type summed.
    [
      '2025-06-01',
      'ml-research-1234',
      'gemini-2.5-flash',
      {
        kind: 'usage',
        cost: '0.114',
        credits: '0.085',
        unit: null,
        quantity: null,
        tokens: [160_000, 30_000, 40_000, null],
        name: 'ML Research',
      },
    ],
    // Gemini 1.5 was priced per character: its own unit, never tokens. A null credit sum is zero credit.
    [
      '2025-06-01',
      'ml-research-1234',
      'gemini-1.5-flash',
      {
        kind: 'usage',
        cost: '0.005',
        credits: '0',
        unit: 'characters',
        quantity: '250000',
        tokens: [null, null, null, null],
        name: 'ML Research',
      },
    ],
    [
      '2025-06-01',
      'ml-research-1234',
      'imagen-3',
      {
        kind: 'image',
        cost: '0.48',
        credits: '0.12',
        unit: 'images',
        quantity: '12',
        tokens: [null, null, null, null],
        name: 'ML Research',
      },
    ],
    // "Flash Lite" is not "Flash"; one day of it spans both pages.
    [
      '2025-06-01',
      'search-ranking-5678',
      'gemini-2.5-flash-lite',
      {
        kind: 'usage',
        cost: '0.12',
        credits: '0.005',
        unit: null,
        quantity: null,
        tokens: [1_000_000, 50_000, 0, null],
        name: 'Search Ranking',
      },
    ],
    [
      '2025-06-02',
      'ml-research-1234',
      'gemini-3-flash',
      {
        kind: 'usage',
        cost: '0.00125',
        credits: '0',
        unit: 'token-hours',
        quantity: '1250.5',
        tokens: [null, null, null, null],
        name: 'ML Research',
      },
    ],
    [
      '2025-06-02',
      'ml-research-1234',
      'other',
      {
        kind: 'usage',
        cost: '0.09',
        credits: '0',
        unit: 'count',
        quantity: '3',
        tokens: [null, null, null, null],
        name: 'ML Research',
      },
    ],
    // A tax row without a project or units: kept, as tax, with no quantities.
    [
      '2025-06-02',
      NO_PROJECT,
      'gemini-2.5-pro',
      {
        kind: 'tax_fee',
        cost: '0.5',
        credits: '0',
        unit: null,
        quantity: null,
        tokens: [null, null, null, null],
        name: null,
      },
    ],
  ])('%s %s %s', (day, project, model, expected) => {
    expect(view(find(day, project, model))).toEqual(expected);
  });

  it('keeps cost, credits and net exact', () => {
    expect(formatMoney(sumMoney(all.map((r) => r.cost)))).toBe('1.31025');
    expect(formatMoney(sumMoney(all.map((r) => r.creditsApplied)))).toBe('0.21');
    expect(formatMoney(sumMoney(all.map((r) => r.cost.sub(r.creditsApplied))))).toBe('1.10025');
  });

  it('never adds amounts across units: the same model in two units gives two records', () => {
    const acc = createVertexAccumulator();
    const base = rowsOf(page1)[0]!;
    acc.add(base);
    acc.add({
      ...base,
      sku: 'Gemini 2.5 Flash GA Input Text Caching Storage',
      usage_unit: 'token-hour',
      pricing_unit: 'token-hour',
      usage_amount: '10.5',
    });
    const records = acc.flushAll();
    expect(records.map((r) => [r.model, r.unit, r.quantity && formatMoney(r.quantity)])).toEqual([
      ['gemini-2.5-flash', null, null],
      ['gemini-2.5-flash', 'token-hours', '10.5'],
    ]);
  });

  it('turns a credit reversal into cost so net stays exact', () => {
    const acc = createVertexAccumulator();
    acc.add({ ...rowsOf(page1)[0]!, cost_usd: '1', credits_usd: '0.25' });
    expect(view(acc.flushAll()[0])).toMatchObject({ cost: '1.25', credits: '0' });
  });
});

describe('partner-model services', () => {
  const row = (service: string | null, sku: string) => ({
    usage_day: '2025-06-01',
    project_id: 'p',
    project_name: null,
    service,
    sku,
    cost_type: 'regular',
    usage_unit: 'count',
    pricing_unit: 'count',
    usage_amount: '1000',
    cost_usd: '0.5',
    credits_usd: '0',
    exported_at: null,
  });

  it('takes the model from the service when the SKU names only the token type', () => {
    const acc = createVertexAccumulator();
    acc.add(row('Claude Opus 4.1', 'Input Tokens'));
    acc.add(row('Claude Opus 4.1', 'Output Tokens'));
    const [record] = acc.flushAll();
    expect({ model: record?.model, tokens: [record?.inputTokens, record?.outputTokens] }).toEqual({
      model: 'claude-opus-4.1',
      tokens: [1000, 1000],
    });
  });

  it('keeps the SKU model when the SKU names one, and other when neither does', () => {
    const acc = createVertexAccumulator();
    acc.add(row('Gemini API', 'Generate content input token count Gemini 2.5 Flash'));
    acc.add(row('Some Marketplace Service', 'Input Tokens'));
    acc.add(row(null, 'Input Tokens'));
    expect(
      acc
        .flushAll()
        .map((r) => r.model)
        .sort(),
    ).toEqual(['gemini-2.5-flash', 'other']);
  });
});
