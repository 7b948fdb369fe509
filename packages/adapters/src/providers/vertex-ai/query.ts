import { startOfDay, VERTEX_SERVICE_GROUPS, type DayRange, type VertexServiceGroup } from '@spendsync/domain';

/** Vertex AI in the billing export: `service.description` [field], or its service id. */
export const VERTEX_SERVICE = 'Vertex AI';
export const VERTEX_SERVICE_ID = 'C7E2-9256-1C43';
/**
 * Gemini through AI Studio bills as the Generative Language API, shown as "Gemini API" in newer
 * exports [field: Billing Catalog, service id AEFD-7695-64FA; cloud-apis.md §2].
 */
export const GEMINI_API_SERVICES = ['Gemini API', 'Generative Language API'] as const;
export const GEMINI_API_SERVICE_ID = 'AEFD-7695-64FA';
/**
 * Partner models served on Vertex (Model Garden "model as a service": Anthropic Claude, Meta
 * Llama, Mistral/Codestral, AI21 Jamba, DeepSeek, Qwen, OpenAI gpt-oss…; Google's "Vertex AI
 * partner models for MaaS" page) are sold through Cloud Marketplace and bill under their own
 * service, whose description names the model or its publisher [field; inferred: no published
 * list of these service names exists]. Matched case-insensitively on the description.
 */
export const PARTNER_SERVICE_PATTERN =
  '(claude|anthropic|llama|mistral|codestral|jamba|ai21|deepseek|qwen|gpt-oss|kimi|minimax)';

/**
 * How far `_PARTITIONTIME` may sit from the usage window. The standard export table is partitioned
 * by load time (`_PARTITIONTIME`), not by usage time; Google loads a day's rows within about a day
 * and rewrites/corrects recent days for several days afterwards [spec: "Structure of Standard data
 * export" / "Frequency of data loads"]. So a row of usage day D sits in a partition from D − 1
 * (hourly windows straddling midnight UTC, loads stamped in Pacific time) up to D + {@link LATE_ROW_DAYS}.
 * Rows loaded later than that (rare month-end corrections) are missed by a sync of that window;
 * the trailing re-sync window does not reach them either. [inferred]
 */
export const EARLY_ROW_DAYS = 1;
export const LATE_ROW_DAYS = 7;

// Same rule as the credential schema; checked again here because the name is spliced into SQL.
const TABLE = /^[a-z][a-z0-9-]*[a-z0-9]\.[A-Za-z0-9_]+\.[A-Za-z0-9_-]+$/;

