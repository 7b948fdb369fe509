import type { z } from 'zod';
import { ZVertexRow, type QueryResultsPage, type VertexRow } from './raw';

/**
 * Decodes f/v rows by the page's schema into objects keyed by column name, then validates them.
 * Columns are matched by name, never position; unknown columns are ignored. Throws a TypeError
 * naming the first problem (the caller reports INVALID_RESPONSE).
 */
export function decodeRows(page: QueryResultsPage): VertexRow[] {
  const rows = page.rows ?? [];
  if (rows.length === 0) return [];
  const fields = page.schema?.fields;
  if (!fields) throw new TypeError('rows arrived without a schema');
  return rows.map((row, i) => {
    const object: Record<string, unknown> = {};
    fields.forEach((field, column) => {
      object[field.name] = row.f[column]?.v ?? null;
    });
    const parsed = ZVertexRow.safeParse(object);
    if (!parsed.success) throw new TypeError(`row ${i}: ${describe(parsed.error)}`);
    return parsed.data;
  });
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`)
    .join('; ');
}
