import { describe, expect, it } from '@jest/globals';
import { ZAwsBedrockCredentials } from './aws-bedrock';

const valid = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'eu-west-1',
};
const issuesOf = (input: unknown) =>
  ZAwsBedrockCredentials.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('ZAwsBedrockCredentials', () => {
  it('accepts a long-term key and keeps its region', () => {
    expect(ZAwsBedrockCredentials.parse(valid)).toEqual(valid);
  });

  it.each([undefined, null, '', '  '])('defaults the region to us-east-1 when it is %p', (region) => {
    expect(ZAwsBedrockCredentials.parse({ ...valid, region }).region).toBe('us-east-1');
  });

  it('accepts a temporary key with its session token', () => {
    const temp = { ...valid, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken: 'FwoGZXIvYXdzEJr//////////wEaDH' };
    expect(ZAwsBedrockCredentials.parse(temp)).toEqual(temp);
  });

  it.each([
    [
      { accessKeyId: 'ABSKQmVkcm9ja0FQSUtleS1hYmMxMjM=' },
      'accessKeyId',
      /Bedrock API key \(ABSK…\).*only work for the Bedrock runtime.*IAM access key.*ce:GetCostAndUsage/,
    ],
    [{ secretAccessKey: 'ABSKQmVkcm9ja0FQSUtleS1hYmMxMjM=' }, 'secretAccessKey', /Bedrock API key \(ABSK…\)/],
    [{ accessKeyId: 'AKIDTEST' }, 'accessKeyId', /not an IAM access key ID \(AKIA… .* ASIA…/],
    [{ accessKeyId: 'akiaiosfodnn7example' }, 'accessKeyId', /not an IAM access key ID/],
    [{ accessKeyId: 'AKIA123' }, 'accessKeyId', /not an IAM access key ID/],
    [{ region: 'us-east' }, 'region', /AWS region code such as us-east-1/],
    [{ region: 'US-EAST-1' }, 'region', /AWS region code/],
    [{ region: 'cn-north-1' }, 'region', /cn-north-1 is in the AWS China partition, which is not supported/],
    [{ region: 'us-gov-west-1' }, 'region', /AWS GovCloud partition/],
    [{ region: 'us-iso-east-1' }, 'region', /AWS ISO partition/],
    [{ region: 'eusc-de-east-1' }, 'region', /European Sovereign Cloud/],
    [{ secretAccessKey: '' }, 'secretAccessKey', /secretAccessKey is empty/],
    [{ sessionToken: 'FwoGZXIvYXdzEJr' }, 'sessionToken', /only used with temporary keys \(ASIA…\)/],
    [
      { accessKeyId: 'ASIAIOSFODNN7EXAMPLE' },
      'sessionToken',
      /sessionToken is required with a temporary access key \(ASIA…\)/,
    ],
  ])('rejects %p on %s', (change, field, message) => {
    const issues = issuesOf({ ...valid, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.[0]).toBe(field);
    expect(issues[0]?.[1]).toMatch(message);
  });

  it('reports every missing field at once', () => {
    expect(issuesOf({}).map(([field]) => field)).toEqual(['accessKeyId', 'secretAccessKey']);
  });
});
