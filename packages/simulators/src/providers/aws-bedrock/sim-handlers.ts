import { ZERO, addDays, eachDay, formatMoney, isDay, type Day, type Money } from '@spendsync/domain';
import type { SimResponse } from '../../simulator/simulator-server';
import { deriveSeed } from '../../simulator/random';
import { DECOY_SERVICES, type BedrockDataset, type SimRow } from './dataset';

/** Cost Explorer's error answer (awsJson 1.1): HTTP 400 with `__type` and `Message`. */
export function ceError(type: string, message: string, status = 400): SimResponse {
  return { status, body: { __type: type, Message: message }, headers: { 'x-amzn-errortype': `${type}:` } };
}

type Dimension = { Key?: string; Values?: string[] };
type Expression = { And?: Expression[]; Or?: Expression[]; Not?: Expression; Dimensions?: Dimension };

const FIELD: Record<string, (row: SimRow) => string> = {
  SERVICE: (r) => r.service,
  RECORD_TYPE: (r) => r.recordType,
  LINKED_ACCOUNT: (r) => r.account,
  USAGE_TYPE: (r) => r.usageType,
};

/** Evaluates a filter Expression; throws a message for what the simulator does not support. */
function matches(expression: Expression | undefined, row: SimRow): boolean {
  if (!expression) return true;
  if (expression.And) return expression.And.every((e) => matches(e, row));
  if (expression.Or) return expression.Or.some((e) => matches(e, row));
  if (expression.Not) return !matches(expression.Not, row);
  const dim = expression.Dimensions;
  const read = dim?.Key ? FIELD[dim.Key] : undefined;
  if (!dim || !read) throw new Error(`unsupported filter ${JSON.stringify(expression).slice(0, 120)}`);
  return (dim.Values ?? []).includes(read(row));
}

type Position = { d: number; o: number; h: number; e?: string };
const encode = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64url');
function decode(token: string): Position | undefined {
  try {
    const p = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Position;
    return Number.isInteger(p.d) && Number.isInteger(p.o) && Number.isInteger(p.h) ? p : undefined;
  } catch {
    return undefined;
  }
}
/** Hash of a request without its token: a token only continues the request that issued it. */
const requestHash = (input: Record<string, unknown>) =>
  deriveSeed(0, JSON.stringify({ ...input, NextPageToken: undefined }));

type Group = { account: string; second: string; cost: Money; quantity: Money; unit: string };

/**
 * One day's groups by LINKED_ACCOUNT × `second` (USAGE_TYPE or RECORD_TYPE); record types the
 * filter lets through net into one group, as in Cost Explorer.
 */
function dayGroups(
  dataset: BedrockDataset,
  day: Day,
  filter: Expression | undefined,
  second: 'USAGE_TYPE' | 'RECORD_TYPE',
): Group[] {
  const groups = new Map<string, Group>();
  const read = FIELD[second] as (row: SimRow) => string;
  for (const row of dataset.rows(day)) {
    if (!matches(filter, row)) continue;
    const key = `${row.account}|${read(row)}`;
    const g = groups.get(key) ?? {
      account: row.account,
      second: read(row),
      cost: ZERO,
      quantity: ZERO,
      unit: row.unit,
    };
    groups.set(key, { ...g, cost: g.cost.add(row.cost), quantity: g.quantity.add(row.quantity) });
  }
  return [...groups.values()];
}

function metrics(names: string[], g: { cost: Money; quantity: Money; unit: string }) {
  const out: Record<string, { Amount: string; Unit: string }> = {};
  for (const name of names) {
    if (name === 'UsageQuantity') out[name] = { Amount: formatMoney(g.quantity), Unit: g.unit };
    else out[name] = { Amount: formatMoney(g.cost), Unit: 'USD' };
  }
  return out;
}

function readPeriod(input: Record<string, unknown>): { days: Day[] } | SimResponse {
  const period = (input.TimePeriod ?? {}) as { Start?: string; End?: string };
  if (!period.Start || !period.End || !isDay(period.Start) || !isDay(period.End))
    return ceError('ValidationException', 'TimePeriod needs Start and End as YYYY-MM-DD');
  if (period.Start >= period.End)
    return ceError('ValidationException', 'Start date (and hour) should be before end date (and hour)');
  return { days: eachDay({ start: period.Start, end: period.End }) };
}

/** Most groups one GetCostAndUsage page holds; a day with more is split across pages. */
const MAX_GROUPS = 500;