/** The result columns, in order; the simulator answers with exactly these. */
export const RESULT_COLUMNS = [
  ['usage_day', 'DATE'],
  ['project_id', 'STRING'],
  ['project_name', 'STRING'],
  ['service', 'STRING'],
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
const usd = (amount: string) =>
  `IF(currency = 'USD', CAST(${amount} AS NUMERIC), CAST(${amount} AS NUMERIC) / CAST(currency_conversion_rate AS NUMERIC))`;

/** The WHERE condition selecting the billed services of `groups` (constants only; nothing user-given). */
export function serviceCondition(groups: readonly VertexServiceGroup[]): string {
  const parts: Record<VertexServiceGroup, string> = {
    'vertex-ai': `service.description = '${VERTEX_SERVICE}' OR service.id = '${VERTEX_SERVICE_ID}'`,
    'gemini-api': `service.description IN (${GEMINI_API_SERVICES.map((s) => `'${s}'`).join(', ')}) OR service.id = '${GEMINI_API_SERVICE_ID}'`,
    'partner-models': `REGEXP_CONTAINS(LOWER(service.description), r'${PARTNER_SERVICE_PATTERN}')`,
  };
  const chosen = VERTEX_SERVICE_GROUPS.filter((g) => groups.includes(g));
  if (chosen.length === 0) throw new Error('no services to read');
  return `(${chosen.map((g) => parts[g]).join(' OR ')})`;
}

/**
 * Daily cost of the chosen services per project, service, SKU, cost type and unit over
 * [@start, @end). Only the table name is spliced in (validated, backtick-quoted); the window comes
 * in as TIMESTAMP parameters. Two filters on time: `_PARTITIONTIME` (with slack for rows loaded
 * early or late, see {@link LATE_ROW_DAYS}) so BigQuery prunes partitions and scans only about the
 * window instead of the whole table [spec: BigQuery "Query partitioned tables" — only a filter on
 * the partitioning pseudo-column prunes ingestion-time partitions], and `usage_start_time` for the
 * exact UTC days. Amounts are summed as NUMERIC (the export's FLOAT64 would drift), credits over
 * every credit type (they are negative), and usage is never added across units.
 */
export function buildVertexQuery(
  table: string,
  services: readonly VertexServiceGroup[] = VERTEX_SERVICE_GROUPS,
): string {
  if (!TABLE.test(table)) throw new Error('billingTable is not a project.dataset.table name');
  return [
    'SELECT',
    '  DATE(usage_start_time) AS usage_day,',
    '  project.id AS project_id,',
    '  ANY_VALUE(project.name) AS project_name,',
    '  TRIM(service.description) AS service,',
    '  TRIM(sku.description) AS sku,',
    '  cost_type,',
    '  usage.unit AS usage_unit,',
    '  usage.pricing_unit AS pricing_unit,',
    '  SUM(CAST(usage.amount AS NUMERIC)) AS usage_amount,',
    `  SUM(${usd('cost')}) AS cost_usd,`,
    `  SUM(IFNULL((SELECT SUM(${usd('c.amount')}) FROM UNNEST(credits) AS c), 0)) AS credits_usd,`,
    '  MAX(export_time) AS exported_at',
    `FROM \`${table}\``,
    `WHERE _PARTITIONTIME >= TIMESTAMP_SUB(@start, INTERVAL ${EARLY_ROW_DAYS} DAY) AND _PARTITIONTIME < TIMESTAMP_ADD(@end, INTERVAL ${LATE_ROW_DAYS} DAY)`,
    '  AND usage_start_time >= @start AND usage_start_time < @end',
    `  AND ${serviceCondition(services)}`,
    'GROUP BY usage_day, project_id, service, sku, cost_type, usage_unit, pricing_unit',
    'ORDER BY usage_day, project_id, service, sku, cost_type, usage_unit, pricing_unit',
  ].join('\n');
}

/** A named TIMESTAMP parameter as jobs.query takes it. */
function timestampParameter(name: string, day: string) {
  return { name, parameterType: { type: 'TIMESTAMP' }, parameterValue: { value: startOfDay(day).toISOString() } };
}

/** The most bytes one query may bill; above it BigQuery fails the job (bytesBilledLimitExceeded). */
export const MAXIMUM_BYTES_BILLED = 100 * 1024 ** 3;

/**
 * The jobs.query body (QueryRequest) for a window; `maxResults` bounds the rows per page. With
 * `dryRun`, BigQuery only validates the query and answers `totalBytesProcessed`, the bytes the
 * query would scan [spec: BigQuery v2 QueryRequest.dryRun, QueryResponse.totalBytesProcessed];
 * a dry run is not billed.
 */
export function buildQueryRequest(
  table: string,
  range: DayRange,
  location: string,
  maxResults: number,
  services: readonly VertexServiceGroup[] = VERTEX_SERVICE_GROUPS,
  dryRun = false,
) {
  return {
    query: buildVertexQuery(table, services),
    useLegacySql: false,
    parameterMode: 'NAMED',
    queryParameters: [timestampParameter('start', range.start), timestampParameter('end', range.end)],
    location,
    maxResults,
    // A cost guard: the query fails (bytesBilledLimitExceeded) instead of scanning more than 100 GB.
    maximumBytesBilled: String(MAXIMUM_BYTES_BILLED),
    formatOptions: { useInt64Timestamp: true },
    labels: { 'spendsync-sync': 'vertex-ai' },
    ...(dryRun ? { dryRun: true } : {}),
  };
}
