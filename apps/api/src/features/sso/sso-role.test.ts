import { describe, expect, it } from '@jest/globals';
import { domainRuleOf, roleForNewUser, roleFromClaim } from './sso-role';

const rules = [
  { domain: 'example.com', role: 'admin' as const },
  { domain: 'partner.org', role: 'viewer' as const },
];

describe('roleFromClaim', () => {
  it.each<[unknown, string | null]>([
    ['admin', 'admin'],
    [' Viewer ', 'viewer'],
    [['spendsync-users', 'admin'], 'admin'],
    [['viewer'], 'viewer'],
    ['owner', null],
    [42, null],
    [undefined, null],
  ])('returns the role %j names', (value, role) => {
    expect(roleFromClaim(value)).toBe(role);
  });
});

describe('domainRuleOf', () => {
  it('returns the matching rule, any without rules, and null for another domain', () => {
    expect(domainRuleOf('a@Example.com', rules)).toEqual(rules[0]);
    expect(domainRuleOf('a@elsewhere.net', [])).toBe('any');
    expect(domainRuleOf('a@sub.example.com', rules)).toBeNull();
  });
});

describe('roleForNewUser', () => {
  it('returns the claimed role first, then the domain rule, then viewer', () => {
    const options = { roleClaim: 'role', allowedDomains: rules };
    expect(roleForNewUser({ role: 'viewer' }, 'a@example.com', options)).toBe('viewer');
    expect(roleForNewUser({}, 'a@example.com', options)).toBe('admin');
    expect(roleForNewUser({ role: 'owner' }, 'a@partner.org', options)).toBe('viewer');
    expect(roleForNewUser({ role: 'admin' }, 'a@x.net', { allowedDomains: [] })).toBe('viewer');
  });
});
