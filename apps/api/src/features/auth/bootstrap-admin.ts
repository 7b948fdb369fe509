import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { createOrganizationService } from '../organizations/organization.service';
import { createUserService } from '../users/user.service';

// Any constant: the advisory lock that keeps two processes starting at once from both creating an admin.
const BOOTSTRAP_LOCK = 7_106_011_512_421_002n;

/** The first admin, as configured (SPENDSYNC_ADMIN_EMAIL / SPENDSYNC_ADMIN_PASSWORD). */
export type BootstrapOptions = {
  email: string;
  /** Absent: a one-time password is generated and handed to `announce`. */
  password?: string;
  organizationName?: string;
  /** The admin must change the password at first sign-in (SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD); default true. */
  mustChangePassword?: boolean;
  /** Shows the generated password once (stdout at start-up); never given a configured password. */
  announce: (lines: string[]) => void;
};

/** What happened: nothing (users exist), or the admin that was created. */
export type BootstrapResult =
  { created: false } | { created: true; email: string; organizationId: string; generatedPassword: boolean };

/**
 * On a database without any user, creates an organization and its first admin. Runs under an
 * advisory lock inside one transaction, so concurrent starts create exactly one. Once any user
 * exists it does nothing, so the configured password never resets an existing account.
 */
export async function bootstrapAdmin(dataSource: DataSource, options: BootstrapOptions): Promise<BootstrapResult> {
  const pool = pgPoolOf(dataSource);
  const users = createUserService(pool);
  const organizations = createOrganizationService(pool);
  const created = await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK.toString()]);
    if (!(await users.isEmpty(client))) return null;
    const password = options.password ?? randomBytes(18).toString('base64url');
    const organization = await organizations.create(options.organizationName ?? 'My organization', client);
    await users.create(
      organization.id,
      {
        email: options.email,
        password,
        role: 'admin',
        passwordChangeRequired: options.mustChangePassword ?? true,
      },
      client,
    );
    return { organizationId: organization.id, password };
  });
  if (!created) return { created: false };
  if (!options.password) {
    options.announce([
      `Created the first admin: ${options.email}`,
      `One-time password: ${created.password}`,
      'It is shown only now. Sign in and change it (changePassword), or set SPENDSYNC_ADMIN_PASSWORD before the first start.',
    ]);
  }
  return {
    created: true,
    email: options.email,
    organizationId: created.organizationId,
    generatedPassword: !options.password,
  };
}
