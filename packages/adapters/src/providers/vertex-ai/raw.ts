import { isDay } from '@spendsync/domain';
import { z } from 'zod';

/** A schema field of a query result (only scalar columns are read). */
export const ZTableField = z.object({ name: z.string(), type: z.string().optional(), mode: z.string().optional() });

/** A table cell in BigQuery's f/v encoding; scalars arrive as strings, NULL as null. */
export const ZTableCell = z.object({ v: z.unknown() });
export const ZTableRow = z.object({ f: z.array(ZTableCell) });
export type TableRow = z.infer<typeof ZTableRow>;

/** jobs.query (QueryResponse) and jobs.getQueryResults (GetQueryResultsResponse): the fields we rely on. */
export const ZQueryResultsPage = z.object({
  schema: z.object({ fields: z.array(ZTableField) }).optional(),
  jobReference: z
    .object({ projectId: z.string().optional(), jobId: z.string(), location: z.string().optional() })
    .optional(),
  rows: z.array(ZTableRow).optional(),
  pageToken: z.string().nullish(),
  jobComplete: z.boolean().optional(),
  totalRows: z.string().optional(),
  /** int64 as text; for a dry run, the bytes the query would scan. */
  totalBytesProcessed: z.string().regex(/^\d+$/).optional(),
});
export type QueryResultsPage = z.infer<typeof ZQueryResultsPage>;

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a NUMERIC decimal string');
const text = z.string().nullable();

/** One row of our query (see query.ts), after f/v decoding. */
export const ZVertexRow = z.object({
  usage_day: z.string().refine(isDay, 'expected a DATE as YYYY-MM-DD'),
  project_id: text,
  project_name: text,
  /** The billed service (Vertex AI, a partner model's Marketplace service, Gemini API); absent in older answers. */
  service: z.string().nullish(),
  sku: text,
  cost_type: text,
  usage_unit: text,
  pricing_unit: text,
  usage_amount: decimal.nullable(),
  cost_usd: decimal.nullable(),
  credits_usd: decimal.nullable(),
  exported_at: z.string().regex(/^\d+$/, 'expected TIMESTAMP as int64 microseconds').nullable(),
});
export type VertexRow = z.infer<typeof ZVertexRow>;

/** BigQuery's error envelope. */
export const ZBigQueryErrorBody = z.object({
  error: z.object({
    code: z.number(),
    message: z.string(),
    errors: z
      .array(z.object({ reason: z.string().optional(), message: z.string().optional(), domain: z.string().optional() }))
      .optional(),
    status: z.string().optional(),
  }),
});
