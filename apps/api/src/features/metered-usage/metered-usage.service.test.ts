import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../errors';
import { parseMeteredUsageBatch } from './metered-usage.service';

const entry = { provider: 'openai', model: 'gpt-4o', day: '2026-01-05' };

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
    const batch = parseMeteredUsageBatch({ source: ' app ', entries: [{ ...entry, provider: 'AWS_BEDROCK', inputTokens: 3_000_000_000, cost: '0.10' }] });
    expect(batch).toEqual({ source: 'app', entries: [{ ...entry, provider: 'aws-bedrock', inputTokens: 3_000_000_000, cost: '0.10' }] });
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
  ])('refuses %s, naming %s', (_case, input, field) => {
    expect(issuesOf(input).map((i) => i.field)).toEqual([field]);
  });

  it('refuses more than 5,000 entries', () => {
    expect(issuesOf({ source: 's', entries: Array.from({ length: 5_001 }, () => entry) })[0]!.message).toMatch(/at most 5000/);
  });
});
