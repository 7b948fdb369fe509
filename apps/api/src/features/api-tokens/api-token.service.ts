import type pg from 'pg';
import { columnsOf, fromRow, type RowOf } from '../../database/entity-row';
import { isUuid } from '../../database/uuid';
import { ApiError } from '../../errors';
import { issueToken } from '../auth/token';
import type { ApiToken } from './api-token.entity';

/** What listing shows of a token (never the token or its hash), in select order. */
const VIEW_FIELDS = [
  'id',
  'name',
  'hint',
  'canRecordUsage',
  'createdBy',
  'createdAt',
  'expiresAt',
  'lastUsedAt',
  'revokedAt',
] as const satisfies readonly (keyof ApiToken)[];

/** An API token as listed (never the token or its hash). */
export type ApiTokenView = Pick<ApiToken, (typeof VIEW_FIELDS)[number]>;

type Row = RowOf<ApiToken, (typeof VIEW_FIELDS)[number]>;

const COLUMNS = columnsOf<ApiToken>(VIEW_FIELDS);

const toView = (r: Row): ApiTokenView => fromRow<ApiToken, (typeof VIEW_FIELDS)[number]>(r, VIEW_FIELDS);

/** Lifetime of a new token when none is given, and the longest allowed, in days. */
export const DEFAULT_API_TOKEN_DAYS = 90;
export const MAX_API_TOKEN_DAYS = 365;

/** API tokens of an organization: created and revoked by admins, stored hashed. */
export function createApiTokenService(pool: pg.Pool) {
  return {
    async list(organizationId: string): Promise<ApiTokenView[]> {
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM api_tokens WHERE organization_id = $1 ORDER BY created_at DESC, id`,
        [organizationId],
      );
      return rows.map(toView);
    },

    /** Creates a token; the plaintext is returned here and never again. */
    async create(
      organizationId: string,
      createdBy: string | null,
      input: { name: string; canRecordUsage: boolean; expiresInDays?: number },
      now: Date,
    ): Promise<{ token: string; apiToken: ApiTokenView }> {
      const name = input.name.trim();
      if (name === '' || name.length > 200)
        throw new ApiError('BAD_USER_INPUT', 'Give the token a name of 1 to 200 characters.', { field: 'name' });
      const days = input.expiresInDays ?? DEFAULT_API_TOKEN_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > MAX_API_TOKEN_DAYS) {
        throw new ApiError('BAD_USER_INPUT', `Let the token expire in 1 to ${MAX_API_TOKEN_DAYS} days.`, {
          field: 'expiresInDays',
        });
      }
      const expiresAt = new Date(now.getTime() + days * 86_400_000);
      const issued = issueToken('apiToken');
      const { rows } = await pool.query<Row>(
        `INSERT INTO api_tokens (organization_id, name, token_hash, hint, can_record_usage, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [organizationId, name, issued.hash, issued.hint, input.canRecordUsage, createdBy, expiresAt],
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
