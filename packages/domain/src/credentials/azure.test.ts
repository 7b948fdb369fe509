import { describe, expect, it } from '@jest/globals';
import { ZAzureCredentials } from './azure';

const valid = {
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: '66666666-7777-8888-9999-000000000000',
  clientSecret: 'Abc8Q~TestSecretValue.0123456789abcdefghij',
  subscriptionId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
};
const issuesOf = (input: unknown) =>
  ZAzureCredentials.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('ZAzureCredentials', () => {
  it('accepts a service principal and lower-cases its GUIDs', () => {
    expect(ZAzureCredentials.parse({ ...valid, subscriptionId: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE' })).toEqual(
      valid,
    );
  });

  it.each([
    ['EA', 'EA'],
    ['MCA', 'MCA'],
    ['PAYG', 'PAYG'],
    ['', undefined],
  ])('reads agreement %p as %p', (agreement, expected) => {
    expect(ZAzureCredentials.parse({ ...valid, agreement }).agreement).toBe(expected);
  });

  it('rejects an unknown agreement with a message that says what to give', () => {
    expect(issuesOf({ ...valid, agreement: 'CSP' })).toEqual([
      ['agreement', expect.stringContaining('PAYG, EA or MCA')],
    ]);
  });

  it.each([
    ['AzurePublicCloud', 'AzurePublicCloud'],
    ['AzureCloud', 'AzurePublicCloud'],
    ['', undefined],
    [undefined, undefined],
  ])('reads cloud %p as %p', (cloud, expected) => {
    expect(ZAzureCredentials.parse({ ...valid, cloud }).cloud).toBe(expected);
  });

  it.each(['AzureGovernment', 'AzureChina', 'AzureGermany', 'AzureUSGovernment', 'AzureChinaCloud'])(
    'rejects the sovereign cloud %s',
    (cloud) => {
      expect(issuesOf({ ...valid, cloud })).toEqual([
        ['cloud', `cloud ${cloud} is a sovereign cloud; sovereign clouds are not supported: use AzurePublicCloud`],
      ]);
    },
  );

  it.each([
    [{ cloud: 'AzureStack' }, 'cloud', /cloud must be AzurePublicCloud/],
    [
      { tenantId: 'contoso.onmicrosoft.com' },
      'tenantId',
      /tenantId must be a GUID.*Microsoft Entra ID → Overview → Tenant ID/,
    ],
    [{ clientId: '66666666777788889999000000000000' }, 'clientId', /clientId must be a GUID.*App registrations/],
    [{ subscriptionId: 'sub-1' }, 'subscriptionId', /subscriptionId must be a GUID.*Subscriptions → Subscription ID/],
    [
      { clientSecret: '0f0e0d0c-0b0a-0908-0706-050403020100' },
      'clientSecret',
      /looks like the secret's ID, not its value.*Certificates & secrets/,
    ],
    [{ clientSecret: undefined }, 'clientSecret', /clientSecret is required/],
  ])('rejects %p on %s', (change, field, message) => {
    const issues = issuesOf({ ...valid, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.[0]).toBe(field);
    expect(issues[0]?.[1]).toMatch(message);
  });
});
