import { formatMoney, isDay, type Day, type VertexServiceGroup } from '@spendsync/domain';
import type { SimResponse } from '../../simulator/simulator-server';
import type { ResultRow, VertexDataset } from './dataset';
import { RESULT_COLUMNS } from '@spendsync/adapters/wire/vertex-ai';

const REASON_STATUS: Record<string, string> = {
  invalidQuery: 'INVALID_ARGUMENT',
  invalid: 'INVALID_ARGUMENT',
  authError: 'UNAUTHENTICATED',
  accessDenied: 'PERMISSION_DENIED',
  notFound: 'NOT_FOUND',
  rateLimitExceeded: 'RESOURCE_EXHAUSTED',
  backendError: 'UNAVAILABLE',
};

/** BigQuery's error envelope. */
export function bqError(status: number, reason: string, message: string): SimResponse {
  return {
    status,
    body: {
      error: {
        code: status,
        message,
        errors: [{ message, domain: 'global', reason }],
        status: REASON_STATUS[reason] ?? 'UNKNOWN',
      },
    },
  };
}

/** What a job remembers between jobs.query and jobs.getQueryResults. */
export type SimJob = {
  id: string;
  project: string;
  location: string;
  owner: string;
  days: Day[];
  groups: VertexServiceGroup[];
  totalRows: number;
  pending: boolean;
};

type Param = { name?: string; parameterType?: { type?: string }; parameterValue?: { value?: string } };

/** Reads the @start/@end TIMESTAMP parameters as whole UTC days, [start, end). */
export function readWindow(params: unknown): { start: Day; end: Day } | string {
  const list = Array.isArray(params) ? (params as Param[]) : [];
  const day = (name: string) => {
    const p = list.find((x) => x.name === name);
    if (!p || p.parameterType?.type !== 'TIMESTAMP') return undefined;
    const value = p.parameterValue?.value ?? '';
    const date = new Date(value.replace(' ', 'T').replace(/\+00(:?00)?$/, 'Z'));
    const iso = Number.isNaN(date.getTime()) ? '' : date.toISOString();
    return iso.endsWith('T00:00:00.000Z') && isDay(iso.slice(0, 10)) ? iso.slice(0, 10) : undefined;
  };
  const start = day('start');
  const end = day('end');
  if (!start || !end) return 'Query parameters @start and @end must be TIMESTAMP values at midnight UTC';
  if (end < start) return 'Query parameter @end is before @start';
  return { start, end };
}

// Column values in f/v form: every scalar a string; TIMESTAMP as int64 microseconds (useInt64Timestamp).
function cells(row: ResultRow, billingAccount: string) {
  const values: Record<(typeof RESULT_COLUMNS)[number][0], string | null> = {
    usage_day: row.day,
    project_id: row.projectId,
    project_name: row.projectName,
    service: row.service,
    sku: row.sku,
    cost_type: row.costType,
    usage_unit: row.unit,
    pricing_unit: row.pricingUnit,
    usage_amount: formatMoney(row.amount),
    cost_usd: formatMoney(row.cost),
    credits_usd: formatMoney(row.credits),
    exported_at: row.exportedAtMicros.toString(),
  };
  return { f: [...RESULT_COLUMNS.map(([name]) => ({ v: values[name] })), { v: billingAccount }] };
}

/** The result schema, plus a column the adapter does not know (unknown fields must be ignored). */
export const RESULT_SCHEMA = {
  fields: [
    ...RESULT_COLUMNS.map(([name, type]) => ({ name, type, mode: 'NULLABLE' })),
    { name: 'billing_account_id', type: 'STRING', mode: 'NULLABLE' },
  ],
};

type Position = { d: number; i: number; e?: number };
const encode = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64url');
export function decodePosition(token: string): Position | undefined {
  try {
    const p = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Position;
    return Number.isInteger(p.d) && Number.isInteger(p.i) ? p : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of a job's rows from `at`: at most `maxRows` rows and rows of at most `maxDays` days
 * (the simulator's pageSize counts days, so a small organization still spans several pages).
 * `endless` keeps issuing new tokens.
 */
export function resultPage(
  dataset: VertexDataset,
  job: SimJob,
  at: Position,
  limits: { maxRows: number; maxDays: number },
  billingAccount: string,
  endless?: number,
) {
  const rows: ReturnType<typeof cells>[] = [];
  let next: Position | undefined;
  for (let d = at.d, days = 1; d < job.days.length; d++, days++) {
    const all = dataset.resultRows(job.days[d] as Day, job.groups);
    const from = d === at.d ? at.i : 0;
    const take = all.slice(from, from + limits.maxRows - rows.length);
    rows.push(...take.map((r) => cells(r, billingAccount)));
    if (from + take.length < all.length) {
      next = { d, i: from + take.length };
      break;
    }
    if ((rows.length >= limits.maxRows || days >= limits.maxDays) && d + 1 < job.days.length) {
      next = { d: d + 1, i: 0 };
      break;
    }
  }
  const pageToken = endless !== undefined ? encode({ d: job.days.length, i: 0, e: endless }) : next && encode(next);
  return {
    schema: RESULT_SCHEMA,
    jobReference: { projectId: job.project, jobId: job.id, location: job.location },
    totalRows: String(job.totalRows),
    rows,
    pageToken,
    jobComplete: true,
    totalBytesProcessed: String(4096 * job.totalRows + 10_485_760),
    cacheHit: false,
    simulatorNote: 'rows are generated on demand',
  };
}
