import type { Day } from '@spendsync/domain';
import { buildApiKeyDashboardQuery } from '../dashboards/api-key-dashboard.service';
import type { DashboardFilter } from '../dashboards/dashboard-filter';
import type { DashboardQuery, RawRow } from '../dashboards/dashboard-db';
import { buildModelDashboardQuery, mapModelDashboardRow } from '../dashboards/model-dashboard.service';
import { buildProviderDashboardQuery, mapProviderDashboardRow } from '../dashboards/provider-dashboard.service';
import { buildWorkspaceDashboardQuery, mapWorkspaceDashboardRow } from '../dashboards/workspace-dashboard.service';
import { changeOf } from '../dashboards/dashboard-values';
import { csvCell, type CsvValue } from './csv-cell';
import { decimalText } from './decimal-text';
import { CSV_PRECISION, roundTo } from './csv-precision';

const { change, ratio, average, unitPrice } = CSV_PRECISION;

/** A dashboard as a CSV: the same query as the dashboard (unpaged), its header and each row's cells. */
export type CsvExport = {
  build(organizationId: string, filter: DashboardFilter, today: Day): DashboardQuery;
  header: readonly string[];
  /** One raw query row as CSV cells (decimals in full, text neutralized). */
  cells(raw: RawRow): string[];
};

function defineExport<Row>(
  build: CsvExport['build'],
  map: (raw: RawRow) => Row,
  columns: readonly (readonly [string, (row: Row) => CsvValue])[],
): CsvExport {
  return {
    build,
    header: columns.map(([name]) => name),
    cells: (raw) => {
      const row = map(raw);
      return columns.map(([, read]) => csvCell(read(row)));
    },
  };
}

function defineRawExport(
  build: CsvExport['build'],
  columns: readonly (readonly [string, (raw: RawRow) => string])[],
): CsvExport {
  return { build, header: columns.map(([name]) => name), cells: (raw) => columns.map(([, read]) => read(raw)) };
}

const providers = defineExport(buildProviderDashboardQuery, mapProviderDashboardRow, [
  ['providerAccountId', (r) => r.providerAccountId],
  ['provider', (r) => r.provider],
  ['label', (r) => r.label],
  ['spend', (r) => r.spend],
  ['previousSpend', (r) => r.previousSpend],
  ['spendChange', (r) => roundTo(r.spendChange, change)],
  ['credits', (r) => r.credits],
  ['previousCredits', (r) => r.previousCredits],
  ['net', (r) => r.net],
  ['previousNet', (r) => r.previousNet],
  ['netChange', (r) => roundTo(r.netChange, change)],
  ['metered', (r) => r.metered],
  ['previousMetered', (r) => r.previousMetered],
  ['coverage', (r) => roundTo(r.coverage, ratio)],
  ['previousCoverage', (r) => roundTo(r.previousCoverage, ratio)],
  ['status', (r) => r.status],
  ['lastError', (r) => r.lastError],
  ['lastSyncedAt', (r) => r.lastSyncedAt],
  ['dataCompleteThrough', (r) => r.dataCompleteThrough],
  ['expectedDelayHours', (r) => r.expectedDelayHours],
]);

const models = defineExport(buildModelDashboardQuery, mapModelDashboardRow, [
  ['provider', (r) => r.provider],
  ['model', (r) => r.model],
  ['unit', (r) => r.unit],
  ['cost', (r) => r.cost],
  ['previousCost', (r) => r.previousCost],
  ['costChange', (r) => roundTo(r.costChange, change)],
  ['credits', (r) => r.credits],
  ['net', (r) => r.net],
  ['inputTokens', (r) => r.inputTokens],
  ['outputTokens', (r) => r.outputTokens],
  ['cachedInputTokens', (r) => r.cachedInputTokens],
  ['requests', (r) => r.requests],
  ['averageTokensPerRequest', (r) => roundTo(r.averageTokensPerRequest, average)],
  ['costPerMillionTokens', (r) => roundTo(r.costPerMillionTokens, unitPrice)],
  ['quantity', (r) => r.quantity],
  ['costPerUnit', (r) => roundTo(r.costPerUnit, unitPrice)],
  ['isMostEfficient', (r) => r.isMostEfficient],
  ['imageCount', (r) => r.images?.count],
  ['costPerImage', (r) => roundTo(r.images?.costPerImage, unitPrice)],
  ['imageMix', (r) => (r.images ? JSON.stringify(r.images.mix) : null)],
]);

/** A numeric or count column as PostgreSQL wrote it, in `Money.toFixed()`'s form (`2.90` → `2.9`); empty when null. */
function figure(column: string) {
  return (raw: RawRow): string => decimalText(raw[column]) ?? '';
}

/** A text, day, boolean or timestamp column through {@link csvCell}. */
const cell =
  (column: string) =>
  (raw: RawRow): string =>
    csvCell(raw[column] as CsvValue);

/**
 * API keys can run to millions of rows, so their cells are read straight off the query row:
 * sums and counts as PostgreSQL wrote them (exact decimal text), flags already computed in SQL.
 * Only the change needs decimal arithmetic, and only when the previous cost is not zero.
 */
const apiKeys: CsvExport = defineRawExport(buildApiKeyDashboardQuery, [
  ['provider', cell('provider')],
  ['providerAccountId', cell('provider_account_id')],
  ['externalId', cell('external_id')],
  ['isUnattributed', cell('is_unattributed')],
  ['hint', cell('hint')],
  ['name', cell('name')],
  ['workspaceName', cell('workspace_name')],
  ['workspaceExternalId', cell('workspace_external_id')],
  ['cost', figure('cost')],
  ['previousCost', figure('previous_cost')],
  ['costChange', (raw) => csvCell(roundTo(changeOf(raw, 'cost', 'previous_cost'), change))],
  ['credits', figure('credits')],
  ['net', figure('net')],
  ['inputTokens', figure('input_tokens')],
  ['outputTokens', figure('output_tokens')],
  ['cachedInputTokens', figure('cached_input_tokens')],
  ['requests', figure('requests')],
  ['previousRequests', figure('previous_requests')],
  ['lastUsedAt', cell('last_used_at')],
  ['lastActiveDay', cell('last_active_day')],
  ['hasMeteredTraffic', cell('has_metered_traffic')],
  ['isUninstrumented', cell('is_uninstrumented')],
  ['isIdle', cell('is_idle')],
]);

const workspaces = defineExport(buildWorkspaceDashboardQuery, mapWorkspaceDashboardRow, [
  ['displayName', (r) => r.displayName],
  ['providers', (r) => r.providers.join(';')],
  ['memberCount', (r) => r.members.length],
  ['cost', (r) => r.cost],
  ['previousCost', (r) => r.previousCost],
  ['costChange', (r) => roundTo(r.costChange, change)],
  ['credits', (r) => r.credits],
  ['net', (r) => r.net],
  ['previousNet', (r) => r.previousNet],
  ['netChange', (r) => roundTo(r.netChange, change)],
  ['inputTokens', (r) => r.inputTokens],
  ['outputTokens', (r) => r.outputTokens],
  ['requests', (r) => r.requests],
]);

/** The exportable dashboards by URL name (`/export/<name>.csv`). */
export const CSV_EXPORTS = { providers, models, 'api-keys': apiKeys, workspaces } as const;

/** A dashboard that can be exported. */
export type CsvExportName = keyof typeof CSV_EXPORTS;
