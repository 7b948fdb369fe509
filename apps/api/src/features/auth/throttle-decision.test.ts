import { describe, expect, it } from '@jest/globals';
import { decideAttempt, type ThrottleState } from './throttle-decision';

const MIN = 60_000;
const timing = { windowMs: 10 * MIN, lockMs: MIN, maxLockMs: 8 * MIN };
const at = (ms: number) => new Date(1_000_000_000_000 + ms);
const fresh = (): ThrottleState => ({ attempts: 0, windowEndsAt: at(timing.windowMs), lockedUntil: null, lockouts: 0 });

/** Attempts one after another at `ms`, returning each wait (0: allowed) and the last state. */
function run(state: ThrottleState, times: number, ms: number) {
  const waits: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const decision = decideAttempt(state, 3, timing, at(ms));
    waits.push(decision.retryAfterSeconds);
    state = decision.state;
  }
  return { waits, state };
}

describe('decideAttempt', () => {
  it('counts attempts up to the limit, then locks and refuses until the lock ends', () => {
    const { waits, state } = run(fresh(), 5, 0);
    expect(waits).toEqual([0, 0, 0, 60, 60]);
    expect(decideAttempt(state, 3, timing, at(59_000)).retryAfterSeconds).toBe(1);
    expect(decideAttempt(state, 3, timing, at(MIN)).retryAfterSeconds).toBe(0);
  });

  it('doubles each further lock (exponential backoff) up to the longest lock', () => {
    let state = fresh();
    let now = 0;
    const locks: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      const result = run(state, 4, now);
      locks.push(result.waits[3]!);
      state = result.state;
      now = state.lockedUntil!.getTime() - at(0).getTime();
    }
    expect(locks).toEqual([60, 120, 240, 480, 480, 480]);
  });

  it('forgets earlier locks once a window passes well after the last one ended', () => {
    const locked = run(fresh(), 4, 0).state;
    const later = timing.windowMs + timing.maxLockMs + MIN;
    expect(run(locked, 4, later).waits).toEqual([0, 0, 0, 60]);
    expect(run(locked, 4, 2 * MIN).waits).toEqual([0, 0, 0, 120]);
  });
});
