import type { Day, ThresholdKind } from '@spendsync/domain';

/** Budget events on the shared pub/sub (GraphQL: `alertFired`). */
export const BUDGET_TOPICS = { ALERT_FIRED: 'BUDGET_ALERT_FIRED' } as const;

/** A threshold fired (or recovered); JSON-safe, amounts as decimal text. */
export type BudgetAlertFired = {
  eventId: string;
  organizationId: string;
  budgetId: string;
  budgetName: string;
  /** `fired` when the threshold was reached, `recovered` when a re-sync took spend back below it. */
  change: 'fired' | 'recovered';
  thresholdKind: ThresholdKind;
  thresholdPercent: number;
  periodStart: Day;
  periodEnd: Day;
  budgetAmount: string;
  spent: string;
  forecast: string | null;
  at: string;
};

/** Payload type of each budget topic. */
export type BudgetTopicMap = { [BUDGET_TOPICS.ALERT_FIRED]: BudgetAlertFired };
