import { describe, expect, it } from '@jest/globals';
import { parseMoney } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import { RECORD_FIELDS, formatRecordLine } from './format-record';

describe('formatRecordLine', () => {
  it('returns the documented keys in order, money as exact decimal strings', () => {
    const line = formatRecordLine(
      buildCostRecord({
        cost: parseMoney('0.1').add('0.2'),
        creditsApplied: parseMoney('1e-7'),
        quantity: parseMoney('2.50'),
        unit: 'images',
      }),
    );
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([...RECORD_FIELDS]);
    expect(parsed).toMatchObject({ cost: '0.3', creditsApplied: '0.0000001', quantity: '2.5', unit: 'images' });
  });

  it('keeps unknown values null, never 0', () => {
    const parsed = JSON.parse(
      formatRecordLine(buildCostRecord({ requests: null, inputTokens: null, quantity: null, unit: null })),
    );
    expect(parsed).toMatchObject({ requests: null, inputTokens: null, quantity: null, unit: null });
  });
});
