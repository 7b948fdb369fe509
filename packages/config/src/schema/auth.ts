import { z } from 'zod';

const EMAIL_RULE = 'must be an email address such as admin@example.com';
const PASSWORD_RULE = 'must be at least 12 characters';
const BOOLEAN_RULE = 'must be true or false (default false)';

/** Minimum length of an admin password given through the environment. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

/** The first admin and what linked accounts may do; only read on a database with no users yet. */
export const ZAuthEnv = z.object({
  /** Email of the admin created on first start (when the database has no user yet). */
  SPENDSYNC_ADMIN_EMAIL: z.email({ error: EMAIL_RULE }).default('admin@spendsync.local'),
  /**
   * That admin's password. Unset: a one-time password is generated and printed once at first
   * start. Ignored once any user exists, so changing it later never resets a password.
   */
  SPENDSYNC_ADMIN_PASSWORD: z.string().min(MIN_ADMIN_PASSWORD_LENGTH, { error: PASSWORD_RULE }).optional(),
  /**
   * The first admin must change that password at first sign-in (only changePassword, logout and
   * me work until then). Default true; the demo and the end-to-end tests turn it off.
   */
  SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD: z
    .enum(['true', 'false'], { error: 'must be true or false (default true)' })
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Lets an admin point a provider account at another endpoint (a simulator, a proxy). Off by
   * default: a custom endpoint receives the account's credentials. The demo and tests turn it on.
   */
  SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS: z
    .enum(['true', 'false'], { error: BOOLEAN_RULE })
    .default('false')
    .transform((v) => v === 'true'),
});
