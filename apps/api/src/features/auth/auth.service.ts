import type pg from 'pg';
import type { Caller } from './caller';
import { ApiError } from '../../errors';
import type { OrganizationService } from '../organizations/organization.service';
import type { UserService, UserView } from '../users/user.service';
import { normalizeEmail } from '../users/user.service';
import type { UserRole } from '../users/user.entity';
import type { LoginLimiter } from './login-limiter';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from '../users/password';
import { hashToken, issueToken, tokenKind } from './token';

/** How long a session lasts after login. */
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;

/** What a successful login returns; `token` is the bearer token, shown only here. */
export type LoginResult = { token: string; expiresAt: Date; user: UserView };

export type AuthServiceDeps = {
  pool: pg.Pool;
  users: UserService;
  organizations: OrganizationService;
  limiter: LoginLimiter;
  now: () => Date;
};

/** Why a password sign-in is refused in an organization that turned it off. */
export const PASSWORD_SIGN_IN_OFF =
  'Password sign-in is turned off for your organization; use "Sign in with SSO" instead.';

type CallerRow = {
  organization_id: string;
  role: UserRole;
  user_id: string | null;
  api_token_id: string | null;
  session_id: string | null;
  can_record_usage: boolean;
  password_change_required: boolean;
};

const toCaller = (r: CallerRow): Caller => ({
  organizationId: r.organization_id,
  role: r.role,
  userId: r.user_id,
  apiTokenId: r.api_token_id,
  sessionId: r.session_id,
  canRecordUsage: r.can_record_usage,
  passwordChangeRequired: r.password_change_required,
});

const rateLimited = (what: string, seconds: number) =>
  new ApiError('RATE_LIMITED', `Too many ${what}; try again in ${Math.ceil(seconds / 60)} minute(s).`, {
    retryAfterSeconds: seconds,
  });

