import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../errors';
import { parseMeteredUsageBatch } from './metered-usage.service';

const entry = { provider: 'openai', model: 'gpt-4o', day: '2026-01-05' };
const undated = { provider: 'openai', model: 'm' };
const NEXT_DAY = '2026-01-06T00:00:00Z';
const TIMESTAMP = 'entries.0.timestamp';

function issuesOf(input: unknown): { field: string; message: string }[] {
  try {
    parseMeteredUsageBatch(input);
  } catch (error) {
    if (error instanceof ApiError) return error.extensions.issues as { field: string; message: string }[];
    throw error;
  }
  return [];
}

describe('parseMeteredUsageBatch', () => {
  it('reads providers spelled as stored or as the GraphQL enum, and keeps unknowns null-ish', () => {
    const batch = parseMeteredUsageBatch({
      source: ' app ',
      entries: [{ ...entry, provider: 'AWS_BEDROCK', inputTokens: 3_000_000_000, cost: '0.10' }],
    });
    expect(batch).toEqual({
      source: 'app',
      entries: [{ ...entry, provider: 'aws-bedrock', inputTokens: 3_000_000_000, cost: '0.10' }],
    });
  });

  it.each<[string, unknown, string]>([
    ['no source', { entries: [entry] }, 'source'],
    ['no entries', { source: 's', entries: [] }, 'entries'],
    ['an unknown provider', { source: 's', entries: [{ ...entry, provider: 'acme' }] }, 'entries.0.provider'],
    ['a bad day', { source: 's', entries: [{ ...entry, day: '2026-13-01' }] }, 'entries.0.day'],
    ['fractional tokens', { source: 's', entries: [{ ...entry, outputTokens: 1.5 }] }, 'entries.0.outputTokens'],
    ['negative requests', { source: 's', entries: [{ ...entry, requests: -1 }] }, 'entries.0.requests'],
    ['a negative cost', { source: 's', entries: [{ ...entry, cost: '-1' }] }, 'entries.0.cost'],
    ['a key id that is not a uuid', { source: 's', entries: [{ ...entry, apiKeyId: 'key_1' }] }, 'entries.0.apiKeyId'],
    ['neither day nor timestamp', { source: 's', entries: [undated] }, 'entries.0.day'],
    ['a timestamp not in ISO 8601', { source: 's', entries: [{ ...undated, timestamp: 'noon' }] }, TIMESTAMP],
    ['a timestamp on another day', { source: 's', entries: [{ ...entry, timestamp: NEXT_DAY }] }, TIMESTAMP],
    ['units as a number', { source: 's', entries: [{ ...entry, units: 2 }] }, 'entries.0.units'],
    ['an idempotency key with spaces', { source: 's', entries: [entry], idempotencyKey: 'my batch' }, 'idempotencyKey'],
    ['an empty idempotency key', { source: 's', entries: [entry], idempotencyKey: ' ' }, 'idempotencyKey'],
  ])('refuses %s, naming %s', (_case, input, field) => {
    expect(issuesOf(input).map((i) => i.field)).toEqual([field]);
  });

  // Found by the fuzz suite: a malformed day and timestamp together once threw (HTTP 500).
  it('refuses a malformed day and a malformed timestamp together, naming both', () => {
    const input = { source: 's', entries: [{ ...entry, day: ' ', timestamp: "'; DROP TABLE users;--" }] };
    expect(issuesOf(input).map((i) => i.field)).toEqual(['entries.0.day', TIMESTAMP]);
  });

  it('takes the UTC day of a timestamp, units as a decimal, and an idempotency key', () => {
    const batch = parseMeteredUsageBatch({
      source: 'app',
      idempotencyKey: 'app-2026-01-05-1',
      entries: [{ provider: 'fal', model: 'flux', timestamp: '2026-01-05T23:30:00-02:00', units: '4.5' }],
    });
    expect(batch).toEqual({
      source: 'app',
      idempotencyKey: 'app-2026-01-05-1',
      entries: [{ provider: 'fal', model: 'flux', day: '2026-01-06', units: '4.5' }],
    });
  });

  it("takes the Idempotency-Key header, and refuses one that differs from the body's", () => {
    const batch = { source: 's', entries: [entry] };
    expect(parseMeteredUsageBatch(batch, 'k-1').idempotencyKey).toBe('k-1');
    expect(parseMeteredUsageBatch({ ...batch, idempotencyKey: 'k-1' }, 'k-1').idempotencyKey).toBe('k-1');
    expect(() => parseMeteredUsageBatch({ ...batch, idempotencyKey: 'k-1' }, 'k-2')).toThrow(/differ/);
    expect(() => parseMeteredUsageBatch(batch, 'bad key')).toThrow(/Idempotency-Key: idempotencyKey must be printable/);
  });

  it('refuses more than 5,000 entries', () => {
    expect(issuesOf({ source: 's', entries: Array.from({ length: 5_001 }, () => entry) })[0]!.message).toMatch(
      /at most 5000/,
    );
  });
});
