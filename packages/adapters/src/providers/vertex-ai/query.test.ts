import { describe, expect, it } from '@jest/globals';
import { ZVertexAiCredentials } from '@spendsync/domain';
import { buildQueryRequest, buildVertexQuery } from './query';

describe('the billing export query', () => {
  const table = 'billing-proj.billing_ds.gcp_billing_export_v1_010101_F0FFF0_10X10X';

  it('quotes the validated table with backticks and takes the window only as TIMESTAMP parameters', () => {
    const request = buildQueryRequest(table, { start: '2025-06-01', end: '2025-06-08' }, 'EU', 500);
    expect(request.query).toContain(`FROM \`${table}\``);
    expect(request.query).toContain('usage_start_time >= @start AND usage_start_time < @end');
    // Both time filters: the partition pseudo-column (so BigQuery prunes) and the usage time (exact days).
    expect(request.query).toContain(
      'WHERE _PARTITIONTIME >= TIMESTAMP_SUB(@start, INTERVAL 1 DAY) AND _PARTITIONTIME < TIMESTAMP_ADD(@end, INTERVAL 7 DAY)',
    );
    expect(request.query).toMatch(
      /_PARTITIONTIME < [^\n]+\n\s+AND usage_start_time >= @start AND usage_start_time < @end\n/,
    );
    expect(request).not.toHaveProperty('dryRun');
    expect(request.query).not.toMatch(/2025-06-0[18]/);
    expect(request).toMatchObject({
      useLegacySql: false,
      parameterMode: 'NAMED',
      location: 'EU',
      maxResults: 500,
      formatOptions: { useInt64Timestamp: true },
      queryParameters: [
        { name: 'start', parameterType: { type: 'TIMESTAMP' }, parameterValue: { value: '2025-06-01T00:00:00.000Z' } },
        { name: 'end', parameterType: { type: 'TIMESTAMP' }, parameterValue: { value: '2025-06-08T00:00:00.000Z' } },
      ],
    });
  });

  it('asks for a dry run of the same query when told to', () => {
    const range = { start: '2025-06-01', end: '2025-06-08' };
    const dry = buildQueryRequest(table, range, 'US', 1, ['vertex-ai'], true);
    expect(dry).toMatchObject({ dryRun: true, query: buildQueryRequest(table, range, 'US', 1, ['vertex-ai']).query });
  });

  it.each([
    [
      ['vertex-ai'],
      ["service.description = 'Vertex AI' OR service.id = 'C7E2-9256-1C43'"],
      ['Gemini API', 'REGEXP_CONTAINS'],
    ],
    [
      ['gemini-api'],
      ["service.description IN ('Gemini API', 'Generative Language API') OR service.id = 'AEFD-7695-64FA'"],
      ["'Vertex AI'", 'REGEXP_CONTAINS'],
    ],
    [
      ['partner-models'],
      ["REGEXP_CONTAINS(LOWER(service.description), r'(claude|anthropic|llama|"],
      ["'Vertex AI'", 'Gemini API'],
    ],
    [['vertex-ai', 'partner-models', 'gemini-api'], ["'Vertex AI'", 'REGEXP_CONTAINS', "'Gemini API'"], []],
  ] as const)('selects the services of %j and no others', (services, present, absent) => {
    const sql = buildVertexQuery(table, services);
    for (const text of present) expect(sql).toContain(text);
    for (const text of absent) expect(sql).not.toContain(text);
    expect(sql).toContain('TRIM(service.description) AS service');
  });

  it('sums cost and every credit type as NUMERIC, converted to USD, and groups by unit', () => {
    const sql = buildVertexQuery(table);
    expect(sql).toContain(
      "SUM(IF(currency = 'USD', CAST(cost AS NUMERIC), CAST(cost AS NUMERIC) / CAST(currency_conversion_rate AS NUMERIC))) AS cost_usd",
    );
    expect(sql).toMatch(/FROM UNNEST\(credits\) AS c\), 0\)\) AS credits_usd/);
    expect(sql).not.toMatch(/c\.type/);
    expect(sql).toContain('GROUP BY usage_day, project_id, service, sku, cost_type, usage_unit, pricing_unit');
    expect(sql).toMatch(/ORDER BY usage_day/);
  });

  it.each(['billing-proj.ds.t` WHERE TRUE; DROP TABLE x; --', "billing-proj.ds.t' OR '1'='1", 'ds.table'])(
    'refuses a table name that could break out of the quotes: %s',
    (name) => {
      expect(() => buildVertexQuery(name)).toThrow(/not a project.dataset.table/);
      expect(ZVertexAiCredentials.safeParse({ serviceAccount: {}, billingTable: name }).success).toBe(false);
    },
  );
});
