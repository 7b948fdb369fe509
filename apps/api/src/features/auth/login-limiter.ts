/** How many failed logins are allowed per window, per email and per client address. */
export type LoginLimits = { perEmail: number; perAddress: number; windowMs: number };

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perEmail: 5, perAddress: 30, windowMs: 15 * 60_000 };

/** Failed-login bookkeeping for one process. */
export type LoginLimiter = {
  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(email: string, address: string): number;
  /** Counts a failed attempt against both the email and the address. */
  recordFailure(email: string, address: string): void;
  /** A successful login clears the email's failures (not the address's: one address may probe many emails). */
  recordSuccess(email: string): void;
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
  return {
    retryAfter: (email, address) => Math.max(wait(`e:${email}`, limits.perEmail), wait(`a:${address}`, limits.perAddress)),
    recordFailure(email, address) {
      sweep();
      count(`e:${email}`);
      count(`a:${address}`);
    },
    recordSuccess(email) {
      windows.delete(`e:${email}`);
    },
  };
}
