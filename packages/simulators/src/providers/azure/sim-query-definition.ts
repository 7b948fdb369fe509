import { addDays, dayOf, daysBetween, type DayRange } from '@spendsync/domain';
import { z } from 'zod';
import type { AzureSimCell } from './dataset';

/** A filter node as the Query API takes it: exactly one of and / or / dimensions / tags. */
export type SimFilter = { and?: SimFilter[]; or?: SimFilter[]; dimensions?: SimComparison; tags?: SimComparison };
type SimComparison = { name: string; operator: 'In'; values: string[] };

const ZComparison = z.object({
  name: z.string().min(1),
  operator: z.literal('In'),
  values: z.array(z.string()).min(1),
});
const ZFilter: z.ZodType<SimFilter> = z.lazy(() =>
  z
    .object({
      and: z.array(ZFilter).min(2).optional(),
      or: z.array(ZFilter).min(2).optional(),
      dimensions: ZComparison.optional(),
      tags: ZComparison.optional(),
    })
    .refine((f) => [f.and, f.or, f.dimensions, f.tags].filter((x) => x !== undefined).length === 1, {
      message: 'a filter node holds exactly one of and, or, dimensions, tags',
    }),
);

/** The QueryDefinition wire body (2022-10-01 model) the simulator accepts. */
const ZQueryBody = z.object({
  type: z.enum(['Usage', 'ActualCost', 'AmortizedCost']),
  timeframe: z.literal('Custom', { message: 'the simulator serves timeframe Custom only' }),
  timePeriod: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
  dataset: z.object({
    granularity: z.enum(['Daily', 'None']).optional(),
    aggregation: z
      .record(
        z.string(),
        z.object({ name: z.enum(['Cost', 'PreTaxCost', 'CostUSD', 'PreTaxCostUSD']), function: z.literal('Sum') }),
      )
      .refine((a) => Object.keys(a).length >= 1 && Object.keys(a).length <= 2, {
        message: 'Query can have 1 to 2 aggregation clauses',
      }),
    grouping: z
      .array(z.object({ type: z.literal('Dimension'), name: z.string() }))
      .max(2, { message: 'Query can have up to 2 group by clauses' })
      .optional(),
    filter: ZFilter.optional(),
  }),
});

/** Dimensions the simulator can group and filter by, read from a cell. */
const DIMENSIONS: Readonly<Record<string, (cell: AzureSimCell) => string>> = {
  ResourceId: (c) => c.resource.resourceId,
  ResourceType: (c) => c.resource.resourceType,
  ResourceGroupName: (c) => c.resource.resourceGroupName,
  ResourceLocation: (c) => c.resource.location,
  ServiceName: (c) => c.meter.serviceName,
  MeterCategory: (c) => c.meter.serviceName,
  MeterSubCategory: (c) => c.meter.meterSubCategory,
  Meter: (c) => c.meter.name,
  MeterId: (c) => c.meter.meterId,
  ChargeType: (c) => (c.units < 0 ? 'Refund' : 'Usage'),
  PricingModel: () => 'OnDemand',
};

/** The canonical spelling of a dimension (the API matches names case-insensitively), or undefined. */
export function canonicalDimension(name: string): string | undefined {
  return Object.keys(DIMENSIONS).find((d) => d.toLowerCase() === name.toLowerCase());
}

/** A validated query: what to aggregate, group, filter and for which days. */
export type SimQuery = {
  /** Names of the aggregated columns (`Cost`…), one per aggregation. */
  readonly costColumns: readonly string[];
  readonly isDaily: boolean;
  /** Canonical dimension names. */
  readonly groupings: readonly string[];
  readonly filter?: SimFilter;
  readonly period: DayRange;
  /** Identifies the query, so a skiptoken cannot be replayed against another one. */
  readonly fingerprint: string;
};

/** Longest period one daily query may cover: Azure silently truncates longer ranges, the simulator refuses them. */
export const MAX_QUERY_DAYS = 31;

function checkDimensions(filter: SimFilter | undefined, problems: string[]): void {
  if (!filter) return;
  if (filter.dimensions && !canonicalDimension(filter.dimensions.name))
    problems.push(`Dimension '${filter.dimensions.name}' is invalid`);
  [...(filter.and ?? []), ...(filter.or ?? [])].forEach((f) => checkDimensions(f, problems));
}

/** Validates a query body; returns the query or a message for a 400 BadRequest. */
export function readSimQuery(body: unknown): SimQuery | string {
  const parsed = ZQueryBody.safeParse(body);
  if (!parsed.success)
    return `Invalid query definition: ${parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ')}`;
  const { dataset, timePeriod } = parsed.data;
  const problems: string[] = [];
  const groupings = (dataset.grouping ?? []).map(
    (g) => canonicalDimension(g.name) ?? (problems.push(`Dimension '${g.name}' is invalid`), g.name),
  );
  checkDimensions(dataset.filter, problems);
  const period = { start: dayOf(new Date(timePeriod.from)), end: addDays(dayOf(new Date(timePeriod.to)), 1) };
  if (period.end <= period.start) problems.push('timePeriod.to must not be before timePeriod.from');
  else if (daysBetween(period.start, period.end) > MAX_QUERY_DAYS)
    problems.push(
      `the simulator serves at most ${MAX_QUERY_DAYS} days per query (Azure silently truncates longer daily ranges)`,
    );
  if (problems.length > 0) return `Invalid query definition: ${problems.join('; ')}`;
  const costColumns = Object.values(dataset.aggregation).map((a) => a.name);
  const query = { costColumns, isDaily: dataset.granularity === 'Daily', groupings, filter: dataset.filter, period };
  return { ...query, fingerprint: JSON.stringify(query) };
}

/** True when `cell` passes `filter` (tags: the generated resources carry none). */
export function matchesFilter(filter: SimFilter | undefined, cell: AzureSimCell): boolean {
  if (!filter) return true;
  if (filter.and) return filter.and.every((f) => matchesFilter(f, cell));
  if (filter.or) return filter.or.some((f) => matchesFilter(f, cell));
  if (filter.dimensions) {
    const read = DIMENSIONS[canonicalDimension(filter.dimensions.name) ?? ''];
    const value = read?.(cell).toLowerCase();
    return filter.dimensions.values.some((v) => v.toLowerCase() === value);
  }
  return false;
}

/** The value of a grouping dimension for `cell`. */
export function dimensionValue(name: string, cell: AzureSimCell): string {
  return DIMENSIONS[name]?.(cell) ?? '';
}
