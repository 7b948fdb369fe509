import { describe, expect, it } from '@jest/globals';
import { addDays, Money, sumMoney } from '@spendsync/domain';
import { topDriverOf } from '../anomaly-drivers';
import { DEFAULT_ANOMALY_THRESHOLDS } from '../anomaly-thresholds';
import { detectAnomalies } from '../detect-anomalies';
import { scoreDetection } from './score-detection';
import { generateSyntheticSpend, type SyntheticOptions } from './synthetic-spend';

const OPTIONS: SyntheticOptions = {
  seed: 16,
  start: '2026-01-01',
  days: 120,
  providers: 2,
  workspacesPerProvider: 3,
  keysPerWorkspace: 10,
  modelsPerProvider: 5,
  modelsPerKey: 3,
  spikes: 8,
  priceChanges: 4,
  drops: 4,
};

describe('detectAnomalies on seeded synthetic spend', () => {
  const { rows, events } = generateSyntheticSpend(OPTIONS);
  const end = addDays(OPTIONS.start, OPTIONS.days);
  const anomalies = detectAnomalies({
    rows,
    historyStart: OPTIONS.start,
    evaluate: { start: addDays(OPTIONS.start, 28), end },
    settledThrough: { openai: end, anthropic: end },
    thresholds: DEFAULT_ANOMALY_THRESHOLDS,
  });
  const score = scoreDetection(events, anomalies);

  it('returns precision and recall of at least 0.9 against the injected ground truth', () => {
    expect(events).toHaveLength(16);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.changeKindAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('names the injected model as the top driver of every spiked key', () => {
    for (const e of events.filter((x) => x.kind === 'spike')) {
      const at = anomalies.find((a) => a.series.level === 'api_key' && a.series.key === e.apiKey && a.day === e.day);
      expect({ e, top: at && topDriverOf(at.series, at.drivers)?.key }).toEqual({ e, top: e.model });
    }
    expect(score.driverAccuracy).toBe(1);
  });

  it('returns drivers that sum exactly to the delta in every dimension', () => {
    for (const a of anomalies) {
      for (const dimension of new Set(a.drivers.map((d) => d.dimension))) {
        const sum = sumMoney(a.drivers.filter((d) => d.dimension === dimension).map((d) => d.amount));
        expect(sum.eq(a.delta)).toBe(true);
        expect(a.drivers.filter((d) => d.dimension === dimension && d.key !== null).length).toBeLessThanOrEqual(5);
      }
    }
  });

  it('reports a key that went silent as a drop', () => {
    for (const e of events.filter((x) => x.kind === 'drop')) {
      const at = anomalies.find((a) => a.series.level === 'api_key' && a.series.key === e.apiKey && a.day === e.day);
      expect(at && [at.kind, at.actual.toString()]).toEqual(['drop', '0']);
    }
  });

  it('judges only settled days', () => {
    const settledThrough = { openai: addDays(end, -30), anthropic: end };
    const found = detectAnomalies({
      rows,
      historyStart: OPTIONS.start,
      evaluate: { start: addDays(OPTIONS.start, 28), end },
      settledThrough,
      thresholds: DEFAULT_ANOMALY_THRESHOLDS,
    });
    expect(found.some((a) => a.series.provider === 'openai' && a.day >= settledThrough.openai)).toBe(false);
    expect(found.some((a) => a.series.provider === null && a.day >= settledThrough.openai)).toBe(false);
    expect(found.some((a) => a.series.provider === 'anthropic' && a.day >= settledThrough.openai)).toBe(true);
  });

  it('finds nothing when the minimum is above every change', () => {
    const thresholds = { ...DEFAULT_ANOMALY_THRESHOLDS, minCost: new Money(1e9) };
    expect(
      detectAnomalies({
        rows,
        historyStart: OPTIONS.start,
        evaluate: { start: addDays(OPTIONS.start, 28), end },
        settledThrough: { openai: end, anthropic: end },
        thresholds,
      }),
    ).toEqual([]);
  });
});

describe('detectAnomalies with a provider linked later', () => {
  it('never judges a day without 28 known days before it (earlier days are unknown, not zero)', () => {
    const o: SyntheticOptions = { ...OPTIONS, days: 70, spikes: 0, priceChanges: 0, drops: 0 };
    const { rows } = generateSyntheticSpend(o);
    const lateStart = addDays(o.start, 30);
    const late = rows.filter((r) => r.provider === 'openai' || r.day >= lateStart);
    const end = addDays(o.start, o.days);
    const args = {
      rows: late,
      historyStart: o.start,
      evaluate: { start: addDays(o.start, 28), end },
      settledThrough: { openai: end, anthropic: end },
      thresholds: DEFAULT_ANOMALY_THRESHOLDS,
    };
    expect(detectAnomalies(args).some((a) => a.series.provider !== 'openai')).toBe(true);
    const found = detectAnomalies({ ...args, knownFrom: { openai: o.start, anthropic: lateStart } });
    expect(found.filter((a) => a.series.provider !== 'openai' && a.day < addDays(lateStart, 28))).toEqual([]);
  });
});
