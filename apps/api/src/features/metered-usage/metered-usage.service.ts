import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { z } from 'zod';
import { ApiError } from '../../errors';
import { ZIdempotencyKey, ZMeteredUsageBatch, type MeteredUsageBatch } from './metered-usage.schema';

/**
 * What a report did: rows stored, and how many could be tied to a synced API key; `replayed` when
 * it was a retry of a report with the same idempotency key (nothing stored again; the first answer).
 */
export type MeteredUsageResult = { accepted: number; matchedToKeys: number; replayed: boolean };

function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'batch', message: i.message }));
}

/**
 * Parses a report (GraphQL input or JSON body); BAD_USER_INPUT naming every bad field otherwise.
 * `headerKey` is the `Idempotency-Key` header; it must agree with the body's `idempotencyKey`.
 */
export function parseMeteredUsageBatch(input: unknown, headerKey?: string | null): MeteredUsageBatch {
  const parsed = ZMeteredUsageBatch.safeParse(input);
  if (parsed.success && headerKey != null) {
    const key = ZIdempotencyKey.safeParse(headerKey);
    const field = 'idempotencyKey';
    if (!key.success) {
      throw new ApiError('BAD_USER_INPUT', `Idempotency-Key: ${key.error.issues[0]!.message}`, { field });
    }
    if (parsed.data.idempotencyKey && parsed.data.idempotencyKey !== key.data) {
      const message = "The Idempotency-Key header and the body's idempotencyKey differ; send one, or the same.";
      throw new ApiError('BAD_USER_INPUT', message, { field });
    }
    return { ...parsed.data, idempotencyKey: key.data };
  }
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw new ApiError('BAD_USER_INPUT', `${issues[0]!.field}: ${issues[0]!.message}`, {
    field: issues[0]!.field,
    issues,
  });
}

