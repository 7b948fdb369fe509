import type { OverviewFilter } from './overview-filter';
import { filterToParams, toDashboardFilterInput, type DashboardFilterInput } from './overview-url';
import { fromProviderEnum } from './providers';

/** Billed vs metered with the gap by cause (the API's `spendsyncReconciliation`). */
export const RECONCILIATION = `query Reconciliation($filter: DashboardFilterInput) {
  spendsyncReconciliation(filter: $filter) {
    period { start end }
    billed credits net metered gap coverage meteredLinesWithoutCost
    causes {
      cause label amount entityCount
      entities { kind provider apiKeyId providerAccountId keyLabel model day amount }
    }
    days { day billed credits net metered gap provisional }
  }
}`;

export type ReconciliationEntity = {
  kind: 'API_KEY' | 'MODEL' | 'PROVIDER' | 'DAY';
  provider: string;
  apiKeyId: string | null;
  providerAccountId: string | null;
  keyLabel: string | null;
  model: string | null;
  day: string | null;
  amount: string;
};
export type ReconciliationCause = {
  cause: string;
  label: string;
  amount: string;
  entityCount: number;
  entities: ReconciliationEntity[];
};
export type ReconciliationDay = {
  day: string;
  billed: string;
  credits: string;
  net: string;
  metered: string;
  gap: string;
  provisional: boolean;
};
export type Reconciliation = {
  period: { start: string; end: string };
  billed: string;
  credits: string;
  net: string;
  metered: string;
  gap: string;
  coverage: string | null;
  meteredLinesWithoutCost: number;
  causes: ReconciliationCause[];
  days: ReconciliationDay[];
};

/** The Overview filter as the reconciliation's: providers, workspaces, period, search (no sort, cost range, paging). */
export function reconciliationFilter(filter: OverviewFilter): DashboardFilterInput {
  return toDashboardFilterInput({ ...filter, costMin: null, costMax: null, sort: null });
}

/** The CSV export of the reconciliation with the same filter. */
export function reconciliationExportPath(filter: OverviewFilter, rows: 'days' | 'causes'): string {
  const params = filterToParams({ ...filter, costMin: null, costMax: null, sort: null });
  if (rows === 'causes') params.set('rows', 'causes');
  const query = params.toString();
  return `/export/reconciliation.csv${query ? `?${query}` : ''}`;
}

/**
 * Where an entity behind a cause is listed: a key on the API Keys tab, a model on the Models tab,
 * each filtered to it (its provider, searched by hint or model name) over the same period; null
 * for providers, days and traffic with no key.
 */
export function entityPath(entity: ReconciliationEntity, filter: OverviewFilter): string | null {
  const search = entity.kind === 'API_KEY' ? entity.keyLabel : entity.kind === 'MODEL' ? entity.model : null;
  if (!search) return null;
  const providers = [fromProviderEnum(entity.provider)];
  const params = filterToParams({ ...filter, providers, search, costMin: null, costMax: null, sort: null });
  return `/overview/${entity.kind === 'API_KEY' ? 'api-keys' : 'models'}?${params.toString()}`;
}
