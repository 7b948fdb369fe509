import { describe, expect, it } from '@jest/globals';
import { createLoginLimiter } from './login-limiter';

describe('createLoginLimiter', () => {
  const setup = () => {
    let now = 1_000_000;
    const limiter = createLoginLimiter({ perAccount: 2, perAddress: 3, windowMs: 60_000 }, () => now);
    return { limiter, advance: (ms: number) => { now += ms; } };
  };

  it('allows attempts until an account reaches its limit from one address, then says how long to wait', () => {
    const { limiter, advance } = setup();
    limiter.recordFailure('a@x', '1.1.1.1');
    expect(limiter.retryAfter('a@x', '1.1.1.1')).toBe(0);
    limiter.recordFailure('a@x', '1.1.1.1');
    expect(limiter.retryAfter('a@x', '1.1.1.1')).toBe(60);
    advance(59_000);
    expect(limiter.retryAfter('a@x', '1.1.1.1')).toBe(1);
    advance(1_000);
    expect(limiter.retryAfter('a@x', '1.1.1.1')).toBe(0);
  });

  it('does not let one address lock an account out for another address (regression: one client locked out the admin)', () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i += 1) limiter.recordFailure('admin@x', '6.6.6.6');
    expect(limiter.retryAfter('admin@x', '6.6.6.6')).toBe(60);
    expect(limiter.retryAfter('admin@x', '1.1.1.1')).toBe(0);
  });

  it('limits one address probing many emails', () => {
    const { limiter } = setup();
    for (const email of ['a@x', 'b@x', 'c@x']) limiter.recordFailure(email, '1.1.1.1');
    expect(limiter.retryAfter('d@x', '1.1.1.1')).toBe(60);
    expect(limiter.retryAfter('d@x', '2.2.2.2')).toBe(0);
  });

  it('clears an account\'s failures from the address on success, but not the address\'s', () => {
    const { limiter } = setup();
    limiter.recordFailure('a@x', '1.1.1.1');
    limiter.recordFailure('b@x', '1.1.1.1');
    limiter.recordSuccess('a@x', '1.1.1.1');
    limiter.recordFailure('a@x', '1.1.1.1');
    expect(limiter.retryAfter('a@x', '2.2.2.2')).toBe(0);
    expect(limiter.retryAfter('z@x', '1.1.1.1')).toBe(60);
  });
});
