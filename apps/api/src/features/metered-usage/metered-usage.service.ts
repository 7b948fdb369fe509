import type pg from 'pg';
import type { z } from 'zod';
import { ApiError } from '../../errors';
import { ZMeteredUsageBatch, type MeteredUsageBatch } from './metered-usage.schema';

/** What a report did: rows stored, and how many could be tied to a synced API key. */
export type MeteredUsageResult = { accepted: number; matchedToKeys: number };

function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'batch', message: i.message }));
}

/** Parses a report (GraphQL input or JSON body); BAD_USER_INPUT naming every bad field otherwise. */
export function parseMeteredUsageBatch(input: unknown): MeteredUsageBatch {
  const parsed = ZMeteredUsageBatch.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw new ApiError('BAD_USER_INPUT', `${issues[0]!.field}: ${issues[0]!.message}`, { field: issues[0]!.field, issues });
}

/** Metered usage reported by applications; it feeds coverage and the "uninstrumented key" flag. */
export function createMeteredUsageService(pool: pg.Pool) {
  /** Refuses key ids that are not the organization's, or not of the entry's provider. */
  async function checkKeyIds(organizationId: string, batch: MeteredUsageBatch): Promise<void> {
    const ids = [...new Set(batch.entries.flatMap((e) => (e.apiKeyId ? [e.apiKeyId] : [])))];
    if (ids.length === 0) return;
    const { rows } = await pool.query<{ id: string; provider: string }>(
      `SELECT k.id, a.provider FROM api_keys k JOIN provider_accounts a ON a.id = k.provider_account_id AND a.organization_id = k.organization_id
       WHERE k.organization_id = $1 AND k.id = ANY($2::uuid[])`, [organizationId, ids]);
    const providers = new Map(rows.map((r) => [r.id, r.provider]));
    batch.entries.forEach((e, i) => {
      if (e.apiKeyId && providers.get(e.apiKeyId) !== e.provider) {
        throw new ApiError('BAD_USER_INPUT', `entries.${i}.apiKeyId: no ${e.provider} API key with this id in your organization`, { field: `entries.${i}.apiKeyId` });
      }
    });
  }

  return {
    /** Stores a parsed report in one statement, matching each entry to a synced key by id or hint. */
    async record(organizationId: string, batch: MeteredUsageBatch): Promise<MeteredUsageResult> {
      await checkKeyIds(organizationId, batch);
      const e = batch.entries;
      const { rows } = await pool.query<{ api_key_id: string | null }>(
        `INSERT INTO metered_usage (organization_id, provider, model, api_key_hint, api_key_id, day, input_tokens, output_tokens, requests, cost, source)
         SELECT $1, e.provider, e.model, coalesce(e.hint, k.hint), k.id, e.day, e.input_tokens, e.output_tokens, e.requests, e.cost, $2
         FROM unnest($3::text[], $4::text[], $5::text[], $6::uuid[], $7::date[], $8::bigint[], $9::bigint[], $10::bigint[], $11::numeric[])
           AS e(provider, model, hint, key_id, day, input_tokens, output_tokens, requests, cost)
         LEFT JOIN LATERAL (
           SELECT k.id, k.hint FROM api_keys k JOIN provider_accounts a ON a.id = k.provider_account_id AND a.organization_id = k.organization_id
           WHERE k.organization_id = $1 AND a.provider = e.provider AND (k.id = e.key_id OR (e.key_id IS NULL AND k.hint = e.hint))
           ORDER BY k.id LIMIT 1
         ) k ON true
         RETURNING api_key_id`,
        [
          organizationId, batch.source, e.map((x) => x.provider), e.map((x) => x.model), e.map((x) => x.apiKeyHint ?? null),
          e.map((x) => x.apiKeyId ?? null), e.map((x) => x.day), e.map((x) => x.inputTokens ?? null), e.map((x) => x.outputTokens ?? null),
          e.map((x) => x.requests ?? null), e.map((x) => x.cost ?? null),
        ],
      );
      return { accepted: rows.length, matchedToKeys: rows.filter((r) => r.api_key_id !== null).length };
    },
  };
}

/** See {@link createMeteredUsageService}. */
export type MeteredUsageService = ReturnType<typeof createMeteredUsageService>;
