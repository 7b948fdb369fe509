import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, formatMoney, sumMoney } from '@spendsync/domain';
import { isAdapterError } from '../../errors';
import { AZURE_OTHER_MODEL, mapQueryPage, mergeRecords, readUsageDate } from './map';
import { ZQueryWireBody, type QueryPage } from './raw';
import page1 from './fixtures/query-page-1.json';
import page2 from './fixtures/query-page-2.json';
import empty from './fixtures/query-empty.json';
import billedInEur from './fixtures/query-billed-in-eur.json';

const AOAI_PROD =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-ai/providers/microsoft.cognitiveservices/accounts/aoai-prod';

function pageOf(body: unknown): QueryPage {
  const page = ZQueryWireBody.parse(body).properties;
  if (!page) throw new Error('fixture has no properties');
  return page;
}

function row(
  cost: unknown,
  extra: Partial<Record<'UsageDate' | 'Currency' | 'Meter' | 'ResourceId' | 'CostUSD', unknown>> = {},
): QueryPage {
  const cells = {
    Cost: cost,
    UsageDate: 20250601,
    ResourceId: AOAI_PROD,
    Meter: 'gpt-4o-0806-Inp-glbl',
    Currency: 'USD',
    ...extra,
  };
  return {
    columns: Object.keys(cells).map((name) => ({ name, type: null })),
    rows: [Object.values(cells)],
    nextLink: null,
  };
}

function expectInvalid(fn: () => unknown, message: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(isAdapterError(error, 'INVALID_RESPONSE')).toBe(true);
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected INVALID_RESPONSE');
}