/** GetCostAndUsage: DAILY; either no GroupBy (totals) or LINKED_ACCOUNT × USAGE_TYPE | RECORD_TYPE, paged by days. */
export function costAndUsage(
  dataset: BedrockDataset,
  input: Record<string, unknown>,
  dayBuckets: number,
  endless?: string,
): SimResponse {
  const period = readPeriod(input);
  if ('status' in period) return period;
  const names = Array.isArray(input.Metrics) ? (input.Metrics as string[]) : [];
  if (input.Granularity !== 'DAILY' || names.length === 0)
    return ceError('ValidationException', 'The simulator serves Granularity DAILY with at least one metric');
  const groupBy = ((input.GroupBy ?? []) as { Key?: string }[]).map((g) => g.Key).join(',');
  if (groupBy !== '' && groupBy !== 'LINKED_ACCOUNT,USAGE_TYPE' && groupBy !== 'LINKED_ACCOUNT,RECORD_TYPE') {
    return ceError(
      'ValidationException',
      `The simulator groups by LINKED_ACCOUNT and USAGE_TYPE or RECORD_TYPE only, not ${groupBy}`,
    );
  }
  const second = groupBy.endsWith('RECORD_TYPE') ? 'RECORD_TYPE' : 'USAGE_TYPE';
  const filter = input.Filter as Expression | undefined;
  const extra = { SimulatorRequestId: `sim-${requestHash(input)}` };
  try {
    if (groupBy === '') {
      const ResultsByTime = period.days.map((day) => {
        const total = dataset
          .rows(day)
          .filter((r) => matches(filter, r))
          .reduce((sum, r) => sum.add(r.cost), ZERO);
        return {
          TimePeriod: { Start: day, End: addDays(day, 1) },
          Total: metrics(names, { cost: total, quantity: ZERO, unit: 'N/A' }),
          Groups: [],
          Estimated: false,
        };
      });
      return { status: 200, body: { GroupDefinitions: [], ResultsByTime, DimensionValueAttributes: [], ...extra } };
    }
    const h = requestHash(input);
    const token = typeof input.NextPageToken === 'string' ? input.NextPageToken : undefined;
    const at = token ? decode(token) : { d: 0, o: 0, h };
    if (!at) return ceError('InvalidNextTokenException', 'The pagination token is invalid.');
    if (at.h !== h)
      return ceError(
        'RequestChangedException',
        'Your request parameters changed between pages. Submit your request again.',
      );
    const ResultsByTime: unknown[] = [];
    const accounts = new Set<string>();
    let taken = 0;
    let next: Position | undefined;
    // A page holds at most `dayBuckets` days and MAX_GROUPS groups; a big day is split across pages.
    for (let d = at.d; d < period.days.length; d++) {
      const day = period.days[d] as Day;
      const groups = dayGroups(dataset, day, filter, second);
      const from = d === at.d ? at.o : 0;
      const slice = groups.slice(from, from + MAX_GROUPS - taken);
      taken += slice.length;
      slice.forEach((g) => accounts.add(g.account));
      ResultsByTime.push({
        TimePeriod: { Start: day, End: addDays(day, 1) },
        Total: {},
        Groups: slice.map((g) => ({ Keys: [g.account, g.second], Metrics: metrics(names, g) })),
        Estimated: day >= addDays(dataset.range.end, -2),
      });
      if (from + slice.length < groups.length) {
        next = { d, o: from + slice.length, h };
        break;
      }
      if (ResultsByTime.length >= dayBuckets && d + 1 < period.days.length) {
        next = { d: d + 1, o: 0, h };
        break;
      }
    }
    const NextPageToken = endless ? encode({ d: period.days.length, o: 0, h, e: endless }) : next && encode(next);
    const DimensionValueAttributes = dataset.accounts
      .filter((a) => accounts.has(a.id))
      .map((a) => ({ Value: a.id, Attributes: { description: a.name, status: 'ACTIVE' } }));
    return {
      status: 200,
      body: {
        GroupDefinitions: [
          { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
          { Type: 'DIMENSION', Key: second },
        ],
        ResultsByTime,
        DimensionValueAttributes,
        NextPageToken,
        ...extra,
      },
    };
  } catch (error) {
    return ceError('ValidationException', (error as Error).message);
  }
}

const OTHER_SERVICES = ['AWS Lambda', 'Amazon Elastic Compute Cloud - Compute', 'Amazon Simple Storage Service'];

/** GetDimensionValues for SERVICE (with SearchString) and LINKED_ACCOUNT, paged by offset. */
export function dimensionValues(
  dataset: BedrockDataset,
  input: Record<string, unknown>,
  pageSize: number,
  endless?: string,
): SimResponse {
  const period = readPeriod(input);
  if ('status' in period) return period;
  const overlaps = period.days.some((d) => d >= dataset.range.start && d < dataset.range.end);
  let values: { Value: string; Attributes: Record<string, string> }[];
  if (input.Dimension === 'SERVICE') {
    const search = typeof input.SearchString === 'string' ? input.SearchString.toLowerCase() : '';
    const names = overlaps ? [...dataset.services, ...DECOY_SERVICES, ...OTHER_SERVICES] : [];
    values = names
      .filter((n) => n.toLowerCase().includes(search))
      .sort()
      .map((Value) => ({ Value, Attributes: {} }));
  } else if (input.Dimension === 'LINKED_ACCOUNT') {
    values = overlaps ? dataset.accounts.map((a) => ({ Value: a.id, Attributes: { description: a.name } })) : [];
  } else {
    return ceError(
      'ValidationException',
      `The simulator serves SERVICE and LINKED_ACCOUNT values, not ${String(input.Dimension)}`,
    );
  }
  const token = typeof input.NextPageToken === 'string' ? input.NextPageToken : undefined;
  const at = token ? decode(token) : { d: 0, o: 0, h: requestHash(input) };
  if (!at) return ceError('InvalidNextTokenException', 'The pagination token is invalid.');
  const h = requestHash(input);
  if (at.h !== h)
    return ceError(
      'RequestChangedException',
      'Your request parameters changed between pages. Submit your request again.',
    );
  const page = values.slice(at.o, at.o + pageSize);
  const more = at.o + pageSize < values.length;
  const NextPageToken = endless
    ? encode({ d: 0, o: values.length, h, e: endless })
    : more
      ? encode({ d: 0, o: at.o + pageSize, h })
      : undefined;
  return {
    status: 200,
    body: {
      DimensionValues: page,
      ReturnSize: page.length,
      TotalSize: values.length,
      NextPageToken,
      SimulatorNote: 'values are sorted by name',
    },
  };
}
