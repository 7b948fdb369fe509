import { addDays, dayOf, startOfDay, type Day } from '@spendsync/domain';
import type { SimResponse } from '../../simulator/simulator-server';
import type { AnthropicDataset } from './dataset';
import { anthropicError } from './sim-errors';
import { costResults, readArray, usageResults } from './sim-reports';

/** The two time-bucketed reports. */
export type ReportKind = 'usage' | 'cost';

const GROUPS: Record<ReportKind, readonly string[]> = {
  usage: [
    'api_key_id',
    'workspace_id',
    'model',
    'service_tier',
    'context_window',
    'inference_geo',
    'speed',
    'account_id',
    'service_account_id',
  ],
  cost: ['workspace_id', 'description'],
};
const MAX_DAYS = 31;
const DEFAULT_DAYS = 7;

/** Cursor text: which day the next page starts at, plus a counter that makes endless cursors unique. */
const encodeCursor = (day: Day, n: number) => Buffer.from(JSON.stringify({ d: day, n })).toString('base64url');
function decodeCursor(text: string): { d: Day; n: number } | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { d?: unknown; n?: unknown };
    return typeof value.d === 'string' && typeof value.n === 'number' ? { d: value.d, n: value.n } : undefined;
  } catch {
    return undefined;
  }
}

type Window = { start: Day; end: Day; limit: number; from: Day; n: number; groupBy: string[] };

/** Reads and checks the query the way the API does; a string is the 400 message. */
function readWindow(kind: ReportKind, query: URLSearchParams): Window | string {
  const startText = query.get('starting_at');
  if (!startText) return 'starting_at: Field required';
  const startMs = Date.parse(startText);
  const endText = query.get('ending_at');
  const endMs = endText ? Date.parse(endText) : NaN;
  if (Number.isNaN(startMs) || (endText && Number.isNaN(endMs)))
    return 'starting_at and ending_at must be RFC 3339 times';
  const width = query.get('bucket_width') ?? '1d';
  if (width !== '1d')
    return kind === 'cost'
      ? 'bucket_width: only 1d is supported'
      : `bucket_width: the simulator serves only 1d buckets, not ${width}`;
  const limit = Number(query.get('limit') ?? DEFAULT_DAYS);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DAYS)
    return `limit: Input should be between 1 and ${MAX_DAYS}`;
  const groupBy = readArray(query, 'group_by');
  const unknown = groupBy.find((g) => !GROUPS[kind].includes(g));
  if (unknown) return `group_by: Input should be ${GROUPS[kind].map((g) => `'${g}'`).join(', ')}; got '${unknown}'`;
  // Buckets start at or after starting_at and end at or before ending_at (snapped to days).
  const start = dayOf(new Date(startMs + 86_399_999));
  const end = endText ? dayOf(new Date(endMs)) : addDays(start, limit);
  const page = query.get('page');
  const cursor = page ? decodeCursor(page) : { d: start, n: 0 };
  if (!cursor) return 'page: invalid page token';
  return { start, end, limit, from: cursor.d, n: cursor.n, groupBy };
}

/**
 * `GET /v1/organizations/usage_report/messages` and `GET /v1/organizations/cost_report`: one
 * bucket per day (empty `results` for idle days), `limit` buckets per page, an opaque
 * `next_page` cursor. With the endless fault, paging never says it is done.
 */
export function handleReport(
  kind: ReportKind,
  query: URLSearchParams,
  dataset: AnthropicDataset,
  pageSize: number | undefined,
  endless: boolean,
): SimResponse {
  const window = readWindow(kind, query);
  if (typeof window === 'string') return anthropicError(400, window);
  const days: Day[] = [];
  for (
    let d = window.from;
    d < window.end && days.length < Math.min(window.limit, pageSize ?? window.limit);
    d = addDays(d, 1)
  )
    days.push(d);
  const next = days.length > 0 ? addDays(days[days.length - 1] as Day, 1) : window.end;
  const hasMore = endless || next < window.end;
  const data = days.map((day) => {
    const generated = dataset.day(day);
    const results =
      kind === 'usage'
        ? usageResults(filterUsage(generated.usage, query), window.groupBy)
        : costResults(generated.cost, window.groupBy);
    return {
      starting_at: startOfDay(day).toISOString().replace('.000Z', 'Z'),
      ending_at: startOfDay(addDays(day, 1)).toISOString().replace('.000Z', 'Z'),
      results,
      bucket_width: '1d',
    };
  });
  return {
    status: 200,
    body: {
      data,
      has_more: hasMore,
      next_page: hasMore ? encodeCursor(next, window.n + 1) : null,
      data_source: 'simulator',
    },
  };
}

function filterUsage<T extends { apiKeyId: string | null; workspaceId: string | null; model: string }>(
  cells: readonly T[],
  query: URLSearchParams,
): readonly T[] {
  const keys = readArray(query, 'api_key_ids');
  const workspaces = readArray(query, 'workspace_ids');
  const models = readArray(query, 'models');
  if (keys.length + workspaces.length + models.length === 0) return cells;
  return cells.filter(
    (c) =>
      (keys.length === 0 || keys.includes(c.apiKeyId ?? '')) &&
      (workspaces.length === 0 || workspaces.includes(c.workspaceId ?? '')) &&
      (models.length === 0 || models.includes(c.model)),
  );
}
