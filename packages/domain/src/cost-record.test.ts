import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, createCostRecord, grainKey } from './cost-record';
import { Money, ZERO } from './money';

describe('createCostRecord', () => {
  it('returns a valid record whose unreported fields are unknown (null), never zero', () => {
    const record = createCostRecord({
      provider: 'runway',
      day: '2026-03-15',
      model: 'gen4_turbo',
      chargeKind: 'usage',
      cost: new Money('2.5'),
    });
    expect(ZCostRecord.safeParse(record).success).toBe(true);
    expect([record.requests, record.inputTokens, record.apiKeyId, record.workspaceId, record.quantity]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(record.creditsApplied.eq(ZERO)).toBe(true);
    expect(record.currency).toBe('USD');
  });

  it('keeps every field it is given', () => {
    const record = createCostRecord({
      provider: 'fal',
      day: '2026-03-15',
      model: 'fal-ai/flux/dev',
      chargeKind: 'image',
      cost: new Money('10.3125'),
      unit: 'megapixels',
      quantity: new Money('412.5'),
      requests: 0,
    });
    expect(record).toMatchObject({ unit: 'megapixels', requests: 0 });
    expect(record.quantity?.toFixed()).toBe('412.5');
    expect(grainKey(record)).toBe(['2026-03-15', '', '', 'fal-ai/flux/dev', 'image', 'megapixels'].join('\u001f'));
  });
});

describe('refunds, discounts and billing currency', () => {
  const base = {
    provider: 'aws-bedrock',
    day: '2026-03-15',
    model: 'nova-pro',
    chargeKind: 'usage',
    cost: new Money('4'),
  } as const;

  it('accepts discounts within credits, refunds and a billing currency with its amount', () => {
    const record = createCostRecord({
      ...base,
      creditsApplied: new Money('1'),
      discounts: new Money('0.4'),
      discountKinds: 'EdpDiscount',
      refunds: new Money('1'),
      billingCurrency: 'EUR',
      billingCost: new Money('3.68'),
    });
    expect(ZCostRecord.safeParse(record).success).toBe(true);
  });

  it.each([
    ['discounts above credits', { creditsApplied: new Money('0.1'), discounts: new Money('0.2') }, /cannot exceed/],
    ['negative refunds', { refunds: new Money('-1') }, /refunds is a positive amount/],
    ['a currency that is not a code', { billingCurrency: 'euro' }, /Invalid/],
  ] as const)('refuses %s', (_name, fields, message) => {
    const parsed = ZCostRecord.safeParse(createCostRecord({ ...base, ...fields }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('; ')).toMatch(message);
  });
});
