import type { DetectedAnomaly } from '../detect-anomalies';
import { topDriverOf } from '../anomaly-drivers';
import type { InjectedEvent } from './synthetic-spend';

/** How a detection run compares with the injected ground truth. */
export type DetectionScore = {
  /** Reported anomalies explained by an injected event. */
  precision: number;
  /** Injected events reported at their key's level on their day. */
  recall: number;
  /** Reported anomalies of spikes and price changes whose top driver is an injected key (or, for a key itself, its model). */
  driverAccuracy: number;
  /** The same anomalies classified right: a spike as volume, a price change as price. */
  changeKindAccuracy: number;
  anomalies: number;
  events: number;
};

/** True when `a` is the injected event `e` seen through one of the series that contain it. */
export function explains(e: InjectedEvent, a: DetectedAnomaly): boolean {
  if (a.day !== e.day || a.kind !== (e.kind === 'drop' ? 'drop' : 'spike')) return false;
  if (a.series.provider !== null && a.series.provider !== e.provider) return false;
  if (a.series.level === 'api_key') return a.series.key === e.apiKey;
  if (a.series.level === 'workspace') return a.series.key === e.workspace;
  return e.kind === 'drop' || a.series.key === e.model;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

/** Precision, recall and driver accuracy of `anomalies` against `events`. */
export function scoreDetection(
  events: readonly InjectedEvent[],
  anomalies: readonly DetectedAnomaly[],
): DetectionScore {
  const explained = anomalies.filter((a) => events.some((e) => explains(e, a)));
  const found = events.filter((e) => anomalies.some((a) => a.series.level === 'api_key' && explains(e, a)));
  // An anomaly several injected events explain (same day, same series) is right when it names any of them.
  const driven = explained
    .map((a) => ({ a, causes: events.filter((e) => e.kind !== 'drop' && explains(e, a)) }))
    .filter((x) => x.causes.length > 0);
  const rightDriver = driven.filter(({ a, causes }) =>
    causes.some((e) => topDriverOf(a.series, a.drivers)?.key === (a.series.level === 'api_key' ? e.model : e.apiKey)),
  );
  const rightKind = driven.filter(({ a, causes }) =>
    causes.some((e) => a.changeKind === (e.kind === 'spike' ? 'volume' : 'price')),
  );
  return {
    precision: ratio(explained.length, anomalies.length),
    recall: ratio(found.length, events.length),
    driverAccuracy: ratio(rightDriver.length, driven.length),
    changeKindAccuracy: ratio(rightKind.length, driven.length),
    anomalies: anomalies.length,
    events: events.length,
  };
}