describe('mapQueryPage', () => {
  it('maps every row of the documented shape to a valid record, read by column name', () => {
    const { records, unclassifiedMeters } = mapQueryPage(pageOf(page1));
    expect(records).toHaveLength(4);
    for (const record of records) expect(ZCostRecord.safeParse(record).success).toBe(true);
    expect(records.map((r) => [r.day, r.model, r.chargeKind, formatMoney(r.cost)])).toEqual([
      ['2025-06-01', 'gpt-4o-0513', 'usage', '3.52415'],
      ['2025-06-01', 'gpt-4o-0513', 'usage', '1.026495'],
      ['2025-06-01', 'gpt-4o-mini-0718', 'usage', '0.00207345'],
      ['2025-06-01', AZURE_OTHER_MODEL, 'other', '12.5'],
    ]);
    expect(unclassifiedMeters).toEqual(new Set(['Provisioned Managed Global Unit']));
  });

  it('keeps one workspace per resource whatever the id casing, named after the account', () => {
    const { records } = mapQueryPage(pageOf(page1));
    expect(new Set(records.map((r) => r.workspaceId))).toEqual(new Set([AOAI_PROD]));
    expect(new Set(records.map((r) => r.workspaceName))).toEqual(new Set(['aoai-prod']));
  });

  it('reads PreTaxCost when the account answers with it, in another column order, with refunds and no resource', () => {
    const { records } = mapQueryPage(pageOf(page2));
    expect(records.map((r) => [r.workspaceName, r.model, formatMoney(r.cost)])).toEqual([
      ['aoai-eu', 'gpt-4.5-0227', '0.75'],
      [null, 'deepseek-r1', '0.1'],
      ['aoai-eu', 'gpt-5', '-0.2'],
    ]);
    expect(records[1]?.workspaceId).toBeNull();
  });

  it('leaves tokens, requests and credits unknown or zero as the query cannot tell them', () => {
    const [record] = mapQueryPage(pageOf(page1)).records;
    expect(record).toMatchObject({
      inputTokens: null,
      outputTokens: null,
      cachedInputTokens: null,
      requests: null,
      unit: null,
      quantity: null,
      apiKeyId: null,
    });
    expect(formatMoney(record!.creditsApplied)).toBe('0');
  });

  it('returns nothing for an empty page, even without columns (a 204)', () => {
    expect(mapQueryPage(pageOf(empty)).records).toEqual([]);
    expect(mapQueryPage({ columns: [], rows: [], nextLink: null }).records).toEqual([]);
  });

  it('rejects a row billed in another currency when the answer has no USD column: it never converts on its own', () => {
    expectInvalid(
      () => mapQueryPage(row(1, { Currency: 'EUR' })),
      /billed in "EUR".*without a CostUSD or PreTaxCostUSD column/,
    );
  });

  it('stores CostUSD as the cost and keeps the billed amount and currency alongside', () => {
    const [record] = mapQueryPage(row('0.92', { CostUSD: 1, Currency: 'eur' })).records;
    expect({
      cost: formatMoney(record!.cost),
      billingCurrency: record!.billingCurrency,
      billingCost: formatMoney(record!.billingCost!),
    }).toEqual({ cost: '1', billingCurrency: 'EUR', billingCost: '0.92' });
    expect(ZCostRecord.safeParse(record).success).toBe(true);
  });

  it('leaves the billing fields empty for a USD subscription even when CostUSD is present', () => {
    const [record] = mapQueryPage(row('2', { CostUSD: 2 })).records;
    expect(record!.billingCurrency).toBeUndefined();
    expect(record!.billingCost).toBeUndefined();
  });

  it('reads the PreTaxCost / PreTaxCostUSD pair (EA) billed in EUR and merges both currencies of one model exactly', () => {
    const merged = mergeRecords(mapQueryPage(pageOf(billedInEur)).records);
    expect(merged.map((r) => [r.model, formatMoney(r.cost), r.billingCurrency, formatMoney(r.billingCost!)])).toEqual([
      ['gpt-4o-0513', '4.550645', 'EUR', '4.18657'],
    ]);
  });

  it('refuses a merge across two billing currencies', () => {
    const usd = mapQueryPage(row('1', { CostUSD: 1 })).records;
    const eur = mapQueryPage(row('0.9', { CostUSD: 1, Currency: 'EUR' })).records;
    expectInvalid(() => mergeRecords([...usd, ...eur]), /two currencies/);
  });

  it('rejects a page without a cost column, naming what came back', () => {
    const page = row(1);
    expectInvalid(
      () => mapQueryPage({ ...page, columns: page.columns.map((c) => (c.name === 'Cost' ? { name: 'CostUSD' } : c)) }),
      /Cost or PreTaxCost.*got CostUSD/,
    );
  });

  it('reads a cost sent as decimal text', () => {
    expect(formatMoney(mapQueryPage(row('1.5')).records[0]!.cost)).toBe('1.5');
  });

  it.each([[null], ['abc'], [true]])('rejects the cost cell %j', (cost) => {
    expectInvalid(() => mapQueryPage(row(cost)), /not an amount/);
  });
});

describe('readUsageDate', () => {
  it.each([
    [20250601, '2025-06-01'],
    ['20241231', '2024-12-31'],
    ['2024-02-29T00:00:00', '2024-02-29'],
  ])('reads %j as %s', (value, day) => {
    expect(readUsageDate(value)).toBe(day);
  });

  it.each([[1748736000000], [20250230], ['June 1'], [null]])('rejects %j', (value) => {
    expectInvalid(() => readUsageDate(value), /UsageDate/);
  });
});

describe('mergeRecords', () => {
  it('sums the meters of one model, resource and day exactly and keeps other grains apart', () => {
    const records = [...mapQueryPage(pageOf(page1)).records, ...mapQueryPage(pageOf(page2)).records];
    const merged = mergeRecords(records);
    expect(merged).toHaveLength(6);
    const gpt4o = merged.find((r) => r.model === 'gpt-4o-0513');
    expect(formatMoney(gpt4o!.cost)).toBe('4.550645');
    expect(formatMoney(sumMoney(merged.map((r) => r.cost)))).toBe(formatMoney(sumMoney(records.map((r) => r.cost))));
  });
});
