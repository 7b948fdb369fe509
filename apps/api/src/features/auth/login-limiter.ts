/**
 * How many failed logins are allowed per window: per account from one client address, and per
 * client address over all accounts. There is no limit per account alone: it would let anyone
 * lock any user out by failing on purpose.
 */
export type LoginLimits = { perAccount: number; perAddress: number; windowMs: number };

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 };

/** Failed-login bookkeeping for one process. */
export type LoginLimiter = {
  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(email: string, address: string): number;
  /** Counts a failed attempt against the account from this address, and against the address. */
  recordFailure(email: string, address: string): void;
  /** A successful login clears the account's failures from this address (not the address's: one address may probe many emails). */
  recordSuccess(email: string, address: string): void;
};

type Window = { failures: number; resetAt: number };

/**
 * Fixed-window counters of failed logins, in memory. With several API processes each counts
 * on its own, so the effective limit is multiplied by the number of processes: still a hard cap
 * on guessing, which is the point. Old windows are swept as new failures arrive.
 */
export function createLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now: () => number = Date.now): LoginLimiter {
  const windows = new Map<string, Window>();
  const live = (key: string): Window | undefined => {
    const window = windows.get(key);
    if (window && window.resetAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return window;
  };
  const wait = (key: string, limit: number) => {
    const window = live(key);
    return window && window.failures >= limit ? Math.ceil((window.resetAt - now()) / 1000) : 0;
  };
  const count = (key: string) => {
    const window = live(key) ?? { failures: 0, resetAt: now() + limits.windowMs };
    window.failures += 1;
    windows.set(key, window);
  };
  const sweep = () => {
    if (windows.size < 10_000) return;
    for (const key of [...windows.keys()]) live(key);
  };
  // JSON keeps an email that contains the separator from posing as another pair.
  const pair = (email: string, address: string) => `p:${JSON.stringify([address, email])}`;
  return {
    retryAfter: (email, address) => Math.max(wait(pair(email, address), limits.perAccount), wait(`a:${address}`, limits.perAddress)),
    recordFailure(email, address) {
      sweep();
      count(pair(email, address));
      count(`a:${address}`);
    },
    recordSuccess(email, address) {
      windows.delete(pair(email, address));
    },
  };
}
