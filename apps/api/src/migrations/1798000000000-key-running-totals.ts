import type { MigrationInterface, QueryRunner } from 'typeorm';

const TO_DATE = 'cost_rollup_keys_to_date';
const BEFORE_MONTH = 'cost_rollup_keys_before_month';

/**
 * Running totals per key row (account, key, workspace) of the key rollup; a `…_days` column counts
 * the days whose figure is known, so a difference of two totals is null exactly when every day
 * between them was (as a sum over those days would be). `last_record_day`: the last day with any
 * record; `last_active_day`: the last with any cost or usage (both through the row's day).
 */
const COLUMNS = `organization_id uuid NOT NULL, provider_account_id uuid NOT NULL, provider text NOT NULL, day date NOT NULL,
  api_key_external_id text, workspace_external_id text, workspace_name text, api_key_hint text, api_key_name text,
  records bigint NOT NULL, cost numeric NOT NULL, credits_applied numeric NOT NULL,
  input_tokens numeric, input_token_days bigint NOT NULL, output_tokens numeric, output_token_days bigint NOT NULL,
  cached_input_tokens numeric, cached_input_token_days bigint NOT NULL, requests numeric, request_days bigint NOT NULL,
  last_record_day date NOT NULL, last_active_day date`;

const GROUP = 'r.provider_account_id, r.api_key_external_id, r.workspace_external_id';

/** The running columns over window `w` (ordered by day), from rows whose day counts are `days(column)`. */
function running(days: (column: string) => string, lastRecord: string, lastActive: string): string {
  return `min(r.workspace_name) OVER w AS workspace_name, max(r.api_key_hint) OVER w AS api_key_hint,
      max(r.api_key_name) OVER w AS api_key_name, sum(r.records) OVER w AS records, sum(r.cost) OVER w AS cost,
      sum(r.credits_applied) OVER w AS credits_applied,
      ${['input_tokens', 'output_tokens', 'cached_input_tokens', 'requests']
        .map((c) => `sum(r.${c}) OVER w AS ${c}, sum(${days(c)}) OVER w AS ${dayColumn(c)}`)
        .join(',\n      ')},
      max(${lastRecord}) OVER w AS last_record_day, max(${lastActive}) OVER w AS last_active_day`;
}

const dayColumn = (c: string) => (c === 'requests' ? 'request_days' : `${c.replace(/s$/, '')}_days`);

const SELECTED = `x.organization_id, x.provider_account_id, x.provider, s.day::date, x.api_key_external_id, x.workspace_external_id,
    x.workspace_name, x.api_key_hint, x.api_key_name, x.records, x.cost, x.credits_applied,
    x.input_tokens, x.input_token_days, x.output_tokens, x.output_token_days, x.cached_input_tokens, x.cached_input_token_days,
    x.requests, x.request_days, x.last_record_day, x.last_active_day`;

/**
 * Month to date, for the account-months `(month_accounts, months)`: a row for every day from the
 * key row's first day in the month to the month's last, summing its daily rows from the 1st
 * through that day. Written in day order, so one day's rows sit together on disk.
 */
const MONTH_TO_DATE = `
    DELETE FROM ${TO_DATE} r USING unnest(month_accounts, months) p(a, m)
      WHERE r.provider_account_id = p.a AND r.day >= p.m AND r.day < (p.m + interval '1 month')::date;
    INSERT INTO ${TO_DATE}
    SELECT ${SELECTED}
    FROM (
      SELECT r.organization_id, r.provider_account_id, r.provider, r.day, r.api_key_external_id, r.workspace_external_id,
        ${running((c) => `(r.${c} IS NOT NULL)::int`, 'r.day', 'CASE WHEN r.is_active THEN r.day END')},
        lead(r.day) OVER w AS next_day, p.m
      FROM cost_rollup_keys r
      JOIN unnest(month_accounts, months) p(a, m)
        ON r.provider_account_id = p.a AND r.day >= p.m AND r.day < (p.m + interval '1 month')::date
      WINDOW w AS (PARTITION BY ${GROUP}, p.m ORDER BY r.day)
    ) x
    CROSS JOIN LATERAL generate_series(x.day, coalesce(x.next_day - 1, (x.m + interval '1 month' - interval '1 day')::date),
      interval '1 day') s(day)
    ORDER BY x.provider_account_id, s.day;`;

/**
 * Before the month, for each account from its earliest touched month on: a row for every month
 * from the one after the key row's first month to the account's last month, summing every day
 * before it, from the month-to-date rows of each month's last day.
 */