/** Sign-in and bearer-token authentication (sessions and API tokens). */
export function createAuthService(deps: AuthServiceDeps) {
  const { pool } = deps;

  async function sessionCaller(hash: string): Promise<Caller | null> {
    const { rows } = await pool.query<CallerRow>(
      `SELECT u.organization_id, u.role, u.id AS user_id, NULL AS api_token_id, s.id AS session_id, u.role = 'admin' AS can_record_usage,
         u.password_change_required
       FROM sessions s JOIN users u ON u.id = s.user_id AND u.organization_id = s.organization_id
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.deactivated_at IS NULL`,
      [hash, deps.now()],
    );
    return rows[0] ? toCaller(rows[0]) : null;
  }

  async function apiTokenCaller(hash: string): Promise<Caller | null> {
    // last_used_at is touched at most once a minute per token, not on every request.
    const { rows } = await pool.query<CallerRow>(
      `WITH token AS (SELECT * FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2),
         touched AS (UPDATE api_tokens SET last_used_at = $2 WHERE id IN (SELECT id FROM token)
           AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute'))
       SELECT organization_id, 'viewer' AS role, NULL AS user_id, id AS api_token_id, NULL AS session_id, can_record_usage,
         false AS password_change_required FROM token`,
      [hash, deps.now()],
    );
    return rows[0] ? toCaller(rows[0]) : null;
  }

  /**
   * Opens a session for a user who proved who they are (a password, or single sign-on): the one
   * path every sign-in takes, so sessions are issued, remembered and expire the same way.
   */
  async function openSession(user: UserView, clientAddress: string): Promise<LoginResult> {
    await pool.query(
      `INSERT INTO known_sign_in_addresses (user_id, address, last_sign_in_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, address) DO UPDATE SET last_sign_in_at = excluded.last_sign_in_at`,
      [user.id, clientAddress, deps.now()],
    );
    const issued = issueToken('session');
    const expiresAt = new Date(deps.now().getTime() + SESSION_TTL_MS);
    await pool.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [user.id, deps.now()]);
    await pool.query(
      'INSERT INTO sessions (organization_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)',
      [user.organizationId, user.id, issued.hash, expiresAt],
    );
    return { token: issued.token, expiresAt, user };
  }

  const isKnownAddress = async (userId: string, address: string) =>
    ((await pool.query('SELECT 1 FROM known_sign_in_addresses WHERE user_id = $1 AND address = $2', [userId, address]))
      .rowCount ?? 0) > 0;

  return {
    /**
     * Changes the caller's password, limited like sign-ins (counted before the password is
     * checked, per user and address, per address, and per user from unknown addresses).
     */
    async changePassword(
      userId: string,
      organizationId: string,
      current: string,
      next: string,
      clientAddress: string,
    ): Promise<void> {
      const admission = await deps.limiter.begin(`password-change:${userId}`, clientAddress, {
        knownAddress: await isKnownAddress(userId, clientAddress),
      });
      if (!admission.allowed) throw rateLimited('wrong current passwords', admission.retryAfterSeconds);
      try {
        await deps.users.changePassword(organizationId, userId, current, next);
      } catch (error) {
        // Only a wrong current password stays counted; any other refusal refunds the attempt.
        const wrongPassword = error instanceof ApiError && error.extensions.field === 'currentPassword';
        if (!wrongPassword) await deps.limiter.succeeded(admission.ticket);
        throw error;
      }
      await deps.limiter.succeeded(admission.ticket);
    },

    /**
     * Checks a password and opens a session. The attempt is counted in the database before the
     * (slow) password check, so a parallel burst cannot pass the limits: per account from one
     * address, per address, and per account from any address it never signed in from (so
     * failures elsewhere never lock a user out of an address they used before). Locks back off
     * exponentially.
     */
    async login(emailInput: string, password: string, clientAddress: string): Promise<LoginResult> {
      const email = normalizeEmail(emailInput);
      const user = await deps.users.findForLogin(email);
      const knownAddress = user ? await isKnownAddress(user.id, clientAddress) : false;
      const admission = await deps.limiter.begin(email, clientAddress, { knownAddress });
      if (!admission.allowed) throw rateLimited('failed sign-ins', admission.retryAfterSeconds);
      const ok = await verifyPassword(password, user?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
      if (!user || !ok) throw new ApiError('UNAUTHENTICATED', 'The email or password is not correct.');
      // Counted as a failure (not refunded), so this answer cannot be used to test passwords at scale.
      if (!(await deps.organizations.isPasswordSignInEnabled(user.organizationId)))
        throw new ApiError('FORBIDDEN', PASSWORD_SIGN_IN_OFF);
      await deps.limiter.succeeded(admission.ticket);
      const { passwordHash: _hash, ...view } = user;
      return openSession(view, clientAddress);
    },

    openSession,

    /** Why a token that did not authenticate was refused, when it is worth saying (an expired API token); else null. */
    async refusalOf(token: string): Promise<string | null> {
      if (tokenKind(token) !== 'apiToken') return null;
      const { rows } = await pool.query<{ expires_at: Date }>(
        'SELECT expires_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at <= $2',
        [hashToken(token), deps.now()],
      );
      if (!rows[0]) return null;
      return `This API token expired on ${rows[0].expires_at.toISOString().slice(0, 10)}; an admin can create a new one.`;
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
      await pool.query('DELETE FROM sessions WHERE user_id = $1 AND organization_id = $2 AND id IS DISTINCT FROM $3', [
        caller.userId,
        caller.organizationId,
        caller.sessionId,
      ]);
    },

    /** Ends a session (the bearer token stops working at once). */
    async logout(caller: Caller): Promise<boolean> {
      if (!caller.sessionId) return false;
      const { rowCount } = await pool.query('DELETE FROM sessions WHERE id = $1 AND organization_id = $2', [
        caller.sessionId,
        caller.organizationId,
      ]);
      return (rowCount ?? 0) > 0;
    },
  };
}

/** See {@link createAuthService}. */
export type AuthService = ReturnType<typeof createAuthService>;
