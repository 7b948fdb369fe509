import { describe, expect, it } from '@jest/globals';
import { ZFalCredentials, splitFalKey } from './fal';

describe('ZFalCredentials', () => {
  it.each([
    '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d:0123456789abcdef0123456789abcdef',
    'abc123def456:sk_live_abc123def456xyz789',
  ])('accepts the key %p', (apiKey) => {
    expect(ZFalCredentials.parse({ apiKey })).toEqual({ apiKey });
  });

  it.each([
    ['0123456789abcdef0123456789abcdef', /no colon.*key_id:key_secret.*ADMIN key.*fal\.ai dashboard → Keys/],
    [':0123456789abcdef', /both parts/],
    ['abc123:', /both parts/],
  ])('rejects %p with guidance', (apiKey, message) => {
    const issues = ZFalCredentials.safeParse({ apiKey }).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['apiKey']);
    expect(issues[0]?.message).toMatch(message);
    expect(issues[0]?.message).not.toContain('0123456789abcdef');
  });
});

describe('splitFalKey', () => {
  it.each([
    ['id-1:secret', { keyId: 'id-1', keySecret: 'secret' }],
    ['id-1:sec:ret', { keyId: 'id-1', keySecret: 'sec:ret' }],
    ['nocolon', { keyId: '', keySecret: 'nocolon' }],
  ])('splits %p', (apiKey, expected) => {
    expect(splitFalKey(apiKey)).toEqual(expected);
  });
});
