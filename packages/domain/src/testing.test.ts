import { describe, expect, it } from '@jest/globals';
import { ZCostRecord } from './cost-record';
import { Money } from './money';
import { buildCostRecord, buildCredentials } from './testing';

describe('buildCostRecord', () => {
  it('returns a record that passes ZCostRecord', () => {
    expect(ZCostRecord.safeParse(buildCostRecord()).success).toBe(true);
  });

  it('applies overrides, including nulls for unknown values', () => {
    const record = buildCostRecord({ provider: 'anthropic', requests: null, cost: new Money('0.5'), apiKeyId: null });
    expect(record).toMatchObject({ provider: 'anthropic', requests: null, apiKeyId: null, model: 'gpt-4o-2024-08-06' });
    expect(record.cost.equals('0.5')).toBe(true);
    expect(ZCostRecord.safeParse(record).success).toBe(true);
  });
});

describe('buildCredentials', () => {
  it('returns a fresh copy each call, with overrides', () => {
    const a = buildCredentials('vertex-ai');
    a.serviceAccount.project_id = 'changed';
    expect(buildCredentials('vertex-ai').serviceAccount.project_id).toBe('spendsync-test');
    expect(buildCredentials('litellm', { baseUrl: 'http://127.0.0.1:9' }).baseUrl).toBe('http://127.0.0.1:9');
  });
});