const BEFORE_MONTHS = `
    DELETE FROM ${BEFORE_MONTH} r USING (SELECT p.a, min(p.m) AS m0 FROM unnest(month_accounts, months) p(a, m) GROUP BY p.a) t
      WHERE r.provider_account_id = t.a AND r.day >= t.m0;
    INSERT INTO ${BEFORE_MONTH}
    SELECT ${SELECTED}
    FROM (
      SELECT r.organization_id, r.provider_account_id, r.provider, date_trunc('month', r.day)::date AS month,
        r.api_key_external_id, r.workspace_external_id,
        ${running((c) => `r.${dayColumn(c)}`, 'r.last_record_day', 'r.last_active_day')},
        lead(date_trunc('month', r.day)::date) OVER w AS next_month, b.m0, b.last_month
      FROM (
        SELECT p.a, min(p.m) AS m0, (SELECT date_trunc('month', min(f.day))::date FROM ${TO_DATE} f WHERE f.provider_account_id = p.a) AS first_month,
          (SELECT date_trunc('month', max(f.day))::date FROM ${TO_DATE} f WHERE f.provider_account_id = p.a) AS last_month
        FROM unnest(month_accounts, months) p(a, m) GROUP BY p.a
      ) b
      CROSS JOIN LATERAL generate_series(b.first_month, b.last_month, interval '1 month') e(month)
      JOIN ${TO_DATE} r ON r.provider_account_id = b.a AND r.day = (e.month + interval '1 month' - interval '1 day')::date
      WINDOW w AS (PARTITION BY ${GROUP} ORDER BY r.day)
    ) x
    CROSS JOIN LATERAL generate_series(greatest((x.month + interval '1 month')::date, x.m0),
      least(coalesce(x.next_month, x.last_month), x.last_month), interval '1 month') s(day)
    ORDER BY x.provider_account_id, s.day;`;

/** Both, for the account-months of the touched account-days `(accounts, days)`. */
const REFRESH_RUNNING = `
    SELECT array_agg(a), array_agg(m) INTO month_accounts, months
      FROM (SELECT DISTINCT p.a, date_trunc('month', p.d)::date AS m FROM unnest(accounts, days) p(a, d)) t;
    ${MONTH_TO_DATE}
    ${BEFORE_MONTHS}`;

/**
 * Running totals of the key rollup (issue 19), so the API keys dashboard reads a few rows per key
 * whatever its window: the total through day d is `before_month(d's month) + to_date(d)`, and a
 * period's sums are the total through its last day minus the total through the day before it.
 * A year's dashboard (and the year before, for the change) at 10 M records read about 175,000
 * monthly, weekly and daily key rows (5,000 keys × ~35); it now reads at most 6 per key.
 *
 * - `cost_rollup_keys_to_date`: per key row and day, the sums from the month's 1st through that
 *   day; a row for every day from the key row's first day in the month to the month's end.
 * - `cost_rollup_keys_before_month`: per key row and month, the sums of every earlier day; a row
 *   for every month after the key row's first, through the account's last month with records.
 *
 * A day with no row adds nothing (no records that month so far, or none before that month); a day
 * after the account's last month reads that month's end instead (`keyRunningTotalsSql`). Kept
 * exact like the other rollups: `refresh_cost_rollups` becomes `refresh_summed_cost_rollups`, and
 * the new one calls it, then rebuilds the touched account-months' month-to-date rows from the
 * daily key rollup and each touched account's before-month rows from its earliest touched month
 * on (at most a row per key row and month: a sync revising last year rewrites a year of them), in
 * the same transaction. A TRUNCATE of cost_records empties them too.
 */
export class KeyRunningTotals1798000000000 implements MigrationInterface {
  name = 'KeyRunningTotals1798000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of [TO_DATE, BEFORE_MONTH]) {
      await q.query(`CREATE TABLE ${table} (${COLUMNS},
        CONSTRAINT ${table}_account_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
      await q.query(`CREATE UNIQUE INDEX ${table}_grain_key ON ${table}
        (provider_account_id, day, api_key_external_id, workspace_external_id) NULLS NOT DISTINCT`);
    }
    await q.query('ALTER FUNCTION refresh_cost_rollups(uuid[], date[]) RENAME TO refresh_summed_cost_rollups');
    await q.query(`CREATE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE month_accounts uuid[]; months date[];
      BEGIN
        PERFORM refresh_summed_cost_rollups(accounts, days);
        ${REFRESH_RUNNING}
      END $$`);
    await q.query(`CREATE FUNCTION cost_records_truncate_running_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN DELETE FROM ${TO_DATE}; DELETE FROM ${BEFORE_MONTH}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER cost_records_running_totals_truncate AFTER TRUNCATE ON cost_records
      FOR EACH STATEMENT EXECUTE FUNCTION cost_records_truncate_running_totals()`);
    await q.query(`DO $$ DECLARE accounts uuid[]; days date[]; month_accounts uuid[]; months date[]; BEGIN
      SELECT array_agg(a), array_agg(d) INTO accounts, days
        FROM (SELECT DISTINCT provider_account_id AS a, date_trunc('month', day)::date AS d FROM cost_rollup_keys_monthly) t;
      IF accounts IS NOT NULL THEN ${REFRESH_RUNNING} END IF;
    END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cost_records_running_totals_truncate ON cost_records');
    await q.query('DROP FUNCTION cost_records_truncate_running_totals()');
    await q.query('DROP FUNCTION refresh_cost_rollups(uuid[], date[])');
    await q.query('ALTER FUNCTION refresh_summed_cost_rollups(uuid[], date[]) RENAME TO refresh_cost_rollups');
    for (const table of [BEFORE_MONTH, TO_DATE]) await q.query(`DROP TABLE ${table}`);
  }
}
