import { describe, expect, it } from '@jest/globals';
import { createLoginLimiter } from './login-limiter';

describe('createLoginLimiter', () => {
  const setup = () => {
    let now = 1_000_000;
    const limiter = createLoginLimiter({ perEmail: 2, perAddress: 3, windowMs: 60_000 }, () => now);
    return { limiter, advance: (ms: number) => { now += ms; } };
  };

  it('allows attempts until an email reaches its limit, then says how long to wait', () => {
    const { limiter, advance } = setup();
    limiter.recordFailure('a@x', '1.1.1.1');
    expect(limiter.retryAfter('a@x', '1.1.1.1')).toBe(0);
    limiter.recordFailure('a@x', '1.1.1.1');
    expect(limiter.retryAfter('a@x', '9.9.9.9')).toBe(60);
    advance(59_000);
    expect(limiter.retryAfter('a@x', '9.9.9.9')).toBe(1);
    advance(1_000);
    expect(limiter.retryAfter('a@x', '9.9.9.9')).toBe(0);
  });

  it('limits one address probing many emails', () => {
    const { limiter } = setup();
    for (const email of ['a@x', 'b@x', 'c@x']) limiter.recordFailure(email, '1.1.1.1');
    expect(limiter.retryAfter('d@x', '1.1.1.1')).toBe(60);
    expect(limiter.retryAfter('d@x', '2.2.2.2')).toBe(0);
  });

  it('clears an email\'s failures on success, but not its address\'s', () => {
    const { limiter } = setup();
    limiter.recordFailure('a@x', '1.1.1.1');
    limiter.recordFailure('b@x', '1.1.1.1');
    limiter.recordSuccess('a@x');
    limiter.recordFailure('a@x', '1.1.1.1');
    expect(limiter.retryAfter('a@x', '2.2.2.2')).toBe(0);
    expect(limiter.retryAfter('z@x', '1.1.1.1')).toBe(60);
  });
});
