import { describe, expect, it } from '@jest/globals';
import { startScheduler } from './scheduler';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('startScheduler', () => {
  it('fires the job on the cron expression, survives a failing tick, and stops', async () => {
    let ticks = 0;
    const errors: string[] = [];
    const scheduler = startScheduler({
      expression: '* * * * * *',
      tick: async () => {
        ticks++;
        if (ticks === 1) throw new Error('first tick fails');
      },
      logger: { ...silent, error: (_fields: object, message: string) => errors.push(message) },
    });
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    await scheduler.stop();
    const seen = ticks;
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual(['A scheduled sync tick failed; the schedule continues']);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(ticks).toBe(seen);
  });
});
