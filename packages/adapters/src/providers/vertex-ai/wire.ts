/**
 * The wire format of BigQuery (the Vertex AI billing export) as the adapter speaks it: the zod schemas
 * of raw.ts and the other values client and server must agree on. The simulator imports them
 * (`@spendsync/adapters/wire/vertex-ai`), so it cannot drift from what the adapter sends and parses.
 */
export { ZTableField, ZTableCell, ZTableRow, ZQueryResultsPage, ZVertexRow, ZBigQueryErrorBody } from './raw';
export type { TableRow, QueryResultsPage, VertexRow } from './raw';
export { GOOGLE_TOKEN_URL } from './auth';
export { RESULT_COLUMNS } from './query';
