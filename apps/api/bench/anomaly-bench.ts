/**
 * bench:anomalies — generates a seeded synthetic organization of 1,000,000 daily spend rows
 * (three providers, 216 keys × 12 models, weekly seasonality, growth, noise) with injected
 * spikes, lasting price changes and silences, runs the anomaly detector over every day that has
 * 28 days of history, and prints one JSON line: precision, recall and driver accuracy against
 * the ground truth, and the detector's time in ms. Not a test (pnpm test runs a small version).
 */
import { performance } from 'node:perf_hooks';
import { addDays } from '@spendsync/domain';
import { DEFAULT_ANOMALY_THRESHOLDS } from '../src/features/anomalies/anomaly-thresholds';
import { detectAnomalies } from '../src/features/anomalies/detect-anomalies';
import { scoreDetection } from '../src/features/anomalies/synthetic/score-detection';
import { generateSyntheticSpend, type SyntheticOptions } from '../src/features/anomalies/synthetic/synthetic-spend';

const RECORDS = Number(process.env.BENCH_ANOMALY_RECORDS ?? 1_000_000);
const SHAPE = { providers: 3, workspacesPerProvider: 6, keysPerWorkspace: 12, modelsPerProvider: 16, modelsPerKey: 12 };
const perDay = SHAPE.providers * SHAPE.workspacesPerProvider * SHAPE.keysPerWorkspace * SHAPE.modelsPerKey;
// A few percent more days than RECORDS / perDay: silenced keys stop producing rows.
const options: SyntheticOptions = {
  seed: 2026,
  start: '2025-01-01',
  days: Math.ceil((RECORDS / perDay) * 1.03),
  ...SHAPE,
  spikes: 30,
  priceChanges: 15,
  drops: 15,
};

const { rows, events } = generateSyntheticSpend(options);
const end = addDays(options.start, options.days);
const started = performance.now();
const anomalies = detectAnomalies({
  rows,
  historyStart: options.start,
  evaluate: { start: addDays(options.start, 28), end },
  settledThrough: { openai: end, anthropic: end, 'aws-bedrock': end },
  thresholds: DEFAULT_ANOMALY_THRESHOLDS,
});
const ms = Math.round(performance.now() - started);
const score = scoreDetection(events, anomalies);
const round = (x: number) => Math.round(x * 1000) / 1000;
process.stdout.write(
  `${JSON.stringify({
    precision: round(score.precision),
    recall: round(score.recall),
    driverAccuracy: round(score.driverAccuracy),
    changeKindAccuracy: round(score.changeKindAccuracy),
    ms,
    records: rows.length,
    anomalies: score.anomalies,
    events: score.events,
  })}\n`,
);
