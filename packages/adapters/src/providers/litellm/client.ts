import type { DayRange } from '@spendsync/domain';
import type { AdapterDeps } from '../../adapter';
import { AdapterError } from '../../errors';
import { createHttpClient } from '../../http-client';
import { createRedactingLogger } from '../../logger';
import { paginate } from '../../paginate';
import { classifyLiteLlmError } from './classify-error';
import { readLiteLlmErrorMessage } from './error-message';
import { ZDailyActivity, ZKeyList, ZTeamReport, type DailyActivityPage, type KeyRow, type TeamReport } from './raw';

const LABEL = 'LiteLLM';
/** The largest `page_size` of `/user/daily/activity` (the proxy refuses more). */
export const ACTIVITY_PAGE_SIZE = 1000;
/** The largest `size` of `/key/list`. */
export const KEY_PAGE_SIZE = 100;

/** Calls of the proxy's spend and key endpoints; no mapping happens here. */
export type LiteLlmClient = {
  /**
   * `GET /global/spend/report?group_by=team` (Enterprise) for the days of `range`. The proxy
   * compares timestamps with `BETWEEN start::date AND end::date`, which already leaves the end
   * day out, so `end_date` is the range's exclusive end; stray rows of that day are the caller's to drop.
   */
  teamReport(range: DayRange, signal?: AbortSignal): Promise<TeamReport>;
  /**
   * Pages of `GET /user/daily/activity`. Its `end_date` is inclusive on current proxies and
   * exclusive on some others, so the range's exclusive end is asked for too and the caller drops
   * that day: every version then covers the whole range.
   */
  dailyActivity(range: DayRange, signal?: AbortSignal): AsyncGenerator<DailyActivityPage>;
  /** Every key of `GET /key/list`, full rows. */
  keys(signal?: AbortSignal): Promise<KeyRow[]>;
};

/**
 * The next page number, from whatever paging the answer declares: `has_more`, `total_pages` or
 * `current_page`. No paging fields means the proxy answered in one piece (asking again would
 * only repeat it). A page number other than the one asked for, or an empty page that claims
 * more, means the paging would never end.
 */
function nextPage(
  asked: number,
  declared: { page?: number | null; total_pages?: number | null; has_more?: boolean | null },
  empty: boolean,
): string | null {
  if (declared.page !== null && declared.page !== undefined && declared.page !== asked) {
    throw new AdapterError(
      'litellm',
      'INVALID_RESPONSE',
      `${LABEL}: asked for page ${asked} but got page ${declared.page}; stopped to avoid counting a page twice`,
    );
  }
  const more =
    declared.has_more ??
    (declared.total_pages !== null && declared.total_pages !== undefined ? asked < declared.total_pages : false);
  if (!more) return null;
  if (empty)
    throw new AdapterError(
      'litellm',
      'INVALID_RESPONSE',
      `${LABEL}: page ${asked} was empty but said more would follow; stopped to avoid an endless loop`,
    );
  return String(asked + 1);
}

/** Builds the client for the proxy at `baseUrl`; `apiKey` is sent as a Bearer token, `secrets` redacted everywhere. */
export function createLiteLlmClient(
  apiKey: string,
  baseUrl: string,
  secrets: readonly string[],
  deps: AdapterDeps,
): LiteLlmClient {
  const http = createHttpClient({
    provider: 'litellm',
    label: LABEL,
    baseUrl,
    fetch: deps.fetch,
    headers: { authorization: `Bearer ${apiKey}`, 'user-agent': 'spendsync/0.1 (self-hosted FinOps)' },
    secrets,
    logger: createRedactingLogger(deps.logger, secrets),
    retry: deps.retry,
    classifyError: classifyLiteLlmError,
    readErrorMessage: readLiteLlmErrorMessage,
  });
  const base = { provider: 'litellm' as const, label: LABEL, maxPages: http.policy.maxPages };

  async function keys(signal?: AbortSignal): Promise<KeyRow[]> {
    const rows: KeyRow[] = [];
    let asked = 1;
    const pages = paginate({
      ...base,
      fetchPage: (cursor) => {
        asked = Number(cursor ?? '1');
        return http.requestJson(
          { path: '/key/list', query: { page: asked, size: KEY_PAGE_SIZE, return_full_object: 'true' }, signal },
          ZKeyList,
        );
      },
      nextCursor: (page) =>
        nextPage(asked, { page: page.current_page, total_pages: page.total_pages }, page.keys.length === 0),
    });
    for await (const page of pages) rows.push(...page.keys);
    return rows;
  }

  return {
    teamReport: (range, signal) =>
      http.requestJson(
        {
          path: '/global/spend/report',
          query: { start_date: range.start, end_date: range.end, group_by: 'team' },
          signal,
        },
        ZTeamReport,
      ),
    dailyActivity: (range, signal) => {
      let asked = 1;
      return paginate({
        ...base,
        fetchPage: (cursor) => {
          asked = Number(cursor ?? '1');
          const query = { start_date: range.start, end_date: range.end, page: asked, page_size: ACTIVITY_PAGE_SIZE };
          return http.requestJson({ path: '/user/daily/activity', query, signal }, ZDailyActivity);
        },
        nextCursor: (page) => nextPage(asked, page.metadata ?? {}, page.results.length === 0),
      });
    },
    keys,
  };
}
