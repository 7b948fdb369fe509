import { addDays, isDay, type Day, type DayRange } from '@spendsync/domain';
import type { SimResponse } from '../../simulator/simulator-server';
import type { FalDataset, FalSimLine } from './dataset';

/** Largest `limit` the simulated usage endpoint honours; larger values are capped, as fal does. */
export const FAL_SIM_MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

/**
 * fal sends amounts as JSON numbers. The dataset's decimal text has at most 15 significant
 * digits, so the nearest double prints back as the same decimal and adapters read it exactly.
 */
export const toJsonNumber = (text: string): number => Number(text);

/** A fal error body; `request_id` is one of the fields adapters must ignore. */
export function falErrorBody(status: number, message: string): unknown {
  const type =
    status === 400
      ? 'validation_error'
      : status === 401 || status === 403
        ? 'authorization_error'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : 'server_error';
  return { error: { type, message, request_id: `req_${status}_${message.length}` } };
}

/** Where a page starts; the cursor is this, base64-encoded and opaque to clients. */
type Position = { page: number; day: Day; index: number };

const encodeCursor = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64');

function decodeCursor(cursor: string): Position | undefined {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Position;
    return Number.isInteger(p.page) && isDay(p.day) && Number.isInteger(p.index) ? p : undefined;
  } catch {
    return undefined;
  }
}

function wireLine(line: FalSimLine): Record<string, unknown> {
  const base = {
    endpoint_id: line.endpointId,
    unit: line.unit,
    quantity: toJsonNumber(line.quantity),
    unit_price: toJsonNumber(line.unitPrice),
  };
  if (line.legacy) return { ...base, cost: toJsonNumber(line.total), currency: 'USD' };
  return {
    ...base,
    percent_discount: line.percentDiscount,
    cost_subtotal: toJsonNumber(line.subtotal),
    cost_discount: toJsonNumber(line.discount),
    cost_total: toJsonNumber(line.total),
    cost: toJsonNumber(line.total),
    currency: 'USD',
    billing_region: 'us-east',
  };
}

/** A day from `YYYY-MM-DD` or an ISO timestamp at midnight UTC; undefined otherwise. */
function readDay(text: string | null): Day | undefined {
  if (text === null) return undefined;
  if (isDay(text)) return text;
  const day = text.slice(0, 10);
  return isDay(day) && /^T00:00(:00(\.0+)?)?(Z|\+00:00)$/.test(text.slice(10)) ? day : undefined;
}

/** Checks the query the way fal does, or answers its 400. */
function readQuery(
  query: URLSearchParams,
  pageSize: number | undefined,
): { range: DayRange; limit: number; cursor: string | null } | SimResponse {
  const bad = (message: string): SimResponse => ({ status: 400, body: falErrorBody(400, message) });
  const start = readDay(query.get('start'));
  const end = readDay(query.get('end'));
  if (!start || !end)
    return bad('start and end must be dates (YYYY-MM-DD) or midnight UTC timestamps in this simulator');
  if (end <= start) return bad('end must be after start');
  const timeframe = query.get('timeframe');
  if (timeframe !== 'day')
    return bad(`timeframe=${timeframe ?? '(auto)'} is not served by this simulator; pass timeframe=day`);
  if ((query.get('timezone') ?? 'UTC') !== 'UTC') return bad('this simulator buckets in UTC only');
  const expand = query.getAll('expand').flatMap((e) => e.split(','));
  if (expand.length > 0 && !expand.includes('time_series')) return bad('this simulator serves expand=time_series only');
  const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1) return bad('limit must be a positive integer');
  return {
    range: { start, end },
    limit: Math.min(limit, FAL_SIM_MAX_LIMIT, pageSize ?? Infinity),
    cursor: query.get('cursor'),
  };
}

/**
 * `GET /v1/models/usage`: daily buckets of usage rows, `limit` rows a page. A page boundary may
 * fall inside a day, so that day's bucket appears on both pages; idle days are empty buckets.
 */
export function serveFalUsage(
  dataset: FalDataset,
  query: URLSearchParams,
  pageSize: number | undefined,
  endless: boolean,
): SimResponse {
  const read = readQuery(query, pageSize);
  if ('status' in read) return read;
  const { range, limit } = read;
  const position = read.cursor === null ? { page: 1, day: range.start, index: 0 } : decodeCursor(read.cursor);
  if (!position || position.day < range.start || position.day > range.end)
    return { status: 400, body: falErrorBody(400, 'Invalid cursor') };
  const buckets: { bucket: string; results: unknown[] }[] = [];
  let { day, index } = position;
  let taken = 0;
  while (day < range.end && taken < limit) {
    const lines = dataset.linesOn(day);
    const slice = lines.slice(index, index + limit - taken);
    buckets.push({ bucket: `${day}T00:00:00+00:00`, results: slice.map(wireLine) });
    taken += slice.length;
    if (index + slice.length < lines.length) {
      index += slice.length;
      break;
    }
    day = addDays(day, 1);
    index = 0;
  }
  const hasMore = endless || day < range.end;
  const next = hasMore
    ? encodeCursor({ page: position.page + 1, day: day < range.end ? day : range.end, index })
    : null;
  return {
    status: 200,
    body: { time_series: buckets, next_cursor: next, has_more: hasMore, timezone: 'UTC', timeframe: 'day' },
  };
}
