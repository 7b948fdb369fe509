import { addDays, eachDay, isDay, type Day } from '@spendsync/domain';
import type { SimResponse } from '../../simulator/simulator-server';
import type { LiteLlmDataset, LiteLlmSimKey, SpendRow } from './dataset';
import { dailyMetadata, dailyResults, detailErrorBody, keyRowJson, usd } from './sim-wire';

/** How the simulated proxy version behaves. */
export type LiteLlmVariant = {
  enterprise: boolean;
  paged: boolean;
  /** `end_date` of daily activity is inclusive (current proxies) or exclusive. */
  endInclusive: boolean;
  /** Top keys kept in per-key breakdowns; 0 = none (old proxies); null = all. */
  keyBreakdownLimit: number | null;
  /** Server-side page size cap (the contract suite's small pages). */
  pageSize: number | undefined;
};

const ok = (body: unknown): SimResponse => ({ status: 200, body });
const bad = (message: string): SimResponse => ({ status: 400, body: detailErrorBody(message) });
/** FastAPI's 422 for a query value out of range. */
const tooLarge = (name: string, max: number): SimResponse => ({
  status: 422,
  body: {
    detail: [
      {
        type: 'less_than_equal',
        loc: ['query', name],
        msg: `Input should be less than or equal to ${max}`,
        input: 'value',
        ctx: { le: max },
      },
    ],
  },
});

/** The days a daily-activity query covers, newest first (the table's order). */
function activityDays(dataset: LiteLlmDataset, start: Day, end: Day, inclusive: boolean): Day[] {
  const last = inclusive ? end : addDays(end, -1);
  const from = start > dataset.range.start ? start : dataset.range.start;
  const to = last < addDays(dataset.range.end, -1) ? last : addDays(dataset.range.end, -1);
  return from <= to ? eachDay({ start: from, end: addDays(to, 1) }).reverse() : [];
}

/** Rows `skip`..`skip + take` over `days` in table order, using remembered day sizes to skip whole days. */
function sliceRows(
  dataset: LiteLlmDataset,
  days: Day[],
  skip: number,
  take: number,
  only?: (k: LiteLlmSimKey) => boolean,
): SpendRow[] {
  const out: SpendRow[] = [];
  for (const day of days) {
    if (out.length >= take) break;
    const count = only ? -1 : dataset.rowCount(day);
    if (count >= 0 && skip >= count) {
      skip -= count;
      continue;
    }
    const rows = only ? dataset.rowsOn(day).filter((r) => only(r.key)) : dataset.rowsOn(day);
    out.push(...rows.slice(skip, skip + take - out.length));
    skip = Math.max(0, skip - rows.length);
  }
  return out;
}

/** `GET /user/daily/activity`; `only` scopes an internal user's key to its own keys, silently. */
export function serveDailyActivity(
  dataset: LiteLlmDataset,
  query: URLSearchParams,
  variant: LiteLlmVariant,
  endless: boolean,
  only?: (k: LiteLlmSimKey) => boolean,
): SimResponse {
  const start = query.get('start_date');
  const end = query.get('end_date');
  if (!start || !end) return bad('Please provide start_date and end_date');
  if (!isDay(start) || !isDay(end))
    return bad(`Failed to fetch analytics: invalid date '${isDay(start) ? end : start}'`);
  const days = activityDays(dataset, start, end, variant.endInclusive);
  if (!variant.paged) {
    const rows = sliceRows(dataset, days, 0, Number.MAX_SAFE_INTEGER, only);
    return ok({ results: dailyResults(rows, variant.keyBreakdownLimit), metadata: dailyMetadata(rows, null) });
  }
  const page = Number(query.get('page') ?? '1');
  const asked = Number(query.get('page_size') ?? '50');
  if (!Number.isInteger(page) || page < 1) return bad('page must be a positive integer');
  if (!Number.isInteger(asked) || asked > 1000) return tooLarge('page_size', 1000);
  const size = Math.max(1, Math.min(asked, variant.pageSize ?? asked));
  const total = only
    ? sliceRows(dataset, days, 0, Number.MAX_SAFE_INTEGER, only).length
    : days.reduce((n, d) => n + dataset.rowCount(d), 0);
  const rows = sliceRows(dataset, days, (page - 1) * size, size, only);
  const totalPages = Math.ceil(total / size);
  const paging = endless
    ? { page, totalPages: page + 1, hasMore: true }
    : { page, totalPages, hasMore: page * size < total };
  return ok({ results: dailyResults(rows, variant.keyBreakdownLimit), metadata: dailyMetadata(rows, paging) });
}

/** `GET /key/list` (admins): keys with aliases; paged with `page`/`size` unless the proxy is old. */
export function serveKeyList(
  dataset: LiteLlmDataset,
  query: URLSearchParams,
  variant: LiteLlmVariant,
  endless: boolean,
): SimResponse {
  const listed = dataset.keys.filter((k) => k.kind === 'virtual');
  const full = query.get('return_full_object') === 'true';
  const json = (keys: LiteLlmSimKey[]) => keys.map((k) => (full ? keyRowJson(k) : k.token));
  if (!variant.paged) return ok({ keys: json(listed), total_count: listed.length });
  const page = Number(query.get('page') ?? '1');
  const asked = Number(query.get('size') ?? '10');
  if (!Number.isInteger(asked) || asked > 100) return tooLarge('size', 100);
  const size = Math.max(1, Math.min(asked, variant.pageSize ?? asked));
  const totalPages = Math.max(1, Math.ceil(listed.length / size));
  return ok({
    keys: json(listed.slice((page - 1) * size, page * size)),
    total_count: listed.length,
    current_page: page,
    total_pages: endless ? page + 1 : totalPages,
  });
}

/**
 * `GET /global/spend/report?group_by=team` of an Enterprise proxy, read from spend logs with
 * `BETWEEN start::date AND end::date` on timestamps, which leaves the end day out.
 */
export function serveTeamReport(dataset: LiteLlmDataset, query: URLSearchParams): SimResponse {
  const start = query.get('start_date');
  const end = query.get('end_date');
  if (!start || !end) return bad('Please provide start_date and end_date');
  if ((query.get('group_by') ?? 'team') !== 'team') return bad('this simulator serves group_by=team only');
  const days = start < end ? eachDay({ start, end }) : [];
  return ok(
    days.flatMap((day) => {
      const teams = new Map<
        string,
        Map<string, { model: string; api_key: string; spend: number; total_tokens: number }>
      >();
      for (const row of dataset.rowsOn(day)) {
        const team = row.key.team?.alias ?? 'Unassigned Team';
        const items = teams.get(team) ?? new Map();
        teams.set(team, items);
        const id = `${row.model?.model ?? ''}|${row.key.token}`;
        const item = items.get(id) ?? {
          model: row.model?.model ?? '',
          api_key: row.key.token,
          spend: 0,
          total_tokens: 0,
        };
        items.set(id, {
          ...item,
          spend: item.spend + row.spend,
          total_tokens: item.total_tokens + row.prompt + row.completion,
        });
      }
      if (teams.size === 0) return [];
      return [
        {
          group_by_day: `${day}T00:00:00+00:00`,
          teams: [...teams].map(([team_name, items]) => ({
            team_name,
            total_spend: usd([...items.values()].reduce((s, i) => s + i.spend, 0)),
            metadata: [...items.values()].map((i) => ({ ...i, spend: usd(i.spend) })),
          })),
        },
      ];
    }),
  );
}
