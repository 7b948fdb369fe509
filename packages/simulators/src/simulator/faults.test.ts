import { describe, expect, it } from '@jest/globals';
import { createFaultState } from './faults';

const decideMany = (state: ReturnType<typeof createFaultState>, path: string, n: number) =>
  Array.from({ length: n }, () => state.decide(path).kind);

describe('createFaultState', () => {
  it('answers nothing special without faults', () => {
    const state = createFaultState();
    expect(state.decide('/x')).toEqual({ kind: 'none' });
    expect(state.delayFor('/x')).toBe(0);
    expect(state.isEndless('/x')).toBe(false);
  });

  it('uses up counted rate limits, defaulting Retry-After to 1 s', () => {
    const state = createFaultState();
    state.set({ rateLimit: { count: 2 } });
    expect(state.decide('/x')).toEqual({ kind: 'rate-limit', retryAfterSeconds: 1 });
    expect(state.decide('/x')).toEqual({ kind: 'rate-limit', retryAfterSeconds: 1 });
    expect(state.decide('/x')).toEqual({ kind: 'none' });
  });

  it.each([
    [{ count: 1, retryAfterSeconds: null }, null],
    [{ count: 1, retryAfterSeconds: 0 }, 0],
    [{ count: 1, retryAfterSeconds: 30 }, 30],
  ])('passes Retry-After %j through as %j', (rateLimit, expected) => {
    const state = createFaultState();
    state.set({ rateLimit });
    expect(state.decide('/x')).toEqual({ kind: 'rate-limit', retryAfterSeconds: expected });
  });

  it('serves rate limits, then server errors, then malformed bodies', () => {
    const state = createFaultState();
    state.set({ rateLimit: { count: 1 }, serverError: { count: 2, status: 502 }, malformed: { count: 1 } });
    expect(decideMany(state, '/x', 5)).toEqual(['rate-limit', 'server-error', 'server-error', 'malformed', 'none']);
  });

  it('defaults server errors to 503', () => {
    const state = createFaultState();
    state.set({ serverError: { count: 1 } });
    expect(state.decide('/x')).toEqual({ kind: 'server-error', status: 503 });
  });

  it('applies faults only to matching paths, without using them up elsewhere', () => {
    const state = createFaultState();
    state.set({ serverError: { count: 1 }, slowMs: 40, endlessCursor: true, path: /costs/ });
    expect(state.decide('/projects')).toEqual({ kind: 'none' });
    expect([state.delayFor('/projects'), state.isEndless('/projects')]).toEqual([0, false]);
    expect([state.delayFor('/v1/costs'), state.isEndless('/v1/costs')]).toEqual([40, true]);
    expect(decideMany(state, '/v1/costs', 2)).toEqual(['server-error', 'none']);
  });

  it('skips `after` matching requests before counted faults start', () => {
    const state = createFaultState();
    state.set({ malformed: { count: 1 }, after: 2, path: /costs/ });
    expect(state.decide('/other').kind).toBe('none');
    expect(decideMany(state, '/costs', 4)).toEqual(['none', 'none', 'malformed', 'none']);
  });

  it('replaces faults on set (restarting `after`) and removes them on clear', () => {
    const state = createFaultState();
    const spec = { rateLimit: { count: 1 }, after: 1 };
    state.set(spec);
    expect(state.decide('/x').kind).toBe('none');
    state.set(spec);
    expect(decideMany(state, '/x', 2)).toEqual(['none', 'rate-limit']);
    expect(spec.rateLimit.count).toBe(1);
    state.set({ serverError: { count: 5 }, endlessCursor: true });
    state.clear();
    expect([state.decide('/x').kind, state.isEndless('/x'), state.current]).toEqual(['none', false, {}]);
  });
});
