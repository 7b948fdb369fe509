import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, formatMoney, grainKey, sumMoney, type CostRecord } from '@spendsync/domain';
import credit from './fixtures/cost-and-usage-credit.json';
import discount from './fixtures/cost-and-usage-discount.json';
import marketplace from './fixtures/cost-and-usage-marketplace.json';
import refund from './fixtures/cost-and-usage-refund.json';
import usage from './fixtures/cost-and-usage-usage.json';
import dimensionValues from './fixtures/dimension-values-service.json';
import { GENERAL_MODEL, OTHER_MODEL, createBedrockAccumulator, tokenCount } from './map';
import { ZGetCostAndUsageOutput, ZGetDimensionValuesOutput } from './raw';
import { isBedrockModelService } from './usage-type';

const page = (json: unknown) => ZGetCostAndUsageOutput.parse(json);
const find = (records: CostRecord[], account: string, model: string) =>
  records.find((r) => r.workspaceId === account && r.model === model);
const view = (r: CostRecord | undefined) =>
  r && {
    chargeKind: r.chargeKind,
    cost: formatMoney(r.cost),
    credits: formatMoney(r.creditsApplied),
    name: r.workspaceName,
    tokens: [r.inputTokens, r.outputTokens, r.cachedInputTokens, r.cacheWriteTokens],
  };

function mapAll(): CostRecord[] {
  const acc = createBedrockAccumulator();
  acc.add('Amazon Bedrock', 'usage', page(usage));
  acc.add('Claude 3.5 Sonnet (Amazon Bedrock Edition)', 'usage', page(marketplace));
  acc.add('Amazon Bedrock', 'credit', page(credit));
  return acc.records();
}