/** Metered usage reported by applications; it feeds coverage and the "uninstrumented key" flag. */
export function createMeteredUsageService(pool: pg.Pool) {
  /** Refuses key ids that are not the organization's, or not of the entry's provider. */
  async function checkKeyIds(organizationId: string, batch: MeteredUsageBatch): Promise<void> {
    const ids = [...new Set(batch.entries.flatMap((e) => (e.apiKeyId ? [e.apiKeyId] : [])))];
    if (ids.length === 0) return;
    const { rows } = await pool.query<{ id: string; provider: string }>(
      `SELECT k.id, a.provider FROM api_keys k JOIN provider_accounts a ON a.id = k.provider_account_id AND a.organization_id = k.organization_id
       WHERE k.organization_id = $1 AND k.id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
    const providers = new Map(rows.map((r) => [r.id, r.provider]));
    batch.entries.forEach((e, i) => {
      if (e.apiKeyId && providers.get(e.apiKeyId) !== e.provider) {
        throw new ApiError(
          'BAD_USER_INPUT',
          `entries.${i}.apiKeyId: no ${e.provider} API key with this id in your organization`,
          { field: `entries.${i}.apiKeyId` },
        );
      }
    });
  }

  /** Stores the entries in one statement, matching each to a synced key by id or hint. */
  async function insert(
    db: Pick<pg.PoolClient, 'query'>,
    organizationId: string,
    batch: MeteredUsageBatch,
  ): Promise<{ accepted: number; matchedToKeys: number }> {
    const e = batch.entries;
    const { rows } = await db.query<{ api_key_id: string | null }>(
      `INSERT INTO metered_usage (organization_id, provider, model, api_key_hint, api_key_id, day, input_tokens,
         output_tokens, requests, units, cost, source)
       SELECT $1, e.provider, e.model, coalesce(e.hint, k.hint), k.id, e.day, e.input_tokens, e.output_tokens,
         e.requests, e.units, e.cost, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::uuid[], $7::date[], $8::bigint[], $9::bigint[],
         $10::bigint[], $11::numeric[], $12::numeric[])
         AS e(provider, model, hint, key_id, day, input_tokens, output_tokens, requests, units, cost)
       LEFT JOIN LATERAL (
         SELECT k.id, k.hint FROM api_keys k
         JOIN provider_accounts a ON a.id = k.provider_account_id AND a.organization_id = k.organization_id
         WHERE k.organization_id = $1 AND a.provider = e.provider
           AND (k.id = e.key_id OR (e.key_id IS NULL AND k.hint = e.hint))
         ORDER BY k.id LIMIT 1
       ) k ON true
       RETURNING api_key_id`,
      [
        organizationId,
        batch.source,
        e.map((x) => x.provider),
        e.map((x) => x.model),
        e.map((x) => x.apiKeyHint ?? null),
        e.map((x) => x.apiKeyId ?? null),
        e.map((x) => x.day),
        e.map((x) => x.inputTokens ?? null),
        e.map((x) => x.outputTokens ?? null),
        e.map((x) => x.requests ?? null),
        e.map((x) => x.units ?? null),
        e.map((x) => x.cost ?? null),
      ],
    );
    return { accepted: rows.length, matchedToKeys: rows.filter((r) => r.api_key_id !== null).length };
  }

  /**
   * Stores a keyed report once: the key is claimed in the same transaction as the rows, so a
   * concurrent retry waits on it and then answers the first result; a different report under
   * a used key is CONFLICT and stores nothing.
   */
  async function recordOnce(
    organizationId: string,
    batch: MeteredUsageBatch & { idempotencyKey: string },
  ): Promise<MeteredUsageResult> {
    const hash = requestHash(batch);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query(
        `INSERT INTO metered_usage_batches (organization_id, idempotency_key, request_hash, accepted, matched_to_keys)
         VALUES ($1, $2, $3, 0, 0) ON CONFLICT DO NOTHING RETURNING idempotency_key`,
        [organizationId, batch.idempotencyKey, hash],
      );
      if (claimed.rowCount === 0) {
        await client.query('ROLLBACK');
        const { rows } = await pool.query<{ request_hash: string; accepted: number; matched_to_keys: number }>(
          `SELECT request_hash, accepted, matched_to_keys FROM metered_usage_batches
           WHERE organization_id = $1 AND idempotency_key = $2`,
          [organizationId, batch.idempotencyKey],
        );
        const first = rows[0]!;
        if (first.request_hash !== hash) {
          const message = 'This idempotency key was already used for a different report; use a new key for new usage.';
          throw new ApiError('CONFLICT', message, { field: 'idempotencyKey' });
        }
        return { accepted: first.accepted, matchedToKeys: first.matched_to_keys, replayed: true };
      }
      const result = await insert(client, organizationId, batch);
      await client.query(
        `UPDATE metered_usage_batches SET accepted = $3, matched_to_keys = $4
         WHERE organization_id = $1 AND idempotency_key = $2`,
        [organizationId, batch.idempotencyKey, result.accepted, result.matchedToKeys],
      );
      await client.query('COMMIT');
      return { ...result, replayed: false };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    /**
     * Stores a parsed report, matching each entry to a synced key by id or hint. With an
     * idempotency key, a retry of the same report stores nothing and answers the first result.
     */
    async record(organizationId: string, batch: MeteredUsageBatch): Promise<MeteredUsageResult> {
      await checkKeyIds(organizationId, batch);
      const { idempotencyKey } = batch;
      if (idempotencyKey) return recordOnce(organizationId, { ...batch, idempotencyKey });
      return { ...(await insert(pool, organizationId, batch)), replayed: false };
    },
  };
}

const HASHED_FIELDS = [
  'provider',
  'model',
  'day',
  'apiKeyHint',
  'apiKeyId',
  'inputTokens',
  'outputTokens',
  'requests',
  'units',
  'cost',
] as const;

/**
 * A stable hash of a parsed report (its source and entries, not the key): absent and null fields
 * hash alike, so the same report over GraphQL and as JSON agree.
 */
function requestHash(batch: MeteredUsageBatch): string {
  const entries = batch.entries.map((e) => HASHED_FIELDS.map((field) => e[field] ?? null));
  return createHash('sha256')
    .update(JSON.stringify({ source: batch.source, entries }))
    .digest('hex');
}

/** See {@link createMeteredUsageService}. */
export type MeteredUsageService = ReturnType<typeof createMeteredUsageService>;
