import { describe, expect, it } from '@jest/globals';
import { checkEndpoint, endpointDeps } from './account-endpoint';

describe('checkEndpoint', () => {
  it.each<[string | null | undefined, boolean, string | null]>([
    [undefined, false, null],
    [null, false, null],
    ['  ', false, null],
    ['http://127.0.0.1:4010/', true, 'http://127.0.0.1:4010'],
    ['https://proxy.internal/v1', true, 'https://proxy.internal/v1'],
  ])('accepts %j (allowed: %s) as %j', (endpoint, allowed, expected) => {
    expect(checkEndpoint(endpoint, allowed)).toBe(expected);
  });

  it.each<[string, boolean, RegExp]>([
    ['http://127.0.0.1:4010', false, /turned off/],
    ['127.0.0.1:4010', true, /full URL/],
    ['not a url', true, /full URL/],
    ['ftp://host', true, /http:\/\/ or https:\/\//],
    ['https://user:pass@host', true, /credential fields/],
  ])('refuses %j (allowed: %s)', (endpoint, allowed, message) => {
    expect(() => checkEndpoint(endpoint, allowed)).toThrow(message);
  });
});

describe('endpointDeps', () => {
  it('points the adapter at the override only while custom endpoints are allowed', () => {
    expect(endpointDeps('http://sim', true)).toEqual({ baseUrl: 'http://sim' });
    expect(endpointDeps('http://sim', false)).toEqual({});
    expect(endpointDeps(null, true)).toEqual({});
  });
});
