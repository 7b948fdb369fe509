import { describe, expect, it } from '@jest/globals';
import { hashToken, issueToken, tokenKind } from './token';

describe('issueToken', () => {
  it.each(['session', 'apiToken'] as const)('issues a random %s token with its hash and a hint', (kind) => {
    const a = issueToken(kind);
    const b = issueToken(kind);
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^ss[sk]_[\w-]{43}$/);
    expect(tokenKind(a.token)).toBe(kind);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hint).toBe(`${a.token.slice(0, 7)}...${a.token.slice(-4)}`);
  });

  it.each(['', 'Bearer x', 'sk-admin-123', 'sss', 'ssx_abc'])('gives no kind to %j', (text) => {
    expect(tokenKind(text)).toBeNull();
  });
});
