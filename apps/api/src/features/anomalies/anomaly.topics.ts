/** The anomalies feature's pub/sub topic (GraphQL: `anomalyDetected`). */
export const ANOMALY_TOPICS = {
  DETECTED: 'ANOMALY_DETECTED',
} as const;

/** A new (or re-opened) anomaly; the subscription loads it by id within the subscriber's organization. */
export type AnomalyDetectedEvent = { organizationId: string; anomalyId: string };

/** Payload type of each anomaly topic. */
export type AnomalyTopicMap = { [ANOMALY_TOPICS.DETECTED]: AnomalyDetectedEvent };
