import { ZERO, parseMoney, type Money } from '@spendsync/domain';
import { AdapterError } from '../../errors';
import type { SpendMetrics } from './raw';

/** LiteLLM's spend metrics as exact values; a count the proxy did not send is unknown (null). */
export type Metrics = {
  spend: Money;
  requests: number | null;
  prompt: number | null;
  completion: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
};

const COUNTS = ['requests', 'prompt', 'completion', 'cacheRead', 'cacheWrite'] as const;

/** Nothing at all, for sums. */
export const NO_METRICS: Metrics = { spend: ZERO, requests: 0, prompt: 0, completion: 0, cacheRead: 0, cacheWrite: 0 };

function readCount(value: number | string | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new AdapterError(
      'litellm',
      'INVALID_RESPONSE',
      `LiteLLM: ${field} is not a count (${String(value).slice(0, 20)})`,
    );
  return n;
}

/** Reads `SpendMetrics`; `spend` is the float the proxy wrote, read digit for digit. */
export function readMetrics(raw: SpendMetrics | null | undefined): Metrics {
  return {
    // The proxy defaults spend to 0.0; a missing value means no spend.
    spend: raw?.spend === null || raw?.spend === undefined ? ZERO : parseMoney(raw.spend),
    requests: readCount(raw?.api_requests, 'api_requests'),
    prompt: readCount(raw?.prompt_tokens, 'prompt_tokens'),
    completion: readCount(raw?.completion_tokens, 'completion_tokens'),
    cacheRead: readCount(raw?.cache_read_input_tokens, 'cache_read_input_tokens'),
    cacheWrite: readCount(raw?.cache_creation_input_tokens, 'cache_creation_input_tokens'),
  };
}

function combine(a: Metrics, b: Metrics, sign: 1 | -1): Metrics {
  const out = { spend: sign === 1 ? a.spend.add(b.spend) : a.spend.sub(b.spend) } as Metrics;
  // Unknown stays unknown: a sum with an unreported part is not a count of the whole.
  for (const c of COUNTS) out[c] = a[c] === null || b[c] === null ? null : a[c] + sign * b[c];
  return out;
}

export const addMetrics = (a: Metrics, b: Metrics): Metrics => combine(a, b, 1);
export const subMetrics = (a: Metrics, b: Metrics): Metrics => combine(a, b, -1);

/** No spend and no counted usage. */
export const isEmpty = (m: Metrics): boolean => m.spend.isZero() && COUNTS.every((c) => !m[c]);

/**
 * The proxy adds the same float spends in different orders for a model and for its keys, so
 * their difference can be a few 1e-17 dollars. Below a nano-dollar, with no counted usage, a
 * difference is that rounding, not unattributed spend.
 */
export const isRoundingNoise = (m: Metrics): boolean => m.spend.abs().lt('1e-9') && COUNTS.every((c) => !m[c]);

/** True when some count went below zero (a total smaller than its parts). */
export const hasNegativeCount = (m: Metrics): boolean => COUNTS.some((c) => (m[c] ?? 0) < 0);

/** The metrics with negative counts made unknown: a negative count cannot be stored. */
export const withoutNegativeCounts = (m: Metrics): Metrics => {
  const out = { ...m };
  for (const c of COUNTS) if ((out[c] ?? 0) < 0) out[c] = null;
  return out;
};
