/** One part of an anomaly's delta (exact decimal strings from the API). */
export type AnomalyDriver = {
  dimension: 'WORKSPACE' | 'API_KEY' | 'MODEL';
  key: string | null;
  label: string;
  amount: string;
  share: string;
};

/** An anomaly as the feed shows it. */
export type Anomaly = {
  id: string;
  level: 'WORKSPACE' | 'API_KEY' | 'MODEL';
  provider: string | null;
  seriesKey: string;
  seriesLabel: string;
  day: string;
  kind: 'SPIKE' | 'DROP';
  severity: 'MEDIUM' | 'HIGH' | 'CRITICAL';
  expected: string;
  actual: string;
  delta: string;
  changeKind: 'VOLUME' | 'PRICE' | 'UNKNOWN';
  status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
  note: string | null;
  drivers: AnomalyDriver[];
  topDriver: { key: string | null; label: string } | null;
};

export const ANOMALIES = `query AnomalyFeed($filter: AnomalyFilterInput, $limit: Int) {
  anomalies(filter: $filter, limit: $limit) { total rows { id level provider seriesKey seriesLabel day kind severity expected actual delta
    changeKind status note drivers { dimension key label amount share } topDriver { key label } } } }`;

export const ACKNOWLEDGE = `mutation AcknowledgeAnomaly($id: ID!, $note: String) { acknowledgeAnomaly(id: $id, note: $note) { id status note } }`;

/** The variables of `ANOMALY_DAYS` for the chart's markers: open and acknowledged anomalies. */
export const ANOMALY_DAYS_VARIABLES = { filter: { status: ['OPEN', 'ACKNOWLEDGED'] } };

/** Open and acknowledged anomalies from `from` (for chart markers and row badges). */
export const ANOMALY_DAYS = `query AnomalyDays($filter: AnomalyFilterInput) {
  anomalies(filter: $filter, limit: 500) { rows { id level provider seriesKey day kind status } } }`;
