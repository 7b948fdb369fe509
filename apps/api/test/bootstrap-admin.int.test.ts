import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { pgPoolOf } from '../src/database/pg-pool';
import { runMigrations } from '../src/database/migrate';
import { createAuthService } from '../src/features/auth/auth.service';
import { bootstrapAdmin } from '../src/features/auth/bootstrap-admin';
import { createLoginLimiter } from '../src/features/auth/login-limiter';
import { createOrganizationService } from '../src/features/organizations/organization.service';
import { createUserService } from '../src/features/users/user.service';
import { testDatabaseUrl } from './test-data-source';
import { execute, uniqueDatabaseName, withDatabase } from './test-database';

describe('bootstrapAdmin (first start)', () => {
  const name = uniqueDatabaseName();
  let ds: DataSource;
  beforeAll(async () => {
    await execute(testDatabaseUrl(), `CREATE DATABASE "${name}"`);
    ds = createDataSource({ url: withDatabase(testDatabaseUrl(), name), poolSize: 4 });
    await ds.initialize();
    await runMigrations(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await execute(testDatabaseUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  const login = (email: string, password: string) => {
    const pool = pgPoolOf(ds);
    const users = createUserService(pool);
    return createAuthService({
      pool,
      users,
      organizations: createOrganizationService(pool),
      limiter: createLoginLimiter(pool),
      now: () => new Date(),
    }).login(email, password, 'test');
  };

  it('creates exactly one organization and admin when two processes start at once, and prints the one-time password once', async () => {
    const announced: string[][] = [];
    const results = await Promise.all(
      [1, 2].map(() => bootstrapAdmin(ds, { email: 'ops@example.com', announce: (lines) => announced.push(lines) })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(announced).toHaveLength(1);
    const password = /One-time password: (\S+)/.exec(announced[0]!.join('\n'))![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const users = await ds.query('SELECT email, role, password_hash, password_change_required FROM users');
    // The admin must change the password at first sign-in (SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD defaults to true).
    expect(users).toEqual([
      {
        email: 'ops@example.com',
        role: 'admin',
        password_hash: expect.stringMatching(/^scrypt\$/),
        password_change_required: true,
      },
    ]);
    expect(users[0].password_hash).not.toContain(password);
    await expect(login('ops@example.com', password)).resolves.toMatchObject({ user: { role: 'admin' } });
  });

  it('does nothing once a user exists, so a configured password never resets an account', async () => {
    const announced: string[][] = [];
    const result = await bootstrapAdmin(ds, {
      email: 'other@example.com',
      password: 'a configured password',
      announce: (lines) => announced.push(lines),
    });
    expect(result).toEqual({ created: false });
    expect(announced).toEqual([]);
    await expect(login('other@example.com', 'a configured password')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('bootstrapAdmin with a configured password', () => {
  const name = uniqueDatabaseName();
  let ds: DataSource;
  beforeAll(async () => {
    await execute(testDatabaseUrl(), `CREATE DATABASE "${name}"`);
    ds = createDataSource({ url: withDatabase(testDatabaseUrl(), name), poolSize: 2 });
    await ds.initialize();
    await runMigrations(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await execute(testDatabaseUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('uses it and prints nothing; with SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD=false no change is required', async () => {
    const announced: string[][] = [];
    const result = await bootstrapAdmin(ds, {
      email: 'admin@example.com',
      password: 'a configured password',
      mustChangePassword: false,
      announce: (lines) => announced.push(lines),
    });
    expect(result).toMatchObject({ created: true, generatedPassword: false });
    expect(announced).toEqual([]);
    const [row] = await ds.query(
      'SELECT o.name, u.password_change_required FROM users u JOIN organizations o ON o.id = u.organization_id',
    );
    expect(row).toEqual({ name: 'My organization', password_change_required: false });
  });
});
