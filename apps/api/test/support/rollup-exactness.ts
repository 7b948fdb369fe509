import { expect } from '@jest/globals';
import type { DataSource } from 'typeorm';

/**
 * The rollups' exactness check (issue 19): every rollup table as stored against a plain GROUP BY
 * over cost_records computed now, for the cost-rollups tests.
 */

const SUMS = `count(*)::text AS records, sum(cost)::text AS cost, sum(credits_applied)::text AS credits, sum(input_tokens)::text AS input,
  sum(output_tokens)::text AS output, sum(cached_input_tokens)::text AS cached, sum(requests)::text AS requests,
  sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)) FILTER (WHERE requests IS NOT NULL AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL))::text AS request_tokens`;
const ROLLED = `records::text AS records, cost::text AS cost, credits_applied::text AS credits, input_tokens::text AS input, output_tokens::text AS output,
  cached_input_tokens::text AS cached, requests::text AS requests, request_tokens::text AS request_tokens`;

/** A record with any cost or usage (what `is_active` and `last_active_day` count). */
export const ACTIVE = 'cost <> 0 OR input_tokens > 0 OR output_tokens > 0 OR requests > 0 OR quantity > 0';
const MONTH_DAY = "to_char(date_trunc('month', day), 'YYYY-MM-DD')";
const MONTH = `provider_account_id, ${MONTH_DAY} AS day, workspace_external_id, model, unit`;
const KEY_MONTH = `provider_account_id, ${MONTH_DAY} AS day, api_key_external_id, workspace_external_id`;

/** Each rollup as stored, and as a plain GROUP BY over cost_records computes it now: they must be equal. */
async function bothWays(ds: DataSource, organizationId: string) {
  const grain = 'provider_account_id, day, workspace_external_id, model, unit';
  const keyGrain = 'provider_account_id, day, api_key_external_id, workspace_external_id';
  const q = (sql: string) => ds.query(sql, [organizationId]);
  return {
    models: await q(
      `SELECT ${grain}, ${ROLLED}, quantity::text AS quantity, mix FROM cost_rollup_workspace_models WHERE organization_id = $1 ORDER BY ${grain}`,
    ),
    modelsExpected:
      await q(`SELECT ${grain}, ${SUMS}, sum(quantity)::text AS quantity, sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix
      FROM cost_records WHERE organization_id = $1 GROUP BY ${grain} ORDER BY ${grain}`),
    keys: await q(
      `SELECT ${keyGrain}, api_key_hint, ${ROLLED}, is_active FROM cost_rollup_keys WHERE organization_id = $1 ORDER BY ${keyGrain}`,
    ),
    // spend with no key is kept too (api_key_external_id null), for the "(no key attribution)" rows
    keysExpected: await q(`SELECT ${keyGrain}, max(api_key_hint) AS api_key_hint, ${SUMS},
        coalesce(bool_or(cost <> 0 OR input_tokens > 0 OR output_tokens > 0 OR requests > 0 OR quantity > 0), false) AS is_active
      FROM cost_records WHERE organization_id = $1 GROUP BY ${keyGrain} ORDER BY ${keyGrain}`),
    // the monthly rollups (day = the month's first day), against the records summed by month
    months:
      await q(`SELECT ${grain}, ${ROLLED}, quantity::text AS quantity, mix FROM cost_rollup_workspace_models_monthly
      WHERE organization_id = $1 ORDER BY ${grain}`),
    monthsExpected: await q(`SELECT ${MONTH}, ${SUMS}, sum(quantity)::text AS quantity,
        sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix
      FROM cost_records WHERE organization_id = $1 GROUP BY 1, 2, 3, 4, 5 ORDER BY ${grain}`),
    keyMonths:
      await q(`SELECT ${keyGrain}, api_key_hint, ${ROLLED}, is_active, last_active_day FROM cost_rollup_keys_monthly
      WHERE organization_id = $1 ORDER BY ${keyGrain}`),
    keyMonthsExpected: await q(`SELECT ${KEY_MONTH}, max(api_key_hint) AS api_key_hint, ${SUMS},
        coalesce(bool_or(${ACTIVE}), false) AS is_active, max(day) FILTER (WHERE ${ACTIVE}) AS last_active_day
      FROM cost_records WHERE organization_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY ${keyGrain}`),
  };
}

