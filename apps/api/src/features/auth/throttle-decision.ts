/** A counter of password attempts as stored (see LoginThrottle). */
export type ThrottleState = { attempts: number; windowEndsAt: Date; lockedUntil: Date | null; lockouts: number };

/** The window and backoff every counter uses. */
export type ThrottleTiming = { windowMs: number; lockMs: number; maxLockMs: number };

/** What one more attempt does to a counter: allowed (counted), or refused for some seconds. */
export type ThrottleDecision = { state: ThrottleState; retryAfterSeconds: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * One more attempt against a counter with `limit` attempts per window. While locked, refused
 * unchanged. Past the limit, locked for `lockMs`, doubled with every lock before (exponential
 * backoff, at most `maxLockMs`); the lock count is forgotten once a window passes more than
 * `maxLockMs` after the last lock ended. Otherwise counted and allowed (retryAfterSeconds 0).
 */
export function decideAttempt(
  current: ThrottleState,
  limit: number,
  timing: ThrottleTiming,
  now: Date,
): ThrottleDecision {
  const t = now.getTime();
  if (current.lockedUntil && current.lockedUntil.getTime() > t) {
    return { state: current, retryAfterSeconds: seconds(current.lockedUntil.getTime() - t) };
  }
  let state = current;
  if (state.windowEndsAt.getTime() <= t) {
    const forgiven = !state.lockedUntil || state.lockedUntil.getTime() <= t - timing.maxLockMs;
    const lockouts = forgiven ? 0 : state.lockouts;
    state = { attempts: 0, windowEndsAt: new Date(t + timing.windowMs), lockedUntil: state.lockedUntil, lockouts };
  }
  if (state.attempts + 1 > limit) {
    const lockMs = Math.min(timing.maxLockMs, timing.lockMs * 2 ** Math.min(state.lockouts, 30));
    const lockedUntil = new Date(t + lockMs);
    const locked = { attempts: 0, windowEndsAt: lockedUntil, lockedUntil, lockouts: state.lockouts + 1 };
    return { state: locked, retryAfterSeconds: seconds(lockMs) };
  }
  return { state: { ...state, attempts: state.attempts + 1 }, retryAfterSeconds: 0 };
}
