import type { PubSub } from '../../pubsub/pubsub';
import type { AnomalyTopicMap } from '../anomalies/anomaly.topics';
import { BUDGET_TOPICS, type BudgetAlertFired } from '../budgets/budget.topics';
import type { SyncRunTopicMap } from '../sync-runs/sync-run.topics';
import type { SyncJobTopicMap } from './sync-job.topics';

/** Payload type of each topic on the shared pub/sub: sync runs, plus the anomalies a finished sync finds. */
export type SyncTopicMap = SyncRunTopicMap & {
  /** Budget alerts share the pub/sub (issue 15). */
  [BUDGET_TOPICS.ALERT_FIRED]: BudgetAlertFired;
} & AnomalyTopicMap &
  SyncJobTopicMap;

/** The pub/sub the sync engine publishes on (in-process or PostgreSQL-backed). */
export type SyncPubSub = PubSub<SyncTopicMap>;
