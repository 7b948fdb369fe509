import { isDay, parseMoney } from '@spendsync/domain';
import { z } from 'zod';

/*
 * The fields of Runway's Developer API we rely on (providers/saas-apis.md §6, SDK
 * `resources/organization.ts`). Unknown fields, including the "reserved for future use"
 * `apiKeys` and `resultsByApiKey`, are ignored.
 */

/** A credit amount: a JSON number (or decimal text) that reads as an exact decimal; may be negative. */
const ZCredits = z.union([z.number(), z.string()]).refine(
  (value) => {
    try {
      parseMoney(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'Expected a credit amount' },
);

/** Net credits of one model on one day; negative when refunds exceeded charges. */
export const ZRunwayUsedCredit = z.object({
  /** Open-ended: Runway adds models often, so any name is accepted. */
  model: z.string().min(1),
  amount: ZCredits,
});
export type RunwayUsedCredit = z.infer<typeof ZRunwayUsedCredit>;

/** `POST /v1/organization/usage`: one entry per UTC day, credits per model. */
export const ZRunwayUsage = z.object({
  results: z.array(
    z.object({
      date: z.string().refine(isDay, { message: 'Expected a date as YYYY-MM-DD' }),
      usedCredits: z.array(ZRunwayUsedCredit).nullish(),
    }),
  ),
  models: z.array(z.string()).nullish(),
});
export type RunwayUsage = z.infer<typeof ZRunwayUsage>;

/** `GET /v1/organization`: the credit balance is the one figure verify reports. */
export const ZRunwayOrganization = z.object({
  creditBalance: ZCredits.nullish(),
  tier: z.object({ maxMonthlyCreditSpend: z.number().nullish() }).nullish(),
});
export type RunwayOrganization = z.infer<typeof ZRunwayOrganization>;

/** Runway's error body: `{error, issues?, code?, docUrl?}` (issues list validation problems). */
export const ZRunwayErrorBody = z.object({
  error: z.string(),
  issues: z
    .array(z.object({ message: z.string().nullish(), path: z.array(z.union([z.string(), z.number()])).nullish() }))
    .nullish(),
  code: z.string().nullish(),
  docUrl: z.string().nullish(),
});
export type RunwayErrorBody = z.infer<typeof ZRunwayErrorBody>;
