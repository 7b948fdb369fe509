import { addDays, daysBetween, type Day, type DayRange } from '@spendsync/domain';
import { splitByBlock, splitByMonth, type AddParam } from './dashboard-sources';

/** The two periods a running-totals read serves: each period's sums are taken through the day before each of its ends. */
export type RunningPeriods = { previous: DayRange; current: DayRange };

/** The day before each end of both periods, each once: what the running totals are read through. */
function runningEnds(periods: RunningPeriods) {
  return {
    previousBefore: addDays(periods.previous.start, -1),
    previousLast: addDays(periods.previous.end, -1),
    currentBefore: addDays(periods.current.start, -1),
    currentLast: addDays(periods.current.end, -1),
  };
}

/**
 * Whether the running totals serve `periods` for the API keys dashboard: a scan of the key rollup
 * reads, per key, the periods' months, 7-day blocks and days left (as `sourceSql` splits them);
 * the running totals read two rows per distinct end day (one for a month's last day), each heavier
 * (it carries every figure signed for both periods; at 10 M records such a row cost about 1.3
 * times a scanned one). So a week, a quarter or a year reads the running totals, and 30 days
 * whose ends fall on months' last days; two whole months the scan.
 */
export function runningTotalsPay(periods: RunningPeriods): boolean {
  const scanned = [periods.previous, periods.current]
    .map(splitByMonth)
    .map(({ months, days }) => {
      const blocked = days.map(splitByBlock);
      const edgeDays = blocked.flatMap((b) => b.days).reduce((n, r) => n + daysBetween(r.start, r.end), 0);
      return months.length + blocked.reduce((n, b) => n + b.blocks.length, 0) + edgeDays;
    })
    .reduce((n, parts) => n + parts, 0);
  // a month's last day reads one row per key (the next month's before-month row), another day two
  const rows = [...new Set(Object.values(runningEnds(periods)))]
    .map((day) => (addDays(day, 1).endsWith('-01') ? 1 : 2))
    .reduce((n, r) => n + r, 0);
  return rows * 1.3 < scanned;
}

/** The running figures a period's sum takes the difference of (a `…_days` column counts the days that knew its figure). */
export const RUNNING_SUMS = [
  'records',
  'cost',
  'credits_applied',
  'input_tokens',
  'input_token_days',
  'output_tokens',
  'output_token_days',
  'cached_input_tokens',
  'cached_input_token_days',
  'requests',
  'request_days',
] as const;

/** One of the running figures. */
export type RunningSum = (typeof RUNNING_SUMS)[number];

/** The running figure `column` signed for a period: + through its last day, − through the day before it, else null. */
const signed = (sign: string, column: string) => `CASE ${sign} WHEN 1 THEN t.${column} WHEN -1 THEN -t.${column} END`;

/**
 * The FROM item `… cr` of the key rollup's running totals (see the key-running-totals migration)
 * for one organization, read through the day before each end of both periods: per key row
 * (account, key, workspace) and such day, a before-month row and a month-to-date row (either may
 * be absent: nothing to add), whose sum is every day through it. A day past an account's last
 * month with records reads that month's last day (nothing was added after it). Each row carries
 * its figures signed for each period (`current_cost`, `previous_requests`, …: + through the
 * period's last day, − through the day before its first, null otherwise), so a period's sum is
 * the plain sum of its column; `in_window` marks the rows, through a period's last day, of key
 * rows with records in that period; `current_last_active_day` / `previous_last_active_day` the
 * last active day when it falls in that period. `narrow` as for `sourceSql`; `sums`, the running
 * figures carried (every one by default; each costs every row two signed columns).
 */
export function keyRunningTotalsSql(
  add: AddParam,
  organizationId: string,
  periods: RunningPeriods,
  narrow?: string,
  sums: readonly RunningSum[] = RUNNING_SUMS,
): string {
  const ends = runningEnds(periods);
  const days = [...new Set(Object.values(ends))];
  const sign = (day: Day, last: Day, before: Day) => (day === last ? 1 : 0) - (day === before ? 1 : 0);
  const currentSigns = days.map((d) => sign(d, ends.currentLast, ends.currentBefore));
  const previousSigns = days.map((d) => sign(d, ends.previousLast, ends.previousBefore));
  const [currentStart, previousStart] = [add(periods.current.start, 'date'), add(periods.previous.start, 'date')];
  const narrowed = narrow ? ` AND ${narrow}` : '';
  // A day past the account's last month reads that month's end; a month's last day, when a later
  // month has rows, reads the next month's before-month row alone (the same total, one row).
  const bounds = `SELECT a.id AS account, b.current_sign, b.previous_sign, e.through,
        e.through = (date_trunc('month', e.through) + interval '1 month' - interval '1 day')::date
          AND date_trunc('month', e.through) < l.last_month AS month_end
      FROM provider_accounts a
      CROSS JOIN LATERAL (SELECT date_trunc('month', max(t.day))::date AS last_month FROM cost_rollup_keys_to_date t
        WHERE t.provider_account_id = a.id) l
      CROSS JOIN unnest(${add(days, 'date[]')}, ${add(currentSigns, 'int[]')}, ${add(previousSigns, 'int[]')})
        b(boundary, current_sign, previous_sign)
      CROSS JOIN LATERAL (SELECT least(b.boundary, (l.last_month + interval '1 month' - interval '1 day')::date) AS through) e
      WHERE a.organization_id = ${add(organizationId, 'uuid')} AND l.last_month IS NOT NULL`;
  const columns = `t.organization_id, t.provider_account_id, t.provider, t.api_key_external_id, t.workspace_external_id,
        t.workspace_name, t.api_key_hint, t.api_key_name,
        ${sums.map((c) => `${signed('b.current_sign', c)} AS current_${c}, ${signed('b.previous_sign', c)} AS previous_${c}`).join(',\n        ')},
        (b.current_sign = 1 AND t.last_record_day >= ${currentStart}) OR (b.previous_sign = 1 AND t.last_record_day >= ${previousStart}) AS in_window,
        CASE WHEN b.current_sign = 1 AND t.last_active_day >= ${currentStart} THEN t.last_active_day END AS current_last_active_day,
        CASE WHEN b.previous_sign = 1 AND t.last_active_day >= ${previousStart} THEN t.last_active_day END AS previous_last_active_day`;
  const read = (table: string, condition: string) => `SELECT ${columns} FROM bounds b CROSS JOIN LATERAL (
        SELECT * FROM ${table} WHERE provider_account_id = b.account AND ${condition}${narrowed} OFFSET 0) t`;
  const month = "date_trunc('month', b.through)";
  const beforeMonth = `day = CASE WHEN b.month_end THEN (${month} + interval '1 month')::date ELSE ${month}::date END`;
  return `(WITH bounds AS MATERIALIZED (${bounds})
      ${read('cost_rollup_keys_before_month', beforeMonth)}
      UNION ALL
      ${read('cost_rollup_keys_to_date', 'day = b.through AND NOT b.month_end')}) cr`;
}
