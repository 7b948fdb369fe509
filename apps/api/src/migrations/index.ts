import { InitialSchema1795737600000 } from './1795737600000-initial-schema';
import { AuthAndEndpoints1795780800000 } from './1795780800000-auth-and-endpoints';
import { CostRollups1795867200000 } from './1795867200000-cost-rollups';
import { CostRecordAdjustments1795953600000 } from './1795953600000-cost-record-adjustments';
import { AttentionAndDeactivation1795954800000 } from './1795954800000-attention-and-deactivation';
import { BudgetsAndAlerts1795955400000 } from './1795955400000-budgets-and-alerts';
import { KeyRollupNoKey1795956000000 } from './1795956000000-key-rollup-no-key';
import { SettledDaysAndAnomalies1795960800000 } from './1795960800000-settled-days-and-anomalies';
import { AuditEvents1796400000000 } from './1796400000000-audit-events';
import { MonthlyCostRollups1796700000000 } from './1796700000000-monthly-cost-rollups';
import { AnomalyNotificationRoutes1797000000000 } from './1797000000000-anomaly-notification-routes';
import { MeteredUsageReconciliation1797200000000 } from './1797200000000-metered-usage-reconciliation';
import { CreditRunway1797300000000 } from './1797300000000-credit-runway';
import { AuthHardening1797500000000 } from './1797500000000-auth-hardening';
import { SingleSignOn1797600000000 } from './1797600000000-single-sign-on';
import { SyncRunJobId1797630000000 } from './1797630000000-sync-run-job-id';
import { CoarseCostRollups1797700000000 } from './1797700000000-coarse-cost-rollups';
import { SearchCostRollups1797800000000 } from './1797800000000-search-cost-rollups';
import { SearchTextIndex1797900000000 } from './1797900000000-search-text-index';
import { KeyRunningTotals1798000000000 } from './1798000000000-key-running-totals';
import { WorkspaceModelIndexes1798100000000 } from './1798100000000-workspace-model-indexes';
import { SearchValues1798200000000 } from './1798200000000-search-values';
import { SearchedCostOverTime1798300000000 } from './1798300000000-searched-cost-over-time';
import { SearchIndexes1798400000000 } from './1798400000000-search-indexes';
import { SearchPlaces1798500000000 } from './1798500000000-search-places';
import { WorkspaceModelIsoWeeks1798600000000 } from './1798600000000-workspace-model-iso-weeks';
import { SearchKeyPlaces1798700000000 } from './1798700000000-search-key-places';
import { MeteredKeyIndexes1798800000000 } from './1798800000000-metered-key-indexes';

/** Migrations in the order they run; add new ones at the end. */
export const MIGRATIONS = [
  InitialSchema1795737600000,
  AuthAndEndpoints1795780800000,
  CostRollups1795867200000,
  CostRecordAdjustments1795953600000,
  AttentionAndDeactivation1795954800000,
  BudgetsAndAlerts1795955400000,
  KeyRollupNoKey1795956000000,
  SettledDaysAndAnomalies1795960800000,
  AuditEvents1796400000000,
  MonthlyCostRollups1796700000000,
  AnomalyNotificationRoutes1797000000000,
  MeteredUsageReconciliation1797200000000,
  CreditRunway1797300000000,
  AuthHardening1797500000000,
  SingleSignOn1797600000000,
  SyncRunJobId1797630000000,
  CoarseCostRollups1797700000000,
  SearchCostRollups1797800000000,
  SearchTextIndex1797900000000,
  KeyRunningTotals1798000000000,
  WorkspaceModelIndexes1798100000000,
  SearchValues1798200000000,
  SearchedCostOverTime1798300000000,
  SearchIndexes1798400000000,
  SearchPlaces1798500000000,
  WorkspaceModelIsoWeeks1798600000000,
  SearchKeyPlaces1798700000000,
  MeteredKeyIndexes1798800000000,
];