describe('Bedrock Cost Explorer mapping', () => {
  const records = mapAll();

  it('parses the fixtures, ignoring unknown fields', () => {
    expect(page(usage).ResultsByTime).toHaveLength(2);
    expect(page(marketplace).NextPageToken).toBe('AAMA-EXAMPLE-TOKEN');
    expect(
      ZGetDimensionValuesOutput.parse(dimensionValues)
        .DimensionValues.map((v) => v.Value)
        .filter((v) => isBedrockModelService(v ?? '')),
    ).toEqual([
      'Amazon Bedrock',
      'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
      'Claude Sonnet 4.6 (Amazon Bedrock Edition)',
    ]);
  });

  it('gives one valid record per (day, account, model), never repeating a grain', () => {
    for (const r of records) expect(ZCostRecord.safeParse(r).success).toBe(true);
    const keys = records.map(grainKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(records.map((r) => `${r.workspaceId} ${r.model}`)).toEqual([
      `123456789012 ${GENERAL_MODEL}`,
      '123456789012 claude-sonnet-3.5',
      '123456789012 claude-sonnet-4.6',
      '123456789012 nova-pro',
      `123456789012 ${OTHER_MODEL}`,
      `210987654321 ${GENERAL_MODEL}`,
      '210987654321 gpt-oss-120b',
    ]);
  });

  it.each([
    // Four token types; input includes cache reads and writes. A model-scoped credit lands on the model.
    [
      '123456789012',
      'claude-sonnet-4.6',
      {
        chargeKind: 'usage',
        cost: '2.685',
        credits: '0.5',
        name: 'Research',
        tokens: [800_000, 50_000, 200_000, 100_000],
      },
    ],
    [
      '123456789012',
      'nova-pro',
      { chargeKind: 'usage', cost: '0.3096', credits: '0', name: 'Research', tokens: [339_000, 12_000, 0, 0] },
    ],
    // Marketplace units of 1M tokens; the model comes from the service name.
    [
      '123456789012',
      'claude-sonnet-3.5',
      { chargeKind: 'usage', cost: '5.7', credits: '0', name: 'Research', tokens: [1_490_000, 100_000, 100_000, 0] },
    ],
    // No model in the usage type: kept, in the `other` bucket, tokens unknown.
    [
      '123456789012',
      OTHER_MODEL,
      { chargeKind: 'usage', cost: '1.95', credits: '0', name: 'Research', tokens: [null, null, null, null] },
    ],
    // A quantity whose unit is N/A is unknown, not zero.
    [
      '210987654321',
      'gpt-oss-120b',
      { chargeKind: 'usage', cost: '0.00015', credits: '0', name: 'Production', tokens: [null, 0, 0, 0] },
    ],
    // Credits scoped to the service (empty or generic usage type) go to bedrock-general.
    [
      '123456789012',
      GENERAL_MODEL,
      { chargeKind: 'credit', cost: '0', credits: '2.25', name: 'Research', tokens: [null, null, null, null] },
    ],
    [
      '210987654321',
      GENERAL_MODEL,
      { chargeKind: 'credit', cost: '0', credits: '0.75', name: 'Production', tokens: [null, null, null, null] },
    ],
  ])('%s %s', (account, model, expected) => {
    expect(view(find(records, account, model))).toEqual(expected);
  });

  it('keeps the totals of the pages exactly: cost, credits and net', () => {
    expect(formatMoney(sumMoney(records.map((r) => r.cost)))).toBe('10.64475');
    expect(formatMoney(sumMoney(records.map((r) => r.creditsApplied)))).toBe('3.5');
    expect(formatMoney(sumMoney(records.map((r) => r.cost.sub(r.creditsApplied))))).toBe('7.14475');
  });

  it('merges a day split across pages and both service spellings into one record', () => {
    const acc = createBedrockAccumulator();
    const [first, ...rest] = page(usage).ResultsByTime ?? [];
    const groups = first?.Groups ?? [];
    acc.add('Amazon Bedrock', 'usage', { ResultsByTime: [{ ...first!, Groups: groups.slice(0, 3) }] });
    acc.add('Amazon Bedrock', 'usage', { ResultsByTime: [{ ...first!, Groups: groups.slice(3) }, ...rest] });
    acc.add('Claude Sonnet 4.6 (Amazon Bedrock Edition)', 'usage', page(marketplace));
    const claude = acc.records().filter((r) => r.model === 'claude-sonnet-4.6');
    expect(claude).toHaveLength(1);
    expect(view(claude[0])).toMatchObject({ cost: '8.385', tokens: [2_290_000, 150_000, 300_000, 100_000] });
  });

  it('turns a net credit reversal into cost so net stays exact', () => {
    const acc = createBedrockAccumulator();
    acc.add(
      'Amazon Bedrock',
      'credit',
      page({
        ResultsByTime: [
          {
            TimePeriod: { Start: '2025-06-01' },
            Groups: [{ Keys: ['1', ''], Metrics: { UnblendedCost: { Amount: '0.4', Unit: 'USD' } } }],
          },
        ],
      }),
    );
    expect(view(acc.records()[0])).toMatchObject({ cost: '0.4', credits: '0' });
  });

  it('refuses amounts in another currency', () => {
    const acc = createBedrockAccumulator();
    const eur = page({
      ResultsByTime: [
        {
          TimePeriod: { Start: '2025-06-01' },
          Groups: [
            { Keys: ['1', 'USE1-NovaPro-input-tokens'], Metrics: { UnblendedCost: { Amount: '1', Unit: 'EUR' } } },
          ],
        },
      ],
    });
    expect(() => acc.add('Amazon Bedrock', 'usage', eur)).toThrow(/EUR/);
  });
});

describe('Bedrock refunds and discounts', () => {
  const acc = createBedrockAccumulator();
  acc.add('Amazon Bedrock', 'usage', page(usage));
  acc.add('Amazon Bedrock', 'credit', page(credit));
  acc.add('Amazon Bedrock', 'refund', page(refund));
  acc.add('Amazon Bedrock', 'discount', page(discount));
  acc.add(
    'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
    'discount',
    page({
      ResultsByTime: [
        {
          TimePeriod: { Start: '2025-06-01' },
          Groups: [
            { Keys: ['123456789012', 'BundledDiscount'], Metrics: { UnblendedCost: { Amount: '-0.2', Unit: 'USD' } } },
          ],
        },
      ],
    }),
  );
  const records = acc.records().filter((r) => r.day === '2025-06-01');
  const adjusted = (account: string, model: string) => {
    const r = find(records, account, model);
    return (
      r && {
        cost: formatMoney(r.cost),
        credits: formatMoney(r.creditsApplied),
        refunds: r.refunds && formatMoney(r.refunds),
        discounts: r.discounts && formatMoney(r.discounts),
        kinds: r.discountKinds,
        kind: r.chargeKind,
      }
    );
  };

  it('subtracts a refund from the cost of its model on its day and names it', () => {
    const before = find(
      mapAll().filter((r) => r.day === '2025-06-01'),
      '123456789012',
      'nova-pro',
    );
    expect(before && formatMoney(before.cost)).toBe('0.3096');
    expect(adjusted('123456789012', 'nova-pro')).toEqual({
      cost: '0.2096',
      credits: '0',
      refunds: '0.1',
      discounts: undefined,
      kinds: undefined,
      kind: 'usage',
    });
    // A refund with no model lands on bedrock-general as (negative) usage cost, next to its credit.
    expect(adjusted('210987654321', GENERAL_MODEL)).toEqual({
      cost: '-1.2',
      credits: '0.75',
      refunds: '1.2',
      discounts: undefined,
      kinds: undefined,
      kind: 'usage',
    });
  });

  it('adds discounts to credits applied at the service (or Marketplace model) grain, with their kinds named', () => {
    expect(adjusted('123456789012', GENERAL_MODEL)).toEqual({
      cost: '0',
      credits: '2.6',
      refunds: undefined,
      discounts: '0.35',
      kinds: 'EdpDiscount, SavingsPlanNegation',
      kind: 'credit',
    });
    expect(adjusted('123456789012', 'claude-sonnet-3.5')).toEqual({
      cost: '0',
      credits: '0.2',
      refunds: undefined,
      discounts: '0.2',
      kinds: 'BundledDiscount',
      kind: 'credit',
    });
  });

  it('keeps net = cost − creditsApplied exactly over usage, credits, refunds and discounts', () => {
    for (const r of records) expect(ZCostRecord.safeParse(r).success).toBe(true);
    const all = acc.records();
    // Page sums: usage 4.94475 (no Marketplace usage here) − refunds 1.3; credits 3.5 + discounts 0.55.
    expect(formatMoney(sumMoney(all.map((r) => r.cost)))).toBe('3.64475');
    expect(formatMoney(sumMoney(all.map((r) => r.creditsApplied)))).toBe('4.05');
  });
});

describe('token units', () => {
  it('counts no tokens for a unit it does not know and reports the unit', () => {
    const acc = createBedrockAccumulator();
    acc.add(
      'Amazon Bedrock',
      'usage',
      page({
        ResultsByTime: [
          {
            TimePeriod: { Start: '2025-06-01' },
            Groups: [
              {
                Keys: ['1', 'USE1-NovaPro-input-tokens'],
                Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' }, UsageQuantity: { Amount: '5', Unit: 'Units' } },
              },
              {
                Keys: ['1', 'USE1-NovaPro-output-tokens'],
                Metrics: {
                  UnblendedCost: { Amount: '1', Unit: 'USD' },
                  UsageQuantity: { Amount: '5', Unit: '1K tokens' },
                },
              },
            ],
          },
        ],
      }),
    );
    expect(view(acc.records()[0])?.tokens).toEqual([null, 5000, 0, 0]);
    expect([...acc.unknownUnits()]).toEqual([['Units', 1]]);
  });
});

describe('tokenCount', () => {
  it.each([
    ['339', '1K tokens', 339_000],
    ['1.39', '1M tokens', 1_390_000],
    ['0.0004', '1K tokens', 0],
    ['12345', 'Tokens', 12_345],
    ['5', 'N/A', null],
    [undefined, '1K tokens', null],
  ])('%s %s -> %s', (amount, unit, expected) => expect(tokenCount(amount, unit)).toBe(expected));
});
