import { Money, type Day, type DayRange, type ProviderId } from '@spendsync/domain';
import type { RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import type { CostRecordEntity } from '../cost-records/cost-record.entity';
import { dayIndex, seriesIn, type AnomalyLevel, type DailySeries, type SeriesId, type SpendRow } from './spend-series';

/** One aggregate row: the grain's day, provider and model as the records have them, then the sums. */
type Row = RowOf<CostRecordEntity, 'day' | 'provider' | 'model'> & {
  workspace: string;
  api_key: string | null;
  api_key_label: string | null;
  cost: string;
  volume: string | null;
};

/** A record's workspace as dashboards name it. */
const WORKSPACE =
  "coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id, '(no workspace)')";

/**
 * Settled spend per (day, provider, workspace, key, model) over [$2, $3), only on the days $4 and
 * of the series ($5 levels, $6 providers, $7 keys) when given: each account's records only before
 * its own settled-through day. Volume is tokens where the records report tokens, else requests,
 * else units.
 */
const SETTLED_SPEND = `
  SELECT c.day, c.provider, ${WORKSPACE} AS workspace,
    c.api_key_external_id AS api_key, min(coalesce(c.api_key_hint, k.hint, k.name, c.api_key_external_id)) AS api_key_label, c.model,
    sum(c.cost) AS cost,
    CASE WHEN count(c.input_tokens) + count(c.output_tokens) > 0 THEN sum(coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0))
      WHEN count(c.requests) > 0 THEN sum(c.requests) ELSE sum(c.quantity) END AS volume
  FROM cost_records c
  JOIN provider_accounts a ON a.id = c.provider_account_id
  LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
  LEFT JOIN api_keys k ON k.provider_account_id = c.provider_account_id AND k.external_id = c.api_key_external_id
  WHERE c.organization_id = $1 AND c.day >= $2 AND c.day < $3 AND ($4::date[] IS NULL OR c.day = ANY($4::date[]))
    AND a.settled_through IS NOT NULL AND c.day < a.settled_through
    AND ($5::text[] IS NULL OR EXISTS (
      SELECT 1 FROM unnest($5::text[], $6::text[], $7::text[]) s(level, provider, key)
      WHERE (s.provider IS NULL OR s.provider = c.provider::text) AND s.key = CASE s.level
        WHEN 'workspace' THEN ${WORKSPACE}
        WHEN 'model' THEN c.model ELSE c.api_key_external_id END))
  GROUP BY 1, 2, 3, 4, 6`;

/** Which rows to read: only those of some days, and only those some series sum. */
export type SpendRowsOnly = { days: readonly Day[]; series: readonly SeriesId[] };

/** The settled spend rows of an organization over `range`; with `only`, just those rows. */
export async function loadSettledSpend(
  db: Sql,
  organizationId: string,
  range: DayRange,
  only: SpendRowsOnly | null = null,
): Promise<SpendRow[]> {
  const series = only?.series ?? null;
  const { rows } = await db.query<Row>(
    `SELECT day::text AS day, provider, workspace, api_key, api_key_label, model, cost::text AS cost, volume::text AS volume
    FROM (${SETTLED_SPEND}) spend`,
    [
      organizationId,
      range.start,
      range.end,
      only?.days ?? null,
      series?.map((s) => s.level) ?? null,
      series?.map((s) => s.provider) ?? null,
      series?.map((s) => s.key) ?? null,
    ],
  );
  return rows.map((r) => ({
    day: r.day,
    provider: r.provider,
    workspace: r.workspace,
    apiKey: r.api_key,
    apiKeyLabel: r.api_key_label,
    model: r.model,
    cost: new Money(r.cost),
    volume: r.volume === null ? null : new Money(r.volume),
  }));
}

type SeriesRow = {
  day: Day;
  level: AnomalyLevel;
  provider: ProviderId | null;
  key: string;
  label: string | null;
  cost: string;
  volume: string | null;
};

/**
 * The daily totals of every series {@link seriesOfRow} names, summed by PostgreSQL from the same
 * rows as {@link loadSettledSpend}: a year of an organization's spend arrives as series × days
 * totals, not as its rows. Equal to `buildSeries` over those rows (a test compares them).
 */
export async function loadSettledSeries(db: Sql, organizationId: string, range: DayRange): Promise<DailySeries[]> {
  const { rows } = await db.query<SeriesRow>(
    `WITH spend AS (${SETTLED_SPEND})
    SELECT day::text AS day,
      CASE WHEN GROUPING(workspace) = 0 THEN 'workspace' WHEN GROUPING(model) = 0 THEN 'model' ELSE 'api_key' END AS level,
      CASE WHEN GROUPING(provider) = 0 THEN provider END AS provider,
      CASE WHEN GROUPING(workspace) = 0 THEN workspace WHEN GROUPING(model) = 0 THEN model ELSE api_key END AS key,
      min(api_key_label COLLATE "C") AS label,
      sum(cost)::text AS cost,
      (CASE WHEN count(volume) = count(*) THEN sum(volume) END)::text AS volume
    FROM spend
    GROUP BY GROUPING SETS ((day, provider, workspace), (day, provider, model), (day, workspace), (day, model),
      (day, provider, api_key))
    HAVING GROUPING(api_key) = 1 OR api_key IS NOT NULL`,
    [organizationId, range.start, range.end, null, null, null, null],
  );
  const length = dayIndex(range.start, range.end);
  const all = new Map<string, DailySeries>();
  for (const r of rows) {
    const id: SeriesId = { level: r.level, provider: r.provider, key: r.key };
    const s = seriesIn(all, id, r.level === 'api_key' ? (r.label ?? r.key) : r.key, length);
    const i = dayIndex(range.start, r.day);
    s.cost[i] = new Money(r.cost);
    s.volume[i] = r.volume === null ? null : new Money(r.volume);
  }
  return [...all.values()];
}

/** Per provider, the first day its accounts' syncs read (spend before it is unknown, not zero). */
export async function loadKnownFrom(db: Sql, organizationId: string): Promise<Partial<Record<ProviderId, Day>>> {
  const { rows } = await db.query<{ provider: ProviderId; first: Day }>(
    `SELECT a.provider, min(r.day)::text AS first
    FROM provider_account_day_reads r JOIN provider_accounts a ON a.id = r.provider_account_id
    WHERE r.organization_id = $1 GROUP BY a.provider`,
    [organizationId],
  );
  return Object.fromEntries(rows.map((r) => [r.provider, r.first]));
}

/** Where the organization's accounts are settled through. */
export type OrganizationSettlement = {
  /** Per provider, the earliest settled-through day of its accounts; a provider with a connected account not settled yet is absent. */
  byProvider: Partial<Record<ProviderId, Day>>;
  /** Every connected account has a settled-through day: only then can series across providers be judged. */
  isComplete: boolean;
};

/**
 * Per provider, the earliest settled-through day of its accounts. An account still syncing its
 * first days (no settled day yet) holds back its provider, and series across providers, so a
 * day is never judged on part of its accounts; disconnected accounts never hold anything back.
 */
export async function loadSettledThrough(db: Sql, organizationId: string): Promise<OrganizationSettlement> {
  const { rows } = await db.query<{ provider: ProviderId; through: Day | null; pending: boolean }>(
    `SELECT provider,
      min(settled_through)::text AS through, bool_or(settled_through IS NULL AND status <> 'disconnected') AS pending
    FROM provider_accounts WHERE organization_id = $1 GROUP BY provider`,
    [organizationId],
  );
  const settled = rows.filter((r) => !r.pending && r.through !== null);
  return {
    byProvider: Object.fromEntries(settled.map((r) => [r.provider, r.through])),
    isComplete: rows.every((r) => !r.pending),
  };
}
