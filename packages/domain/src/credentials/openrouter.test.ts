import { describe, expect, it } from '@jest/globals';
import { ZOpenRouterCredentials } from './openrouter';

const API = `sk-or-v1-${'a1'.repeat(32)}`;
const MGMT = `sk-or-v1-${'b2'.repeat(32)}`;
const issuesOf = (input: unknown) =>
  ZOpenRouterCredentials.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('ZOpenRouterCredentials', () => {
  it.each([
    [{ apiKey: API }, { apiKey: API }],
    [
      { apiKey: API, provisioningKey: MGMT },
      { apiKey: API, provisioningKey: MGMT },
    ],
    [
      { apiKey: API, managementKey: MGMT },
      { apiKey: API, provisioningKey: MGMT },
    ],
    [
      { apiKey: API, managementKey: MGMT, provisioningKey: MGMT },
      { apiKey: API, provisioningKey: MGMT },
    ],
    [{ apiKey: API, provisioningKey: '', managementKey: null }, { apiKey: API }],
  ])('reads %p as %p', (input, expected) => {
    expect(ZOpenRouterCredentials.parse(input)).toStrictEqual(expected);
  });

  it.each([
    [{ apiKey: 'sk-proj-abc' }, 'apiKey', /apiKey is not an OpenRouter key \(sk-or-v1-…\)/],
    [
      { apiKey: API, managementKey: 'mgmt-123' },
      'managementKey',
      /managementKey is not an OpenRouter key.*Management Keys/,
    ],
    [{ apiKey: API, provisioningKey: 'sk-or-v1-' }, 'provisioningKey', /provisioningKey is not an OpenRouter key/],
    [
      { apiKey: API, provisioningKey: MGMT, managementKey: API },
      'managementKey',
      /same setting but hold different keys/,
    ],
    [{}, 'apiKey', /apiKey is required/],
  ])('rejects %p on %s', (input, field, message) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.[0]).toBe(field);
    expect(issues[0]?.[1]).toMatch(message);
  });
});