/** The coarse rollups (models, workspaces, accounts; daily and monthly), the key rollup's 7-day blocks, the workspace × model rollup's ISO weeks and the search rollups, as stored and as a GROUP BY over cost_records computes them. */
async function coarseBothWays(ds: DataSource, organizationId: string) {
  const q = (sql: string) => ds.query(sql, [organizationId]);
  const grains = {
    models: { columns: ['model', 'unit'], mix: true },
    workspaces: { columns: ['workspace_external_id'], mix: false },
    accounts: { columns: [], mix: false },
  };
  const compared: { name: string; stored: unknown[]; expected: unknown[] }[] = [];
  for (const [grain, { columns, mix }] of Object.entries(grains)) {
    for (const monthly of [false, true]) {
      const dims = ['provider_account_id', 'day', ...columns].join(', ');
      const day = monthly ? MONTH_DAY : "to_char(day, 'YYYY-MM-DD')";
      const keys = ['provider_account_id', day, ...columns];
      const mixOf = mix ? ', sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix' : '';
      compared.push({
        name: `cost_rollup_${grain}${monthly ? '_monthly' : ''}`,
        stored:
          await q(`SELECT provider_account_id, to_char(day, 'YYYY-MM-DD') AS day${columns.map((c) => `, ${c}`).join('')},
            ${ROLLED}, quantity::text AS quantity${mix ? ', mix' : ''}
          FROM cost_rollup_${grain}${monthly ? '_monthly' : ''} WHERE organization_id = $1 ORDER BY ${dims}`),
        expected: await q(`SELECT provider_account_id, ${day} AS day${columns.map((c) => `, ${c}`).join('')},
            ${SUMS}, sum(quantity)::text AS quantity${mixOf}
          FROM cost_records WHERE organization_id = $1 GROUP BY ${keys.join(', ')} ORDER BY ${dims}`),
      });
    }
  }
  const block = `to_char(date_trunc('month', day)::date + (extract(day FROM day)::int - 1) / 7 * 7, 'YYYY-MM-DD')`;
  const keyGrain = 'provider_account_id, day, api_key_external_id, workspace_external_id';
  compared.push({
    name: 'cost_rollup_keys_weekly',
    stored:
      await q(`SELECT provider_account_id, to_char(day, 'YYYY-MM-DD') AS day, api_key_external_id, workspace_external_id,
        api_key_hint, ${ROLLED}, is_active, to_char(last_active_day, 'YYYY-MM-DD') AS last_active_day
      FROM cost_rollup_keys_weekly WHERE organization_id = $1 ORDER BY ${keyGrain}`),
    expected: await q(`SELECT provider_account_id, ${block} AS day, api_key_external_id, workspace_external_id,
        max(api_key_hint) AS api_key_hint, ${SUMS}, coalesce(bool_or(${ACTIVE}), false) AS is_active,
        to_char(max(day) FILTER (WHERE ${ACTIVE}), 'YYYY-MM-DD') AS last_active_day
      FROM cost_records WHERE organization_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY ${keyGrain}`),
  });
  // The workspace × model rollup by ISO week (its Mondays).
  const isoWeek = "to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD')";
  const modelGrain = 'provider_account_id, day, workspace_external_id, model, unit';
  compared.push({
    name: 'cost_rollup_workspace_models_iso_weekly',
    stored: await q(`SELECT provider_account_id, to_char(day, 'YYYY-MM-DD') AS day, workspace_external_id, model, unit,
        ${ROLLED}, quantity::text AS quantity, mix
      FROM cost_rollup_workspace_models_iso_weekly WHERE organization_id = $1 ORDER BY ${modelGrain}`),
    expected: await q(`SELECT provider_account_id, ${isoWeek} AS day, workspace_external_id, model, unit,
        ${SUMS}, sum(quantity)::text AS quantity, sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix
      FROM cost_records WHERE organization_id = $1 GROUP BY 1, 2, 3, 4, 5 ORDER BY ${modelGrain}`),
  });
  // The search rollups: blocks, ISO weeks and months at the grain of every searched column.
  const searchGrain = 'workspace_external_id, workspace_name, api_key_external_id, api_key_hint, model, unit';
  for (const [name, period] of [
    ['cost_rollup_search_weekly', block],
    ['cost_rollup_search_iso_weekly', isoWeek],
    ['cost_rollup_search_monthly', MONTH_DAY],
  ] as const) {
    compared.push({
      name,
      stored: await q(`SELECT provider_account_id, to_char(day, 'YYYY-MM-DD') AS day, ${searchGrain}, api_key_name,
          ${ROLLED}, quantity::text AS quantity, mix, is_active, to_char(last_active_day, 'YYYY-MM-DD') AS last_active_day
        FROM ${name} WHERE organization_id = $1 ORDER BY provider_account_id, day, ${searchGrain}`),
      expected:
        await q(`SELECT provider_account_id, ${period} AS day, ${searchGrain}, max(api_key_name) AS api_key_name,
          ${SUMS}, sum(quantity)::text AS quantity, sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix,
          coalesce(bool_or(${ACTIVE}), false) AS is_active, to_char(max(day) FILTER (WHERE ${ACTIVE}), 'YYYY-MM-DD') AS last_active_day
        FROM cost_records WHERE organization_id = $1
        GROUP BY provider_account_id, ${period}, ${searchGrain} ORDER BY provider_account_id, day, ${searchGrain}`),
    });
  }
  return compared;
}

