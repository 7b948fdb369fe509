import {
  averageTokensPerRequest,
  costPerMillionTokens,
  costPerUnit,
  type Day,
  type ProviderId,
} from '@spendsync/domain';
import { modelId } from '../models/model.service';
import type { DashboardFilter } from './dashboard-filter';
import { IMAGE_UNITS, type DashboardPage, type ImageFigures, type ModelDashboardRow } from './dashboard-rows';
import { reportsCreditsSql } from './credit-capability';
import { type DashboardDb, type DashboardQuery, type RawRow } from './dashboard-db';
import { DashboardQueryBuilder, changeSql, where } from './dashboard-query';
import { costFiguresOf, countOf, optionalMoneyOf, textOf } from './dashboard-values';
import { searchedPage } from './search-matches';

const TOKENS = 'coalesce(input_tokens, 0) + coalesce(output_tokens, 0)';

const SORTABLE: Record<string, string> = {
  cost: 'cost',
  previousCost: 'previous_cost',
  costChange: changeSql('cost', 'previous_cost'),
  net: 'net',
  credits: 'credits',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  cachedInputTokens: 'cached_input_tokens',
  requests: 'requests',
  averageTokensPerRequest: 'CASE WHEN requests > 0 THEN request_tokens / requests END',
  costPerMillionTokens: 'cost_per_million_tokens',
  costPerUnit: 'cost_per_unit',
  quantity: 'quantity',
  provider: 'provider',
  model: 'model',
  unit: 'unit',
};

/** The Models dashboard query (before paging): one row per (provider, model, unit). */
export function buildModelDashboardQuery(organizationId: string, filter: DashboardFilter, today: Day): DashboardQuery {
  const q = new DashboardQueryBuilder(organizationId, filter, today);
  const scope = q.scan('models');
  const imageUnits = q.add(IMAGE_UNITS, 'text[]');
  const creditsKnown = reportsCreditsSql(q, 'cr.provider');
  const cur = scope.current;
  const cte = `WITH agg AS (
      SELECT cr.provider, cr.model, cr.unit,
        coalesce(sum(cr.cost) FILTER (WHERE ${cur}), 0) AS cost,
        coalesce(sum(cr.cost) FILTER (WHERE ${scope.previous}), 0) AS previous_cost,
        CASE WHEN ${creditsKnown} THEN coalesce(sum(cr.credits_applied) FILTER (WHERE ${cur}), 0) END AS credits,
        sum(cr.input_tokens) FILTER (WHERE ${cur}) AS input_tokens,
        sum(cr.output_tokens) FILTER (WHERE ${cur}) AS output_tokens,
        sum(cr.cached_input_tokens) FILTER (WHERE ${cur}) AS cached_input_tokens,
        sum(cr.requests) FILTER (WHERE ${cur}) AS requests,
        sum(cr.request_tokens) FILTER (WHERE ${cur}) AS request_tokens,
        sum(cr.quantity) FILTER (WHERE ${cur}) AS quantity,
        sum_cost_mix(array_agg(cr.mix) FILTER (WHERE ${cur} AND cr.mix IS NOT NULL AND cr.unit = ANY(${imageUnits}))) AS mix,
        coalesce(bool_or(${q.unsettledAccount('cr.provider_account_id')}), false) AS includes_provisional
      ${scope.from}
      GROUP BY cr.provider, cr.model, cr.unit),
    measured AS (
      SELECT agg.*, cost - credits AS net,
        CASE WHEN unit IS NULL AND ${TOKENS} > 0 THEN cost * 1000000 / (${TOKENS}) END AS cost_per_million_tokens,
        CASE WHEN unit IS NOT NULL AND quantity <> 0 THEN cost / quantity END AS cost_per_unit
      FROM agg ${where(q.costRange('cost'))}),
    rows AS (
      SELECT measured.*,
        cost > 0 AND coalesce(cost_per_million_tokens, cost_per_unit)
          = min(coalesce(cost_per_million_tokens, cost_per_unit)) FILTER (WHERE cost > 0) OVER (PARTITION BY measured.unit)
          AS is_most_efficient
      FROM measured)`;
  return q.query(cte, SORTABLE, 'cost', ['provider', 'model', 'unit']);
}

/** A raw Models row as the dashboard row; per-token, per-unit and per-request figures computed exactly here. */
export function mapModelDashboardRow(raw: RawRow): ModelDashboardRow {
  const provider = raw.provider as ProviderId;
  const model = String(raw.model);
  const unit = textOf(raw, 'unit');
  const figures = costFiguresOf(raw);
  const cost = figures.cost;
  const [inputTokens, outputTokens] = [countOf(raw, 'input_tokens'), countOf(raw, 'output_tokens')];
  const requests = countOf(raw, 'requests');
  const quantity = optionalMoneyOf(raw, 'quantity');
  const tokens = inputTokens === null && outputTokens === null ? null : (inputTokens ?? 0n) + (outputTokens ?? 0n);
  const perUnit = unit === null ? null : costPerUnit(cost, quantity);
  const isImage = unit !== null && IMAGE_UNITS.includes(unit) && quantity !== null;
  return {
    modelId: modelId(provider, model),
    provider,
    model,
    unit,
    ...figures,
    includesProvisional: raw.includes_provisional === true,
    inputTokens,
    outputTokens,
    cachedInputTokens: countOf(raw, 'cached_input_tokens'),
    requests,
    averageTokensPerRequest: averageTokensPerRequest(countOf(raw, 'request_tokens'), requests),
    costPerMillionTokens: unit === null ? costPerMillionTokens(cost, tokens) : null,
    quantity: unit === null ? null : quantity,
    costPerUnit: perUnit,
    isMostEfficient: raw.is_most_efficient === true,
    images: isImage
      ? { count: quantity, costPerImage: perUnit, cost, mix: (raw.mix as ImageFigures['mix'] | null) ?? {} }
      : null,
  };
}

/**
 * Models dashboard: cost, tokens, requests (null where the provider reports none), cost per 1M
 * tokens or per unit, the most efficient flag, and image figures, per model and unit.
 */
export async function queryModelDashboard(
  db: DashboardDb,
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
): Promise<DashboardPage<ModelDashboardRow>> {
  return searchedPage(
    db,
    organizationId,
    filter,
    (filter) => buildModelDashboardQuery(organizationId, filter, today),
    mapModelDashboardRow,
  );
}
