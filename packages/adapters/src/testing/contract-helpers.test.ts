import { describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { AdapterError } from '../errors';
import {
  catchAdapterError,
  collectSecrets,
  createCapturingLogger,
  errorTexts,
  findSecretLeaks,
  sumRecords,
} from './contract-helpers';
import type { CostRecord } from '@spendsync/domain';

describe('collectSecrets', () => {
  it('takes strings of 6+ chars under secret-like keys, recursively and inside JSON text', () => {
    const serviceAccount = JSON.stringify({
      type: 'service_account',
      private_key: '-----BEGIN KEY-----abc',
      private_key_id: 'kid123456',
      client_email: 'a@b.iam',
      token_uri: 'https://oauth2/token',
    });
    const secrets = collectSecrets(
      { apiKey: 'sk-admin-abcdef', baseUrl: 'http://127.0.0.1:1234', short: { apiKey: 'abc' } },
      { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI', region: 'us-east-1' },
      { serviceAccount, table: 'proj.ds.table' },
      { tenantId: 'tenant-1', clientSecret: 'azure-secret', nested: { credentials: { value: 'deep-value' } } },
    );
    expect(secrets.sort()).toEqual([
      '-----BEGIN KEY-----abc',
      'AKIAEXAMPLE',
      'azure-secret',
      'deep-value',
      'kid123456',
      'sk-admin-abcdef',
      'wJalrXUtnFEMI',
    ]);
  });
});

describe('errorTexts', () => {
  it('lists the message of an error, its causes and aggregated errors', () => {
    const error = new AdapterError('openai', 'AUTH_FAILED', 'outer', {
      cause: new AggregateError([new Error('one')], 'many', { cause: 'plain' }),
    });
    expect(errorTexts(error)).toEqual(['AdapterError: outer', 'AggregateError: many', 'Error: one', 'plain']);
  });
});

describe('findSecretLeaks', () => {
  it('names leaked secrets by position without quoting them', () => {
    expect(findSecretLeaks(['ok', 'key=sk-123456 bad'], ['nothere', 'sk-123456'])).toEqual([
      { secret: 'secret #2 (9 chars)', text: 'key=<SECRET> bad' },
    ]);
  });
});

describe('catchAdapterError', () => {
  it('returns the AdapterError of the expected code', async () => {
    const error = await catchAdapterError(Promise.reject(new AdapterError('openai', 'ABORTED', 'x')), 'ABORTED');
    expect(error.code).toBe('ABORTED');
  });

  it.each([
    [Promise.resolve(1), /got success/],
    [Promise.reject(new Error('plain')), /got Error: plain/],
  ])('fails for anything but an AdapterError', async (promise, message) => {
    await expect(catchAdapterError(promise)).rejects.toThrow(message);
  });
});

describe('createCapturingLogger and sumRecords', () => {
  it('captures lines with their fields', () => {
    const logger = createCapturingLogger();
    logger.warn('retry', { n: 1 });
    logger.debug('plain');
    expect(logger.lines).toEqual(['warn retry {"n":1}', 'debug plain']);
  });

  it('sums cost and credits exactly', () => {
    const records = [
      { cost: new Money('0.1'), creditsApplied: new Money('0.05') },
      { cost: new Money('0.2'), creditsApplied: new Money(0) },
    ] as CostRecord[];
    const totals = sumRecords(records);
    expect([totals.cost.toFixed(), totals.credits.toFixed()]).toEqual(['0.3', '0.05']);
  });
});
