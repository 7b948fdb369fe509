import type pg from 'pg';
import type { Caller } from './caller';
import { ApiError } from '../../errors';
import type { UserService, UserView } from '../users/user.service';
import { normalizeEmail } from '../users/user.service';
import type { UserRole } from '../users/user.entity';
import type { LoginLimiter } from './login-limiter';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from './password';
import { hashToken, issueToken, tokenKind } from './token';

/** How long a session lasts after login. */
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;

/** What a successful login returns; `token` is the bearer token, shown only here. */
export type LoginResult = { token: string; expiresAt: Date; user: UserView };

export type AuthServiceDeps = { pool: pg.Pool; users: UserService; limiter: LoginLimiter; now: () => Date };

type CallerRow = {
  organization_id: string; role: UserRole; user_id: string | null; api_token_id: string | null; session_id: string | null; can_record_usage: boolean;
};

const toCaller = (r: CallerRow): Caller => ({
  organizationId: r.organization_id, role: r.role, userId: r.user_id, apiTokenId: r.api_token_id, sessionId: r.session_id,
  canRecordUsage: r.can_record_usage,
});

/** Sign-in and bearer-token authentication (sessions and API tokens). */
export function createAuthService(deps: AuthServiceDeps) {
  const { pool } = deps;

  async function sessionCaller(hash: string): Promise<Caller | null> {
    const { rows } = await pool.query<CallerRow>(
      `SELECT u.organization_id, u.role, u.id AS user_id, NULL AS api_token_id, s.id AS session_id, u.role = 'admin' AS can_record_usage
       FROM sessions s JOIN users u ON u.id = s.user_id AND u.organization_id = s.organization_id
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.deactivated_at IS NULL`,
      [hash, deps.now()],
    );
    return rows[0] ? toCaller(rows[0]) : null;
  }

  async function apiTokenCaller(hash: string): Promise<Caller | null> {
    // last_used_at is touched at most once a minute per token, not on every request.
    const { rows } = await pool.query<CallerRow>(
      `WITH token AS (SELECT * FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL),
         touched AS (UPDATE api_tokens SET last_used_at = $2 WHERE id IN (SELECT id FROM token)
           AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute'))
       SELECT organization_id, 'viewer' AS role, NULL AS user_id, id AS api_token_id, NULL AS session_id, can_record_usage FROM token`,
      [hash, deps.now()],
    );
    return rows[0] ? toCaller(rows[0]) : null;
  }

  return {
    /**
     * Checks a password and opens a session. Failures are counted per account from the client's
     * address and per client address; past a limit every attempt of that pair or address (even a
     * correct one) is refused until the window ends. Other clients can still sign in.
     */
    /**
     * Changes the caller's password, limited like sign-ins: wrong current passwords are counted
     * per user from the client's address and per address, and past the limit every attempt of
     * that user from that address is refused until the window ends.
     */
    async changePassword(userId: string, organizationId: string, current: string, next: string, clientAddress: string): Promise<void> {
      const key = `password-change:${userId}`;
      const wait = deps.limiter.retryAfter(key, clientAddress);
      if (wait > 0) {
        throw new ApiError('RATE_LIMITED', `Too many wrong current passwords; try again in ${Math.ceil(wait / 60)} minute(s).`, { retryAfterSeconds: wait });
      }
      try {
        await deps.users.changePassword(organizationId, userId, current, next);
      } catch (error) {
        if (error instanceof ApiError && error.extensions.field === 'currentPassword') deps.limiter.recordFailure(key, clientAddress);
        throw error;
      }
      deps.limiter.recordSuccess(key, clientAddress);
    },

    async login(emailInput: string, password: string, clientAddress: string): Promise<LoginResult> {
      const email = normalizeEmail(emailInput);
      const wait = deps.limiter.retryAfter(email, clientAddress);
      if (wait > 0) {
        throw new ApiError('RATE_LIMITED', `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute(s).`, { retryAfterSeconds: wait });
      }
      const user = await deps.users.findForLogin(email);
      const ok = await verifyPassword(password, user?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
      if (!user || !ok) {
        deps.limiter.recordFailure(email, clientAddress);
        throw new ApiError('UNAUTHENTICATED', 'The email or password is not correct.');
      }
      deps.limiter.recordSuccess(email, clientAddress);
      const issued = issueToken('session');
      const expiresAt = new Date(deps.now().getTime() + SESSION_TTL_MS);
      await pool.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [user.id, deps.now()]);
      await pool.query('INSERT INTO sessions (organization_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)', [user.organizationId, user.id, issued.hash, expiresAt]);
      const { passwordHash: _hash, ...view } = user;
      return { token: issued.token, expiresAt, user: view };
    },

    /** The caller a bearer token stands for; null for an unknown, expired or revoked token. */
    async authenticate(token: string): Promise<Caller | null> {
      const kind = tokenKind(token);
      if (kind === 'session') return sessionCaller(hashToken(token));
      if (kind === 'apiToken') return apiTokenCaller(hashToken(token));
      return null;
    },

    /** Ends every session of the caller's user except the caller's own (after a password change). */
    async endOtherSessions(caller: Caller): Promise<void> {
      if (!caller.userId) return;
      await pool.query('DELETE FROM sessions WHERE user_id = $1 AND organization_id = $2 AND id IS DISTINCT FROM $3',
        [caller.userId, caller.organizationId, caller.sessionId]);
    },

    /** Ends a session (the bearer token stops working at once). */
    async logout(caller: Caller): Promise<boolean> {
      if (!caller.sessionId) return false;
      const { rowCount } = await pool.query('DELETE FROM sessions WHERE id = $1 AND organization_id = $2', [caller.sessionId, caller.organizationId]);
      return (rowCount ?? 0) > 0;
    },
  };
}

/** See {@link createAuthService}. */
export type AuthService = ReturnType<typeof createAuthService>;