/**
 * The key rollup's running totals (key-running-totals migration) against the records: for each key
 * row (account, key, workspace) and each day from before the records to after them, before-month
 * plus month-to-date (a missing row adds nothing; a day past the account's last month reads that
 * month's last day) equals the records through that day, known figures null when no record had one.
 */
async function runningTotalsBothWays(ds: DataSource, organizationId: string) {
  const figures = (t: string) => `${t}.records, ${t}.cost, ${t}.credits_applied, ${t}.input_tokens, ${t}.output_tokens,
    ${t}.cached_input_tokens, ${t}.requests`;
  const GROUP = 'provider_account_id, api_key_external_id, workspace_external_id';
  const probes = `SELECT g.*, d::date AS day FROM (SELECT DISTINCT ${GROUP} FROM cost_records WHERE organization_id = $1) g
    CROSS JOIN generate_series('2025-03-30'::date, '2025-08-03'::date, interval '1 day') d`;
  const [stored, expected] = await Promise.all([
    ds.query(
      `WITH probes AS (${probes}),
      clamped AS (
        SELECT p.*, least(p.day, (SELECT (date_trunc('month', max(t.day)) + interval '1 month' - interval '1 day')::date
          FROM cost_rollup_keys_to_date t WHERE t.provider_account_id = p.provider_account_id)) AS through FROM probes p),
      parts AS (
        SELECT c.${GROUP.replaceAll(', ', ', c.')}, c.day, ${figures('b')}, b.input_token_days, b.output_token_days,
          b.cached_input_token_days, b.request_days, b.last_record_day, b.last_active_day, b.api_key_hint
        FROM clamped c JOIN cost_rollup_keys_before_month b ON b.provider_account_id = c.provider_account_id
          AND b.day = date_trunc('month', c.through)::date AND b.api_key_external_id IS NOT DISTINCT FROM c.api_key_external_id
          AND b.workspace_external_id IS NOT DISTINCT FROM c.workspace_external_id
        UNION ALL
        SELECT c.${GROUP.replaceAll(', ', ', c.')}, c.day, ${figures('m')}, m.input_token_days, m.output_token_days,
          m.cached_input_token_days, m.request_days, m.last_record_day, m.last_active_day, m.api_key_hint
        FROM clamped c JOIN cost_rollup_keys_to_date m ON m.provider_account_id = c.provider_account_id
          AND m.day = c.through AND m.api_key_external_id IS NOT DISTINCT FROM c.api_key_external_id
          AND m.workspace_external_id IS NOT DISTINCT FROM c.workspace_external_id)
      SELECT ${GROUP}, to_char(day, 'YYYY-MM-DD') AS day, sum(records)::text AS records, sum(cost)::text AS cost,
        sum(credits_applied)::text AS credits,
        CASE WHEN sum(input_token_days) > 0 THEN sum(input_tokens)::text END AS input,
        CASE WHEN sum(output_token_days) > 0 THEN sum(output_tokens)::text END AS output,
        CASE WHEN sum(cached_input_token_days) > 0 THEN sum(cached_input_tokens)::text END AS cached,
        CASE WHEN sum(request_days) > 0 THEN sum(requests)::text END AS requests,
        to_char(max(last_record_day), 'YYYY-MM-DD') AS last_record_day, to_char(max(last_active_day), 'YYYY-MM-DD') AS last_active_day,
        max(api_key_hint) AS api_key_hint
      FROM parts GROUP BY ${GROUP}, day ORDER BY ${GROUP}, day`,
      [organizationId],
    ),
    ds.query(
      `WITH probes AS (${probes})
      SELECT p.${GROUP.replaceAll(', ', ', p.')}, to_char(p.day, 'YYYY-MM-DD') AS day, count(*)::text AS records,
        sum(c.cost)::text AS cost, sum(c.credits_applied)::text AS credits, sum(c.input_tokens)::text AS input,
        sum(c.output_tokens)::text AS output, sum(c.cached_input_tokens)::text AS cached, sum(c.requests)::text AS requests,
        to_char(max(c.day), 'YYYY-MM-DD') AS last_record_day,
        to_char(max(c.day) FILTER (WHERE c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0), 'YYYY-MM-DD') AS last_active_day,
        max(c.api_key_hint) AS api_key_hint
      FROM probes p JOIN cost_records c ON c.organization_id = $1 AND c.provider_account_id = p.provider_account_id
        AND c.api_key_external_id IS NOT DISTINCT FROM p.api_key_external_id
        AND c.workspace_external_id IS NOT DISTINCT FROM p.workspace_external_id AND c.day <= p.day
      GROUP BY p.${GROUP.replaceAll(', ', ', p.')}, p.day ORDER BY ${GROUP}, day`,
      [organizationId],
    ),
  ]);
  return { stored, expected };
}

/** Every rollup (daily, blocks, ISO weeks, months, running totals) equals the records summed now; returns the finest two. */
export async function expectExact(ds: DataSource, organizationId: string) {
  const rollups = await bothWays(ds, organizationId);
  expect(rollups.models).toEqual(rollups.modelsExpected);
  expect(rollups.keys).toEqual(rollups.keysExpected);
  expect(rollups.months).toEqual(rollups.monthsExpected);
  expect(rollups.keyMonths).toEqual(rollups.keyMonthsExpected);
  for (const { name, stored, expected } of await coarseBothWays(ds, organizationId)) {
    expect({ name, rows: stored }).toEqual({ name, rows: expected });
    expect(stored.length).toBeGreaterThan(0);
  }
  const running = await runningTotalsBothWays(ds, organizationId);
  expect(running.stored).toEqual(running.expected);
  expect(running.stored.length).toBeGreaterThan(0);
  return rollups;
}
