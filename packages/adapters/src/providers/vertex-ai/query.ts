import { startOfDay, type DayRange } from '@spendsync/domain';

/** Vertex AI in the billing export: `service.description` [field], or its service id. */
export const VERTEX_SERVICE = 'Vertex AI';
export const VERTEX_SERVICE_ID = 'C7E2-9256-1C43';

// Same rule as the credential schema; checked again here because the name is spliced into SQL.
const TABLE = /^[a-z][a-z0-9-]*[a-z0-9]\.[A-Za-z0-9_]+\.[A-Za-z0-9_-]+$/;

/** The result columns, in order; the simulator answers with exactly these. */
export const RESULT_COLUMNS = [
  ['usage_day', 'DATE'],
  ['project_id', 'STRING'],
  ['project_name', 'STRING'],
  ['sku', 'STRING'],
  ['cost_type', 'STRING'],
  ['usage_unit', 'STRING'],
  ['pricing_unit', 'STRING'],
  ['usage_amount', 'NUMERIC'],
  ['cost_usd', 'NUMERIC'],
  ['credits_usd', 'NUMERIC'],
  ['exported_at', 'TIMESTAMP'],
] as const;

/** Converts a billing-currency amount to USD: exact for USD accounts, `÷ currency_conversion_rate` otherwise. */
const usd = (amount: string) => `IF(currency = 'USD', CAST(${amount} AS NUMERIC), CAST(${amount} AS NUMERIC) / CAST(currency_conversion_rate AS NUMERIC))`;

/**
 * Daily Vertex AI cost per project, SKU, cost type and unit over [@start, @end). Only the table
 * name is spliced in (validated, backtick-quoted); the window comes in as TIMESTAMP parameters.
 * Amounts are summed as NUMERIC (the export's FLOAT64 would drift), credits over every credit
 * type (they are negative), and usage is never added across units.
 */
export function buildVertexQuery(table: string): string {
  if (!TABLE.test(table)) throw new Error('billingTable is not a project.dataset.table name');
  return [
    'SELECT',
    '  DATE(usage_start_time) AS usage_day,',
    '  project.id AS project_id,',
    '  ANY_VALUE(project.name) AS project_name,',
    '  TRIM(sku.description) AS sku,',
    '  cost_type,',
    '  usage.unit AS usage_unit,',
    '  usage.pricing_unit AS pricing_unit,',
    '  SUM(CAST(usage.amount AS NUMERIC)) AS usage_amount,',
    `  SUM(${usd('cost')}) AS cost_usd,`,
    `  SUM(IFNULL((SELECT SUM(${usd('c.amount')}) FROM UNNEST(credits) AS c), 0)) AS credits_usd,`,
    '  MAX(export_time) AS exported_at',
    `FROM \`${table}\``,
    'WHERE usage_start_time >= @start AND usage_start_time < @end',
    `  AND (service.description = '${VERTEX_SERVICE}' OR service.id = '${VERTEX_SERVICE_ID}')`,
    'GROUP BY usage_day, project_id, sku, cost_type, usage_unit, pricing_unit',
    'ORDER BY usage_day, project_id, sku, cost_type, usage_unit, pricing_unit',
  ].join('\n');
}

/** A named TIMESTAMP parameter as jobs.query takes it. */
function timestampParameter(name: string, day: string) {
  return { name, parameterType: { type: 'TIMESTAMP' }, parameterValue: { value: startOfDay(day).toISOString() } };
}

/** The jobs.query body (QueryRequest) for a window; `maxResults` bounds the rows per page. */
export function buildQueryRequest(table: string, range: DayRange, location: string, maxResults: number) {
  return {
    query: buildVertexQuery(table),
    useLegacySql: false,
    parameterMode: 'NAMED',
    queryParameters: [timestampParameter('start', range.start), timestampParameter('end', range.end)],
    location,
    maxResults,
    // A cost guard: the query fails (bytesBilledLimitExceeded) instead of scanning more than 100 GB.
    maximumBytesBilled: String(100 * 1024 ** 3),
    formatOptions: { useInt64Timestamp: true },
    labels: { 'spendsync-sync': 'vertex-ai' },
  };
}
