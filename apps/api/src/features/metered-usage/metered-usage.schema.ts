import { PROVIDER_IDS, ZDay } from '@spendsync/domain';
import { z } from 'zod';

/** Most entries one report may carry. */
export const MAX_METERED_ENTRIES = 5_000;

const count = (field: string) => z.number({ error: `${field} must be a whole number` }).int({ error: `${field} must be a whole number` })
  .min(0, { error: `${field} cannot be negative` }).max(Number.MAX_SAFE_INTEGER).nullish();

// Accepts the provider as stored ("aws-bedrock") or as the GraphQL enum spells it ("AWS_BEDROCK").
const ZProvider = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase().replace(/_/g, '-') : value),
  z.enum(PROVIDER_IDS, { error: `provider must be one of ${PROVIDER_IDS.join(', ')}` }),
);

/** One day of one application's traffic to one model (and key, when it knows which). */
export const ZMeteredUsageEntry = z.object({
  provider: ZProvider,
  model: z.string().trim().min(1, { error: 'model is required' }).max(300),
  day: ZDay,
  /** The key's hint as spendsync shows it (e.g. `sk-proj-abc...wxyz`); matched against synced keys. */
  apiKeyHint: z.string().trim().min(1).max(200).nullish(),
  /** The spendsync id of the key, when the application knows it. */
  apiKeyId: z.uuid({ error: 'apiKeyId must be the id of an API key in spendsync' }).nullish(),
  inputTokens: count('inputTokens'),
  outputTokens: count('outputTokens'),
  requests: count('requests'),
  /** The application's own cost estimate, a decimal string in USD. */
  cost: z.string().regex(/^\d+(\.\d+)?$/, { error: 'cost must be a non-negative decimal string such as "1.25"' }).nullish(),
});

/** A report of metered usage, as `recordMeteredUsage` and `POST /v1/metered-usage` accept it. */
export const ZMeteredUsageBatch = z.object({
  /** Which application or SDK reports (shown next to coverage figures). */
  source: z.string().trim().min(1, { error: 'source is required (the reporting application)' }).max(200),
  entries: z.array(ZMeteredUsageEntry).min(1, { error: 'entries must hold at least one entry' })
    .max(MAX_METERED_ENTRIES, { error: `entries may hold at most ${MAX_METERED_ENTRIES} entries; split the report` }),
});

export type MeteredUsageEntry = z.infer<typeof ZMeteredUsageEntry>;
export type MeteredUsageBatch = z.infer<typeof ZMeteredUsageBatch>;
