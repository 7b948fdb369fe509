import { randomUUID } from 'node:crypto';
import { eachDay, type Day } from '@spendsync/domain';
import type { FaultState } from '../../simulator/faults';
import { createRandom, deriveSeed } from '../../simulator/random';
import type { SimRequest, SimResponse } from '../../simulator/simulator-server';
import { unitsToMoney, type AzureDataset } from './dataset';
import type { AzureSimDirectory } from './sim-entra';
import { dimensionValue, matchesFilter, readSimQuery, type SimQuery } from './sim-query-definition';

/** `POST /subscriptions/{id}/providers/Microsoft.CostManagement/query`. */
export const QUERY_PATH = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.CostManagement\/query$/i;

/** What the query route needs besides the request. */
export type QueryRouteContext = {
  readonly dataset: AzureDataset;
  readonly directory: AzureSimDirectory;
  readonly subscriptionId: string;
  readonly pageSize: number;
  readonly seed: number;
  readonly baseUrl: string;
  readonly faults: FaultState;
  /** The currency of `Cost`/`PreTaxCost` and of the `Currency` column. */
  readonly billingCurrency: 'USD' | 'EUR';
};

/** The simulator's fixed exchange rate for a subscription billed in EUR (an exact decimal, so tests can check it). */
export const SIM_EUR_PER_USD = '0.92';

type Row = { day: Day | null; values: string[]; units: number };
/** Where a page starts: bucket (a day, or the whole period) and row offset; `n` counts pages. */
type Cursor = { b: number; o: number; n: number; f: string };

/** ARM's error envelope. */
export const armError = (status: number, code: string, message: string): SimResponse => ({
  status,
  body: { error: { code, message } },
});

/** Rows of one bucket: the cells of its days that pass the filter, summed per grouping values. */
function bucketRows(days: readonly Day[], query: SimQuery, ctx: QueryRouteContext): Row[] {
  const groups = new Map<string, Row>();
  for (const day of days) {
    for (const cell of ctx.dataset.cellsOn(day)) {
      if (!matchesFilter(query.filter, cell)) continue;
      const values = query.groupings.map((g) => dimensionValue(g, cell));
      const key = [query.isDaily ? day : '', ...values].join('\u0000');
      const row = groups.get(key);
      if (row) row.units += cell.units;
      else groups.set(key, { day: query.isDaily ? day : null, values, units: cell.units });
    }
  }
  return [...groups.values()];
}

/** Columns in an order that changes per query (the API's order is not fixed), with an unknown field each. */
function columnsFor(query: SimQuery, seed: number): { name: string; type: string; format: null }[] {
  const columns = [
    ...query.costColumns.map((name) => ({ name, type: 'Number' })),
    ...(query.isDaily ? [{ name: 'UsageDate', type: 'Number' }] : []),
    ...query.groupings.map((name) => ({ name, type: 'String' })),
    { name: 'Currency', type: 'String' },
  ];
  const random = createRandom(deriveSeed(seed, 'columns', query.fingerprint));
  for (let i = columns.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [columns[i], columns[j]] = [columns[j]!, columns[i]!];
  }
  return columns.map((c) => ({ ...c, format: null }));
}

function cellOf(column: string, row: Row, query: SimQuery, currency: 'USD' | 'EUR'): unknown {
  // A JSON number with at most 9 significant digits: its shortest text is the exact decimal.
  if (query.costColumns.includes(column)) {
    const usd = unitsToMoney(row.units);
    // `…USD` columns are in USD; the others in the billing currency, rounded to 8 decimals as Azure's are.
    const amount = column.endsWith('USD') || currency === 'USD' ? usd : usd.mul(SIM_EUR_PER_USD).toDecimalPlaces(8);
    return Number(amount.toFixed());
  }
  if (column === 'UsageDate') return Number(row.day!.replaceAll('-', ''));
  if (column === 'Currency') return currency;
  return row.values[query.groupings.indexOf(column)] ?? '';
}

