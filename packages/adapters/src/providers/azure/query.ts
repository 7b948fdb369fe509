import type { QueryDefinition, QueryFilter } from '@azure/arm-costmanagement';
import { monthRange, startOfDay, type DayRange } from '@spendsync/domain';

/**
 * Service names (meter categories) that carry AI spend. Azure OpenAI sits under
 * "Cognitive Services"; newer data and price lists say "Foundry Models" (cloud-apis.md §3).
 */
export const AI_SERVICE_NAMES = ['Cognitive Services', 'Azure OpenAI', 'Foundry Models'] as const;

/** The resource type of Azure OpenAI / AI Services accounts. */
export const COGNITIVE_SERVICES_RESOURCE_TYPE = 'microsoft.cognitiveservices/accounts';

/** Rows of either the AI service names or Cognitive Services accounts, whatever their meter category. */
export const AI_SPEND_FILTER: QueryFilter = {
  or: [
    { dimensions: { name: 'ServiceName', operator: 'In', values: [...AI_SERVICE_NAMES] } },
    { dimensions: { name: 'ResourceType', operator: 'In', values: [COGNITIVE_SERVICES_RESOURCE_TYPE] } },
  ],
};

/**
 * Daily actual cost of the AI services in `range` (end exclusive), grouped by resource (the
 * workspace) and meter (classified into a model). The query allows two groupings at most.
 *
 * Two aggregations (the most a query takes): `Cost`, in the billing currency, and `CostUSD`, the
 * same in USD. The aggregation names are `Cost`, `CostUSD`, `PreTaxCost` and `PreTaxCostUSD`
 * [spec: @azure/arm-costmanagement `KnownFunctionName`]; some agreement types (EA/legacy) answer
 * with the `PreTaxCost*` columns instead [field], which the mapping accepts. `Currency` is always
 * added to the columns and names the billing currency [spec: swagger examples].
 */
export function buildCostQuery(range: DayRange): QueryDefinition {
  return {
    type: 'ActualCost',
    timeframe: 'Custom',
    // `to` is inclusive at the API: the last second of the day before `range.end`.
    timePeriod: { from: startOfDay(range.start), to: new Date(startOfDay(range.end).getTime() - 1000) },
    dataset: {
      granularity: 'Daily',
      aggregation: { totalCost: { name: 'Cost', function: 'Sum' }, totalCostUSD: { name: 'CostUSD', function: 'Sum' } },
      grouping: [
        { type: 'Dimension', name: 'ResourceId' },
        { type: 'Dimension', name: 'Meter' },
      ],
      filter: AI_SPEND_FILTER,
    },
  };
}

/**
 * Splits `range` at calendar-month boundaries. Microsoft advises asking for at most a month per
 * call (longer daily ranges are silently truncated), and a month costs one unit of QPU quota.
 */
export function splitByMonth(range: DayRange): DayRange[] {
  const parts: DayRange[] = [];
  for (let start = range.start; start < range.end;) {
    const monthEnd = monthRange(start).end;
    const end = monthEnd < range.end ? monthEnd : range.end;
    parts.push({ start, end });
    start = end;
  }
  return parts;
}
