/** Headers a throttled Azure answer may carry, in seconds (cloud-apis.md §3 "Errors and throttling"). */
export const AZURE_RETRY_AFTER_SECONDS_HEADERS = [
  'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-client-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-clienttype-retry-after',
  'x-ms-ratelimit-microsoft.consumption-retry-after',
] as const;

/** Headers in milliseconds that Azure's own retry policy reads. */
const MILLISECOND_HEADERS = ['retry-after-ms', 'x-ms-retry-after-ms'] as const;

/** Reads headers case-insensitively, as both `Headers` and the SDK's `HttpHeaders` do. */
export type HeaderReader = { get(name: string): string | null | undefined };

function toMs(value: string | null | undefined, msPerUnit: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n * msPerUnit : undefined;
}

function retryAfter(value: string | null | undefined, now: number): number | undefined {
  const fromSeconds = toMs(value, 1000);
  if (fromSeconds !== undefined || !value) return fromSeconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long Azure asked us to wait, in ms: the LARGEST of every retry-after header present, since
 * each names a different quota (QPU, entity, tenant, client) and all of them must have reset.
 * The SDK's own retry policy reads only `Retry-After`, so a 429 carrying only the Cost
 * Management headers would otherwise fail at once. Undefined when no header says.
 */
export function readAzureRetryAfter(headers: HeaderReader, now = Date.now()): number | undefined {
  const waits = [
    ...AZURE_RETRY_AFTER_SECONDS_HEADERS.map((name) => toMs(headers.get(name), 1000)),
    ...MILLISECOND_HEADERS.map((name) => toMs(headers.get(name), 1)),
    retryAfter(headers.get('retry-after'), now),
  ].filter((ms): ms is number => ms !== undefined);
  return waits.length === 0 ? undefined : Math.max(...waits);
}
