import { z } from 'zod';

/**
 * Zod schemas of the Cost Management Query API fields the adapter relies on
 * (cloud-apis.md §3). Unknown fields are ignored; cells stay `unknown` because the column
 * order and types vary, and the mapping reads each cell by its column's name.
 */

/** One column of a query result: `{ name: 'Cost', type: 'Number' }`. */
export const ZQueryColumn = z.object({ name: z.string().min(1), type: z.string().nullish() });
export type QueryColumn = z.infer<typeof ZQueryColumn>;

/** One page of rows, as the SDK returns it (it flattens `properties` away). */
export const ZQueryPage = z.object({
  /** Absent when the API answered `204` (the SDK then returns `{}`): no data. */
  columns: z.array(ZQueryColumn).default([]),
  rows: z.array(z.array(z.unknown())).default([]),
  /** Full URL with `$skiptoken`; POST the same body to it for the next page. */
  nextLink: z.string().nullish(),
});
export type QueryPage = z.infer<typeof ZQueryPage>;

/**
 * The raw wire body of a page fetched through the pipeline (`nextLink`): the page sits under
 * `properties`. A `204` or `{}` means no data and reads as an empty page.
 */
export const ZQueryWireBody = z.object({ properties: ZQueryPage.optional() });

/** ARM's error envelope: `{"error":{"code","message"}}`. */
export const ZArmError = z.object({
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }),
});
export type ArmError = z.infer<typeof ZArmError>;

/** Entra ID's token error body: `{"error":"invalid_client","error_description":"AADSTS7000215: …","error_codes":[7000215]}`. */
export const ZEntraError = z.object({
  error: z.string(),
  error_description: z.string().nullish(),
  error_codes: z.array(z.number()).nullish(),
});
export type EntraError = z.infer<typeof ZEntraError>;
