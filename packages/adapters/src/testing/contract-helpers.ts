import { expect } from '@jest/globals';
import { addDays, startOfDay, sumMoney, type CostRecord, type DayRange, type Money } from '@spendsync/domain';
import type { AdapterDeps, BillingAdapter } from '../adapter';
import { AdapterError } from '../errors';
import type { RetryPolicy } from '../http';
import { silentLogger, type Logger } from '../logger';
import type { ProviderSimulator } from './provider-simulator';

/** Short backoff, timeout and paging limits so contract and unit tests stay fast. */
export const TEST_RETRY_POLICY: Partial<RetryPolicy> = {
  baseDelayMs: 5,
  maxDelayMs: 20,
  timeoutMs: 3000,
  maxPages: 25,
};

/** A logger that keeps every line (message plus JSON fields) for later inspection. */
export type CapturingLogger = Logger & { readonly lines: string[] };

/** Creates a {@link CapturingLogger}; lines look like `warn OpenAI: retry 1/4 {"path":"…"}`. */
export function createCapturingLogger(): CapturingLogger {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  };
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * Deps that point an adapter at `simulator`: global fetch, short retries, a clock two days after
 * the simulator's data ends, and whatever seams the simulator adds (base URL, SDK options).
 */
export function createTestDeps(
  simulator: ProviderSimulator,
  logger: Logger = silentLogger,
  overrides: Partial<AdapterDeps> = {},
): AdapterDeps {
  const fromSimulator = simulator.adapterDeps();
  return {
    fetch: globalThis.fetch,
    now: () => startOfDay(addDays(simulator.dataRange.end, 2)),
    logger,
    ...fromSimulator,
    ...overrides,
    retry: { ...TEST_RETRY_POLICY, ...fromSimulator.retry, ...overrides.retry },
  };
}

/** Every record the adapter yields for `range`, plus the number of pages it yielded. */
export async function collectRecords(
  adapter: BillingAdapter,
  range: DayRange,
  signal?: AbortSignal,
): Promise<{ records: CostRecord[]; pages: number }> {
  const records: CostRecord[] = [];
  let pages = 0;
  for await (const page of adapter.listCostRecords(range, signal)) {
    pages++;
    records.push(...page);
  }
  return { records, pages };
}

/** Exact totals of `cost` and `creditsApplied`. */
export function sumRecords(records: readonly CostRecord[]): { cost: Money; credits: Money } {
  return { cost: sumMoney(records.map((r) => r.cost)), credits: sumMoney(records.map((r) => r.creditsApplied)) };
}

const SECRET_KEY = /key|secret|token|password|private|credential/i;
const NOT_SECRET_KEY = /(uri|url)$/i;
const MIN_SECRET_LENGTH = 6;

/**
 * The secret strings of credential objects: every string (6+ chars) under a key that names a
 * secret (`apiKey`, `secretAccessKey`, `private_key`, `clientSecret`, …, but not `token_uri`),
 * searched recursively, including inside strings that hold JSON (service-account files).
 * Deliberately broad: an id like `accessKeyId` or `private_key_id` counts as secret too.
 */
export function collectSecrets(...credentials: unknown[]): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, isSecret: boolean): void => {
    if (typeof value === 'string') {
      const json = parseJsonObject(value);
      if (json) visit(json, isSecret);
      else if (isSecret && value.length >= MIN_SECRET_LENGTH) found.add(value);
    } else if (Array.isArray(value)) {
      value.forEach((item) => visit(item, isSecret));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value))
        visit(item, isSecret || (SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key)));
    }
  };
  credentials.forEach((c) => visit(c, false));
  return [...found];
}

function parseJsonObject(text: string): object | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The messages of an error and of its whole cause chain (and AggregateError members). */
export function errorTexts(error: unknown, depth = 0): string[] {
  if (depth > 10 || error === undefined || error === null) return [];
  if (!(error instanceof Error)) return [String(error)];
  const nested = error instanceof AggregateError ? error.errors.flatMap((e) => errorTexts(e, depth + 1)) : [];
  return [`${error.name}: ${error.message}`, ...nested, ...errorTexts(error.cause, depth + 1)];
}

/**
 * Each text that holds a secret, naming the secret by position and length (never quoting it)
 * with the text redacted, at most `limit` of them.
 */
export function findSecretLeaks(
  texts: readonly string[],
  secrets: readonly string[],
  limit = 5,
): { secret: string; text: string }[] {
  const leaks = secrets.flatMap((secret, i) =>
    texts
      .filter((t) => t.includes(secret))
      .map((t) => ({
        secret: `secret #${i + 1} (${secret.length} chars)`,
        text: t.split(secret).join('<SECRET>').slice(0, 200),
      })),
  );
  return leaks.slice(0, limit);
}

/** Awaits `promise`, expects it to reject with an AdapterError (of `code`, when given) and returns it. */
export async function catchAdapterError(promise: Promise<unknown>, code?: AdapterError['code']): Promise<AdapterError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof AdapterError)) {
    throw new Error(
      `Expected an AdapterError${code ? ` (${code})` : ''}, got ${caught === undefined ? 'success' : errorTexts(caught).join(' <- ')}`,
    );
  }
  if (code !== undefined) expect(`${caught.code}: ${caught.message}`).toMatch(new RegExp(`^${code}: `));
  return caught;
}
