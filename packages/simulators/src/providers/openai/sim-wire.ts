import { dayOf } from '@spendsync/domain';
import type { SimRequest, SimResponse } from '../../simulator/simulator-server';

// Wire details of OpenAI's Admin API as the simulator speaks them: error bodies, auth,
// array query params and bucket paging.

const DAY_SECONDS = 86_400;

/** OpenAI's error envelope. */
export function openAiError(
  status: number,
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
  param: string | null = null,
): SimResponse {
  return { status, body: { error: { message, type, param, code } } };
}

const MISSING_SCOPE = 'You have insufficient permissions for this operation. Missing scopes: api.usage.read.';

/** Keys the simulated organization knows. */
export type SimKeys = { adminKey: string; scopelessKey: string };

/**
 * Checks `Authorization: Bearer <key>` the way OpenAI answers: no key 401, unknown key 401
 * `invalid_api_key` (with the key masked), project/service-account/scopeless admin keys 403
 * missing scopes, in the envelope or, where `bareScopeError`, as a bare string.
 */
export function checkAuth(request: SimRequest, keys: SimKeys, bareScopeError: boolean): SimResponse | undefined {
  const match = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''));
  if (!match) {
    return openAiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    );
  }
  const key = match[1] ?? '';
  if (key === keys.adminKey) return undefined;
  if (key === keys.scopelessKey || key.startsWith('sk-proj-') || key.startsWith('sk-svcacct-')) {
    return bareScopeError ? { status: 403, body: { error: MISSING_SCOPE } } : openAiError(403, MISSING_SCOPE);
  }
  const masked = `${key.slice(0, key.startsWith('sk-admin-') ? 9 : 3)}****${key.slice(-4)}`;
  return openAiError(
    401,
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

/** An array param sent repeated (`group_by=a&group_by=b`) or bracketed (`group_by[]=a`). */
export function arrayParam(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(name), ...query.getAll(`${name}[]`)];
}

const encodeCursor = (startTime: number, salt?: number) =>
  `page_${Buffer.from(salt === undefined ? `${startTime}` : `${startTime}:${salt}`).toString('base64')}`;

function decodeCursor(page: string): number | undefined {
  if (!page.startsWith('page_')) return undefined;
  const [time] = Buffer.from(page.slice(5), 'base64').toString('utf8').split(':');
  const value = Number(time);
  return Number.isInteger(value) ? value : undefined;
}

/** One page of 1d buckets: their start times, and the cursor to the next page. */
export type BucketPage = {
  buckets: { start: number; end: number; day: string }[];
  hasMore: boolean;
  nextPage: string | null;
};

export type BucketPaging = {
  maxLimit: number;
  defaultLimit: number;
  pageSize?: number;
  endless: boolean;
  salt: () => number;
};

/** Reads start_time/end_time/bucket_width/limit/page and cuts one page of buckets, or answers 400. */
export function pageBuckets(query: URLSearchParams, paging: BucketPaging): BucketPage | SimResponse {
  const startTime = Number(query.get('start_time'));
  if (!query.has('start_time') || !Number.isInteger(startTime))
    return openAiError(
      400,
      "Missing required parameter: 'start_time'.",
      'invalid_request_error',
      'missing_required_parameter',
      'start_time',
    );
  const width = query.get('bucket_width') ?? '1d';
  if (width !== '1d')
    return openAiError(
      400,
      `bucket_width '${width}' is not supported by this simulator; use 1d.`,
      'invalid_request_error',
      null,
      'bucket_width',
    );
  const limit = query.has('limit') ? Number(query.get('limit')) : paging.defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > paging.maxLimit) {
    return openAiError(
      400,
      `Invalid 'limit': must be between 1 and ${paging.maxLimit} for bucket_width 1d.`,
      'invalid_request_error',
      null,
      'limit',
    );
  }
  const endTime = query.has('end_time') ? Number(query.get('end_time')) : startTime + limit * DAY_SECONDS;
  const page = query.get('page');
  const from = page === null ? startTime : decodeCursor(page);
  if (from === undefined) return openAiError(400, 'Invalid page cursor.', 'invalid_request_error', null, 'page');
  const size = Math.min(limit, paging.pageSize ?? limit);
  const buckets: BucketPage['buckets'] = [];
  let t = from;
  for (; t < endTime && buckets.length < size; t += DAY_SECONDS)
    buckets.push({ start: t, end: Math.min(t + DAY_SECONDS, endTime), day: dayOf(new Date(t * 1000)) });
  if (paging.endless) return { buckets, hasMore: true, nextPage: encodeCursor(from, paging.salt()) };
  const hasMore = t < endTime;
  return { buckets, hasMore, nextPage: hasMore ? encodeCursor(t) : null };
}

/** Lists paged with `limit` (1–100) and `after` = the last id seen. */
export function pageList<T extends { id: string }>(
  items: readonly T[],
  query: URLSearchParams,
  pageSize: number | undefined,
  endless: boolean,
): SimResponse {
  const limit = query.has('limit') ? Number(query.get('limit')) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return openAiError(400, "Invalid 'limit': must be between 1 and 100.", 'invalid_request_error', null, 'limit');
  const after = query.get('after');
  const from = after === null ? 0 : items.findIndex((item) => item.id === after) + 1;
  if (after !== null && from === 0)
    return openAiError(400, `Invalid 'after': no object with id ${after}.`, 'invalid_request_error', null, 'after');
  const data = items.slice(from, from + Math.min(limit, pageSize ?? limit));
  const hasMore = endless || from + data.length < items.length;
  return {
    status: 200,
    body: { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore },
  };
}

/**
 * Sums `rows` per combination of the `groupBy` fields; fields not grouped come back null, as
 * OpenAI sends them. `sum` reads a row's additive fields.
 */
export function groupRows<R>(
  rows: readonly R[],
  groupBy: readonly string[],
  fields: readonly string[],
  sum: (row: R) => Record<string, number | undefined>,
): Record<string, unknown>[] {
  const grouped = fields.filter((f) => groupBy.includes(f));
  const groups = new Map<string, Record<string, unknown> & { totals: Record<string, number> }>();
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    // A plain string key: this runs for every row of every page of a million-record benchmark.
    let id = '';
    for (const f of grouped) id += `${values[f] ?? '\u0000'}\u001f`;
    let group = groups.get(id);
    if (!group) {
      group = { totals: {} };
      for (const f of fields) group[f] = grouped.includes(f) ? (values[f] ?? null) : null;
      groups.set(id, group);
    }
    const sums = sum(row);
    for (const name in sums) {
      const value = sums[name];
      if (value !== undefined) group.totals[name] = (group.totals[name] ?? 0) + value;
    }
  }
  return [...groups.values()].map(({ totals, ...keys }) => ({ ...totals, ...keys }));
}
