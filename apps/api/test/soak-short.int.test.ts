import { existsSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { BUILT_CLI } from './support/serve-process';
import { runSoak, SOAK_SIZES } from './soak/soak-run';

// The short version of the fault and load suite (`pnpm test:soak` runs the full one; README
// "Fault and load suite"): real processes of the built CLI (`pnpm build` first) on a PostgreSQL
// server of the suite's own (not DATABASE_URL's), restarted mid-sync, an API process SIGKILLed,
// a simulator gone mid-page, dashboard load and 100 subscribers. It asserts the hard invariants
// and reports the rest (error rate, p95), which depend on the machine's load.
jest.setTimeout(600_000);

describe('fault and load suite, short version', () => {
  it('leaves no process crashed, no run stuck, every total exact to the cent, no duplicates, and every subscriber served', async () => {
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run pnpm build first (this test runs it)`);
    const report = await runSoak(SOAK_SIZES.short, (line) => process.stderr.write(`${line}\n`));
    process.stderr.write(`${JSON.stringify(report)}\n`);
    expect({
      runsStuck: report.runsStuck,
      centsOff: report.centsOff,
      duplicates: report.duplicates,
      mismatches: report.mismatches,
      subscribersLost: report.subscribers.lost,
      processesDied: report.processesDied,
    }).toEqual({ runsStuck: 0, centsOff: 0, duplicates: 0, mismatches: [], subscribersLost: 0, processesDied: [] });
    expect(report.subscribers.gotFinal + report.subscribers.resumable).toBe(report.subscribers.subscribers);
    expect(Object.values(report.finalRuns)).toHaveLength(9);
    expect(new Set(Object.values(report.finalRuns))).toEqual(new Set(['succeeded']));
  });
});
