import { describe, expect, it } from '@jest/globals';
import { addDays } from '@spendsync/domain';
import { detectionSlices } from './anomaly-detection.job';
import { DEFAULT_ANOMALY_THRESHOLDS } from './anomaly-thresholds';
import { detectAnomalies, type DetectInput } from './detect-anomalies';
import { generateSyntheticSpend } from './synthetic/synthetic-spend';

describe('detectionSlices', () => {
  it('covers the judged days once, in passes, each reading the history its days need', () => {
    expect(detectionSlices({ start: '2026-03-01', end: '2026-04-10' }, 28)).toEqual([
      { evaluate: { start: '2026-03-01', end: '2026-03-29' }, historyStart: '2026-02-01' },
      { evaluate: { start: '2026-03-29', end: '2026-04-10' }, historyStart: '2026-02-22' },
    ]);
    expect(detectionSlices({ start: '2026-03-01', end: '2026-03-01' })).toEqual([]);
  });

  // Lasting price changes flag day after day: their episodes cross the passes' boundaries.
  const start = '2026-01-01';
  const end = addDays(start, 150);
  const { rows } = generateSyntheticSpend({
    seed: 19,
    start,
    days: 150,
    providers: 2,
    workspacesPerProvider: 2,
    keysPerWorkspace: 6,
    modelsPerProvider: 4,
    modelsPerKey: 2,
    spikes: 10,
    priceChanges: 6,
    drops: 4,
  });
  const context: Omit<DetectInput, 'rows' | 'historyStart' | 'evaluate'> = {
    settledThrough: { openai: end, anthropic: end },
    thresholds: DEFAULT_ANOMALY_THRESHOLDS,
  };
  const evaluate = { start: addDays(start, 28), end };
  const onePass = detectAnomalies({ rows, historyStart: start, evaluate, ...context });

  it.each([28, 10, 3])('finds in passes of %i days exactly what one pass over all days finds', (sliceDays) => {
    const passes = detectionSlices(evaluate, sliceDays).flatMap((slice) =>
      detectAnomalies({
        rows: rows.filter((r) => r.day >= slice.historyStart && r.day < slice.evaluate.end),
        historyStart: slice.historyStart,
        evaluate: slice.evaluate,
        ...context,
      }),
    );
    expect(onePass.length).toBeGreaterThan(10);
    const text = (found: typeof onePass) => found.map((a) => JSON.stringify(a)).sort();
    expect(text(passes)).toEqual(text(onePass));
  });
});
