import { isDay, PROVIDER_IDS, ZDay } from '@spendsync/domain';
import { z } from 'zod';

/** Most entries one report may carry. */
export const MAX_METERED_ENTRIES = 5_000;

const count = (field: string) =>
  z
    .number({ error: `${field} must be a whole number` })
    .int({ error: `${field} must be a whole number` })
    .min(0, { error: `${field} cannot be negative` })
    .max(Number.MAX_SAFE_INTEGER)
    .nullish();

// Accepts the provider as stored ("aws-bedrock") or as the GraphQL enum spells it ("AWS_BEDROCK").
const ZProvider = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase().replace(/_/g, '-') : value),
  z.enum(PROVIDER_IDS, { error: `provider must be one of ${PROVIDER_IDS.join(', ')}` }),
);

const DECIMAL = /^\d{1,30}(\.\d{1,20})?$/;

/** A report's idempotency key: printable ASCII, 1–200 characters (a UUID, or "<app>-<day>-<batch>"). */
export const ZIdempotencyKey = z
  .string()
  .trim()
  .min(1, { error: 'idempotencyKey cannot be empty', abort: true })
  .max(200, { error: 'idempotencyKey may hold at most 200 characters' })
  .regex(/^[\x21-\x7e]+$/, { error: 'idempotencyKey must be printable ASCII without spaces' });

/** One day of one application's traffic to one model (and key, when it knows which). */
const ZMeteredUsageEntryFields = z.object({
  provider: ZProvider,
  model: z.string().trim().min(1, { error: 'model is required' }).max(300),
  /** The UTC day of the traffic; or give `timestamp` (ISO 8601) and its UTC day is used. */
  day: ZDay.nullish(),
  timestamp: z.iso
    .datetime({ offset: true, error: 'timestamp must be an ISO 8601 date-time such as "2026-01-05T13:00:00Z"' })
    .nullish(),
  /** The key's hint as spendsync shows it (e.g. `sk-proj-abc...wxyz`); matched against synced keys. */
  apiKeyHint: z.string().trim().min(1).max(200).nullish(),
  /** The spendsync id of the key, when the application knows it. */
  apiKeyId: z.uuid({ error: 'apiKeyId must be the id of an API key in spendsync' }).nullish(),
  inputTokens: count('inputTokens'),
  outputTokens: count('outputTokens'),
  requests: count('requests'),
  /** Units other than tokens and requests (images, seconds…), a decimal string. */
  units: z
    .string()
    .regex(DECIMAL, { error: 'units must be a non-negative decimal string such as "12" or "2.5"' })
    .nullish(),
  /** The application's own cost estimate, a decimal string in USD. */
  cost: z.string().regex(DECIMAL, { error: 'cost must be a non-negative decimal string such as "1.25"' }).nullish(),
});

/** The UTC day of an ISO 8601 date-time; null when the text is not a date-time at all. */
const utcDay = (timestamp: string): string | null => {
  const time = new Date(timestamp);
  return Number.isNaN(time.getTime()) ? null : time.toISOString().slice(0, 10);
};

/** An entry with its day settled: `day`, or the UTC day of `timestamp`; both must agree when both are given. */
export const ZMeteredUsageEntry = ZMeteredUsageEntryFields.superRefine((e, ctx) => {
  if (!e.day && !e.timestamp) {
    ctx.addIssue({ code: 'custom', path: ['day'], message: 'day (YYYY-MM-DD) or timestamp is required' });
  }
  // Zod runs this even when `day` or `timestamp` failed its own format check: compare only well-formed ones.
  const timestampDay = e.timestamp ? utcDay(e.timestamp) : null;
  if (e.day && isDay(e.day) && timestampDay && timestampDay !== e.day) {
    ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'timestamp falls on another UTC day than day' });
  }
}).transform(({ timestamp, ...e }) => ({ ...e, day: e.day ?? utcDay(timestamp!) }));

/** A report of metered usage, as `recordMeteredUsage` and `POST /v1/metered-usage` accept it. */
export const ZMeteredUsageBatch = z.object({
  /** Which application or SDK reports (shown next to coverage figures). */
  source: z.string().trim().min(1, { error: 'source is required (the reporting application)' }).max(200),
  entries: z
    .array(ZMeteredUsageEntry)
    .min(1, { error: 'entries must hold at least one entry' })
    .max(MAX_METERED_ENTRIES, { error: `entries may hold at most ${MAX_METERED_ENTRIES} entries; split the report` }),
  /** Makes the report safe to retry: a report with a key already used stores nothing again. */
  idempotencyKey: ZIdempotencyKey.nullish(),
});

export type MeteredUsageEntry = z.infer<typeof ZMeteredUsageEntry>;
export type MeteredUsageBatch = z.infer<typeof ZMeteredUsageBatch>;
