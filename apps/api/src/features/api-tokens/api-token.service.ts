import type pg from 'pg';
import { isUuid } from '../../database/uuid';
import { ApiError } from '../../errors';
import { issueToken } from '../auth/token';

/** An API token as listed (never the token or its hash). */
export type ApiTokenView = {
  id: string; name: string; hint: string; canRecordUsage: boolean; createdBy: string | null; createdAt: Date;
  lastUsedAt: Date | null; revokedAt: Date | null;
};

type Row = {
  id: string; name: string; hint: string; can_record_usage: boolean; created_by: string | null; created_at: Date;
  last_used_at: Date | null; revoked_at: Date | null;
};

const COLUMNS = 'id, name, hint, can_record_usage, created_by, created_at, last_used_at, revoked_at';

const toView = (r: Row): ApiTokenView => ({
  id: r.id, name: r.name, hint: r.hint, canRecordUsage: r.can_record_usage, createdBy: r.created_by, createdAt: r.created_at,
  lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

/** API tokens of an organization: created and revoked by admins, stored hashed. */
export function createApiTokenService(pool: pg.Pool) {
  return {
    async list(organizationId: string): Promise<ApiTokenView[]> {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM api_tokens WHERE organization_id = $1 ORDER BY created_at DESC, id`, [organizationId]);
      return rows.map(toView);
    },

    /** Creates a token; the plaintext is returned here and never again. */
    async create(organizationId: string, createdBy: string | null, input: { name: string; canRecordUsage: boolean }): Promise<{ token: string; apiToken: ApiTokenView }> {
      const name = input.name.trim();
      if (name === '' || name.length > 200) throw new ApiError('BAD_USER_INPUT', 'Give the token a name of 1 to 200 characters.', { field: 'name' });
      const issued = issueToken('apiToken');
      const { rows } = await pool.query<Row>(
        `INSERT INTO api_tokens (organization_id, name, token_hash, hint, can_record_usage, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [organizationId, name, issued.hash, issued.hint, input.canRecordUsage, createdBy],
      );
      return { token: issued.token, apiToken: toView(rows[0]!) };
    },

    /** Revokes a token of the organization (idempotent); null when there is no such token there. */
    async revoke(organizationId: string, id: string, now: Date): Promise<ApiTokenView | null> {
      if (!isUuid(id)) return null;
      const { rows } = await pool.query<Row>(
        `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND organization_id = $2 RETURNING ${COLUMNS}`,
        [id, organizationId, now],
      );
      return rows[0] ? toView(rows[0]) : null;
    },
  };
}

/** See {@link createApiTokenService}. */
export type ApiTokenService = ReturnType<typeof createApiTokenService>;
