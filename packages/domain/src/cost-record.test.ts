import { describe, expect, it } from '@jest/globals';
import { ZCostRecord, createCostRecord, grainKey } from './cost-record';
import { Money, ZERO } from './money';

describe('createCostRecord', () => {
  it('returns a valid record whose unreported fields are unknown (null), never zero', () => {
    const record = createCostRecord({ provider: 'runway', day: '2026-03-15', model: 'gen4_turbo', chargeKind: 'usage', cost: new Money('2.5') });
    expect(ZCostRecord.safeParse(record).success).toBe(true);
    expect([record.requests, record.inputTokens, record.apiKeyId, record.workspaceId, record.quantity]).toEqual([null, null, null, null, null]);
    expect(record.creditsApplied.eq(ZERO)).toBe(true);
    expect(record.currency).toBe('USD');
  });

  it('keeps every field it is given', () => {
    const record = createCostRecord({ provider: 'fal', day: '2026-03-15', model: 'fal-ai/flux/dev', chargeKind: 'image', cost: new Money('10.3125'), unit: 'megapixels', quantity: new Money('412.5'), requests: 0 });
    expect(record).toMatchObject({ unit: 'megapixels', requests: 0 });
    expect(record.quantity?.toFixed()).toBe('412.5');
    expect(grainKey(record)).toBe(['2026-03-15', '', '', 'fal-ai/flux/dev', 'image', 'megapixels'].join('\u001f'));
  });
});