function readCursor(token: string | null, query: SimQuery): Cursor | string {
  if (token === null) return { b: 0, o: 0, n: 1, f: query.fingerprint };
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    if (cursor.f !== query.fingerprint)
      return 'The $skiptoken belongs to another query; POST the same body to the nextLink';
    return cursor;
  } catch {
    return 'The $skiptoken is invalid';
  }
}

/** One page of rows from `cursor`, and where the next page starts (null when done). */
function readPage(
  query: SimQuery,
  cursor: Cursor,
  ctx: QueryRouteContext,
  path: string,
): { rows: Row[]; next: Cursor | null } {
  const days = eachDay(query.period);
  const buckets = query.isDaily ? days.map((d) => [d]) : [days];
  const rows: Row[] = [];
  let { b, o } = cursor;
  while (b < buckets.length && rows.length < ctx.pageSize) {
    const all = bucketRows(buckets[b]!, query, ctx);
    const taken = all.slice(o, o + ctx.pageSize - rows.length);
    rows.push(...taken);
    o += taken.length;
    if (o >= all.length) [b, o] = [b + 1, 0];
  }
  const isDone = b >= buckets.length;
  if (isDone && !ctx.faults.isEndless(path)) return { rows, next: null };
  return { rows, next: { b, o, n: cursor.n + 1, f: query.fingerprint } };
}

/** Checks the bearer token, subscription and role the way ARM does, in ARM's order. */
function authorize(request: SimRequest, ctx: QueryRouteContext, subscriptionId: string): SimResponse | undefined {
  if (!request.query.get('api-version'))
    return armError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  const header = String(request.headers.authorization ?? '');
  if (!header)
    return armError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const app = /^Bearer (\S+)$/.exec(header) ? ctx.directory.tokens.get(header.slice(7)) : undefined;
  if (!app) return armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
  if (subscriptionId.toLowerCase() !== ctx.subscriptionId)
    return armError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
  if (!app.hasCostReader) {
    return armError(
      403,
      'AuthorizationFailed',
      `The client '${app.clientId}' with object id '${app.objectId}' does not have authorization to perform action 'Microsoft.CostManagement/query/read' over scope '/subscriptions/${subscriptionId}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }
  return undefined;
}

/** Answers the Cost Management query route (first page and nextLink pages), or undefined for other paths. */
export function handleQuery(request: SimRequest, ctx: QueryRouteContext): SimResponse | undefined {
  const match = QUERY_PATH.exec(request.path);
  if (!match || request.method !== 'POST') return undefined;
  const refused = authorize(request, ctx, match[1]!);
  if (refused) return refused;
  const query = readSimQuery(request.body);
  if (typeof query === 'string') return armError(400, 'BadRequest', `${query} (Request ID: ${randomUUID()})`);
  const cursor = readCursor(request.query.get('$skiptoken'), query);
  if (typeof cursor === 'string') return armError(400, 'BadRequest', cursor);
  const { rows, next } = readPage(query, cursor, ctx, request.path);
  const columns = columnsFor(query, ctx.seed);
  // nextLink carries another api-version than the request, as in Microsoft's own example.
  const nextLink =
    next &&
    `${ctx.baseUrl}/subscriptions/${match[1]}/providers/Microsoft.CostManagement/query?api-version=2021-10-01&$skiptoken=${Buffer.from(JSON.stringify(next)).toString('base64url')}`;
  const name = randomUUID();
  return {
    status: 200,
    body: {
      id: `subscriptions/${match[1]}/providers/Microsoft.CostManagement/query/${name}`,
      name,
      type: 'Microsoft.CostManagement/query',
      location: null,
      sku: null,
      eTag: null,
      properties: {
        nextLink,
        columns,
        rows: rows.map((row) => columns.map((c) => cellOf(c.name, row, query, ctx.billingCurrency))),
        simulatorPage: cursor.n,
      },
    },
  };
}
