import { InitialSchema1795737600000 } from './1795737600000-initial-schema';
import { AuthAndEndpoints1795780800000 } from './1795780800000-auth-and-endpoints';
import { CostRollups1795867200000 } from './1795867200000-cost-rollups';
import { SettledDaysAndAnomalies1795960800000 } from './1795960800000-settled-days-and-anomalies';

/** Migrations in the order they run; add new ones at the end. */
export const MIGRATIONS = [InitialSchema1795737600000, AuthAndEndpoints1795780800000, CostRollups1795867200000,
  SettledDaysAndAnomalies1795960800000];
