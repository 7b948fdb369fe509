import type pg from 'pg';
import { fromRow, type RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import { isUuid } from '../../database/uuid';
import { withTransaction } from '../../database/transaction';
import { ApiError } from '../../errors';
import { hashPassword, UNUSABLE_PASSWORD_HASH, verifyPassword } from './password';
import type { User, UserRole } from './user.entity';

/** What the API shows of a user (never the password hash). */
const VIEW_FIELDS = [
  'id',
  'organizationId',
  'email',
  'role',
  'createdAt',
  'deactivatedAt',
  'passwordChangeRequired',
] as const satisfies readonly (keyof User)[];
type ViewField = (typeof VIEW_FIELDS)[number];

/** A user as the API shows it (never the password hash). */
export type UserView = Pick<User, ViewField>;

/** A user with the hash, for checking a password. */
export type UserWithHash = UserView & { passwordHash: string };

type UserRow = RowOf<User, ViewField | 'passwordHash'>;

const toView = (r: UserRow): UserView => fromRow<User, ViewField>(r, VIEW_FIELDS);

/** Minimum password length for users created or changed through the API. */
export const MIN_PASSWORD_LENGTH = 12;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Lower-cased, trimmed: emails are unique across the installation in this form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ApiError('BAD_USER_INPUT', `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`, { field });
  }
}

/** Users of an organization. Every read and write is scoped by organization id. */
export function createUserService(pool: pg.Pool) {
  return {
    /** Any organization's active user by email: only login uses this, before an organization is known. */
    async findForLogin(email: string): Promise<UserWithHash | null> {
      const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE email = $1 AND deactivated_at IS NULL', [
        normalizeEmail(email),
      ]);
      return rows[0] ? { ...toView(rows[0]), passwordHash: rows[0].password_hash } : null;
    },

    async get(organizationId: string, id: string): Promise<UserView | null> {
      const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE id = $1 AND organization_id = $2', [
        id,
        organizationId,
      ]);
      return rows[0] ? toView(rows[0]) : null;
    },

    async list(organizationId: string): Promise<UserView[]> {
      const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE organization_id = $1 ORDER BY email', [
        organizationId,
      ]);
      return rows.map(toView);
    },

    /**
     * Creates a user; the email must be free across the whole installation. A taken email is
     * refused with one message whichever organization has it, so admins learn nothing about others.
     */
    async create(
      organizationId: string,
      input: { email: string; password: string; role: UserRole; passwordChangeRequired?: boolean },
      db: Sql = pool,
    ): Promise<UserView> {
      const email = normalizeEmail(input.email);
      if (!EMAIL.test(email))
        throw new ApiError('BAD_USER_INPUT', 'Enter an email address such as name@example.com.', { field: 'email' });
      checkPassword(input.password);
      const { rows } = await db.query<UserRow>(
        `INSERT INTO users (organization_id, email, password_hash, role, password_change_required) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO NOTHING RETURNING *`,
        [organizationId, email, await hashPassword(input.password), input.role, input.passwordChangeRequired ?? false],
      );
      if (!rows[0]) {
        throw new ApiError('CONFLICT', 'This email address cannot be used for a new user; choose another.', {
          field: 'email',
        });
      }
      return toView(rows[0]);
    },

    /**
     * Creates a user who signs in with single sign-on only (no usable password). Null when the
     * email is taken (in any organization, or by a deactivated user).
     */
    async createWithoutPassword(
      organizationId: string,
      input: { email: string; role: UserRole },
    ): Promise<UserView | null> {
      const { rows } = await pool.query<UserRow>(
        `INSERT INTO users (organization_id, email, password_hash, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO NOTHING RETURNING *`,
        [organizationId, normalizeEmail(input.email), UNUSABLE_PASSWORD_HASH, input.role],
      );
      return rows[0] ? toView(rows[0]) : null;
    },

    /**
     * Changes another user's role or deactivates / reactivates them. An admin cannot change
     * themselves this way, and the organization's last active admin can be neither demoted nor
     * deactivated: the active admins are locked while checking, so two admins demoting each other
     * at once leave one.
     */
    async update(
      organizationId: string,
      actorId: string | null,
      id: string,
      change: { role?: UserRole; active?: boolean },
    ): Promise<UserView | null> {
      if (!isUuid(id)) return null;
      if (id === actorId) {
        throw new ApiError(
          'BAD_USER_INPUT',
          'You cannot change your own role or deactivate yourself; ask another admin.',
          { field: 'id' },
        );
      }
      const row = await withTransaction(pool, async (client) => {
        const { rows: admins } = await client.query<{ id: string }>(
          `SELECT id FROM users WHERE organization_id = $1 AND role = 'admin' AND deactivated_at IS NULL
           ORDER BY id FOR UPDATE`,
          [organizationId],
        );
        const adminIds = new Set(admins.map((a) => a.id));
        if (actorId && !adminIds.has(actorId)) {
          throw new ApiError('FORBIDDEN', 'Only admins can change things; your account can read but not edit.');
        }
        const demotes = change.role !== undefined && change.role !== 'admin';
        const removesAdmin = adminIds.has(id) && (change.active === false || demotes);
        if (removesAdmin && adminIds.size <= 1) {
          throw new ApiError(
            'BAD_USER_INPUT',
            "This is the organization's last active admin; make another user an admin first.",
            {
              field: 'id',
            },
          );
        }
        const { rows } = await client.query<UserRow>(
          `UPDATE users SET role = coalesce($3, role), updated_at = now(),
             deactivated_at = CASE WHEN $4::boolean IS NULL THEN deactivated_at WHEN $4 THEN NULL ELSE coalesce(deactivated_at, now()) END
           WHERE id = $1 AND organization_id = $2 RETURNING *`,
          [id, organizationId, change.role ?? null, change.active ?? null],
        );
        // A deactivated user's sessions end at once (sessions also check deactivated_at).
        if (rows[0]?.deactivated_at)
          await client.query('DELETE FROM sessions WHERE user_id = $1 AND organization_id = $2', [id, organizationId]);
        return rows[0];
      });
      return row ? toView(row) : null;
    },

    /** Changes a user's password after checking the current one (which also lifts a required change). */
    async changePassword(organizationId: string, userId: string, current: string, next: string): Promise<void> {
      const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE id = $1 AND organization_id = $2', [
        userId,
        organizationId,
      ]);
      if (!rows[0] || !(await verifyPassword(current, rows[0].password_hash))) {
        throw new ApiError('BAD_USER_INPUT', 'The current password is not correct.', { field: 'currentPassword' });
      }
      checkPassword(next, 'newPassword');
      if (next === current) {
        throw new ApiError('BAD_USER_INPUT', 'Choose a new password that differs from the current one.', {
          field: 'newPassword',
        });
      }
      await pool.query(
        `UPDATE users SET password_hash = $3, password_change_required = false, updated_at = now()
         WHERE id = $1 AND organization_id = $2`,
        [userId, organizationId, await hashPassword(next)],
      );
    },

    /** True when the installation has no user at all (first start). */
    async isEmpty(db: Sql = pool): Promise<boolean> {
      const { rowCount } = await db.query('SELECT 1 FROM users LIMIT 1');
      return (rowCount ?? 0) === 0;
    },
  };
}

/** See {@link createUserService}. */
export type UserService = ReturnType<typeof createUserService>;
