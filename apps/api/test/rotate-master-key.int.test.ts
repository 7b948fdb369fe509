import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { reloadMasterKeyring } from '@spendsync/config';
import pg from 'pg';
import { createCredentialCipher, masterKeyId } from '../src/features/provider-accounts/credential-cipher';
import {
  legacyCredentialContext,
  openCredentials,
  openStoredCredentials,
  sealCredentials,
} from '../src/features/provider-accounts/provider-account-credentials';
import { execute, uniqueDatabaseName, withDatabase } from './test-database';
import { testDatabaseUrl } from './test-data-source';

// `spendsync rotate-master-key` as an operator runs it: the real CLI in a child process, on a
// database of its own (it rewrites every credential row, which other test files must not see).
jest.setTimeout(120_000);

const REGISTER = path.join(__dirname, 'support', 'swc-register.cjs');
const CLI = path.join(__dirname, '..', 'src', 'cli', 'main.ts');
const OLD = Buffer.alloc(32, 0x31);
const NEW = Buffer.alloc(32, 0x32);
const STRANGER = Buffer.alloc(32, 0x33);
const ACCOUNTS = 30;

type Row = { id: string; organization_id: string; provider: 'openai'; credentials_encrypted: Buffer };
type Run = { child: ChildProcess; out: string[]; err: string[]; exit: Promise<number | null> };

describe('spendsync rotate-master-key', () => {
  let url: string;
  let name: string;
  let pool: pg.Pool;
  let dir: string;
  let keyFile: string;
  let newKeyFile: string;
  const expected = new Map<string, unknown>();

  const rotate = (args: string[], env: Record<string, string> = {}): Run => {
    const { DATABASE_URL: _run, ...inherited } = process.env;
    const child = spawn(
      process.execPath,
      ['--conditions=@spendsync/source', '-r', REGISTER, CLI, 'rotate-master-key', ...args],
      {
        env: {
          ...inherited,
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          DATABASE_URL: url,
          SPENDSYNC_MASTER_KEY_FILE: keyFile,
          SPENDSYNC_DATA_DIR: dir,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const out: string[] = [];
    const err: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
    return { child, out, err, exit: once(child, 'exit').then(([code]) => code as number | null) };
  };
  const rows = async () =>
    (
      await pool.query<Row>(
        'SELECT id, organization_id, provider, credentials_encrypted FROM provider_accounts ORDER BY id',
      )
    ).rows;
  /** Every row opens with `key` alone: bound to its account, or (`legacyToo`) still sealed to the organization. */
  const readsAllWith = async (key: Buffer, legacyToo = false) => {
    const cipher = createCredentialCipher(key);
    for (const row of await rows()) {
      const account = {
        organizationId: row.organization_id,
        id: row.id,
        provider: row.provider,
        credentialsEncrypted: row.credentials_encrypted,
      };
      const plaintext = legacyToo
        ? JSON.parse(openStoredCredentials(cipher, account, row.credentials_encrypted) ?? 'null')
        : openCredentials(cipher, account);
      expect(plaintext).toEqual(expected.get(row.id));
    }
  };

  beforeAll(async () => {
    name = uniqueDatabaseName();
    await execute(testDatabaseUrl(), `CREATE DATABASE ${name}`);
    url = withDatabase(testDatabaseUrl(), name);
    pool = new pg.Pool({ connectionString: url, max: 3 });
    // Migrate the own database through the CLI's path: a rotation over no rows migrates and exits 0.
    dir = await mkdtemp(path.join(tmpdir(), 'spendsync-rotate-'));
    keyFile = path.join(dir, 'master.key');
    newKeyFile = path.join(dir, 'new.key');
    await writeFile(keyFile, `${OLD.toString('base64')}\n`, { mode: 0o600 });
    await writeFile(newKeyFile, `${NEW.toString('base64')}\n`, { mode: 0o600 });
    const migrate = rotate([]);
    expect(await migrate.exit).toBe(0);
    const old = createCredentialCipher(OLD);
    const {
      rows: [org],
    } = await pool.query<{ id: string }>(`INSERT INTO organizations (name) VALUES ('rotation') RETURNING id`);
    for (let i = 0; i < ACCOUNTS; i += 1) {
      const credentials = { apiKey: `sk-admin-rotation-${i}-secret` };
      const {
        rows: [row],
      } = await pool.query<{ id: string }>(
        `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, 'openai', $2, '\\x00', 'x') RETURNING id`,
        [org!.id, `account ${i}`],
      );
      // One row as an older version stored it: sealed to the organization only.
      const blob =
        i === 7
          ? old.encrypt(JSON.stringify(credentials), legacyCredentialContext(org!.id))
          : sealCredentials(old, { organizationId: org!.id, id: row!.id, provider: 'openai' }, credentials);
      await pool.query('UPDATE provider_accounts SET credentials_encrypted = $2 WHERE id = $1', [row!.id, blob]);
      expected.set(row!.id, credentials);
    }
  });
  beforeEach(async () => {
    expect(await readFile(keyFile, 'utf8')).toContain(OLD.toString('base64')); // each test starts from the old key
  });
  afterAll(async () => {
    await pool?.end();
    if (name) await execute(testDatabaseUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses keys that do not open the stored credentials, changing nothing', async () => {
    const stranger = path.join(dir, 'stranger.key');
    await writeFile(stranger, `${STRANGER.toString('base64')}\n`, { mode: 0o600 });
    const before = await rows();
    const run = rotate(['--new-key-file', newKeyFile], { SPENDSYNC_MASTER_KEY_FILE: stranger });
    expect(await run.exit).toBe(1);
    expect(run.err.join('')).toMatch(/do not open with the keys given .*nothing was changed/);
    expect(run.err.join('')).not.toContain('sk-admin-rotation');
    expect(await rows()).toEqual(before);
  });

  it('changes nothing when killed half-way, while a row it needs is locked', async () => {
    const ids = (await rows()).map((row) => row.id);
    const locker = await pool.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM provider_accounts WHERE id = $1 FOR UPDATE', [ids[ACCOUNTS / 2]]);
    const run = rotate(['--new-key-file', newKeyFile]);
    try {
      // Half-way: it has re-encrypted the rows before the locked one and waits for that lock.
      for (let waited = 0; ; waited += 100) {
        const { rows: waiting } = await pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'`,
          [name],
        );
        if (waiting.length > 0) break;
        if (waited > 60_000 || run.child.exitCode !== null)
          throw new Error(`rotation did not block: ${run.err.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      run.child.kill('SIGKILL');
      await run.exit;
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    await readsAllWith(OLD, true);
    expect(
      (await rows()).some((row) => createCredentialCipher(NEW).keyIdOf(row.credentials_encrypted) === masterKeyId(NEW)),
    ).toBe(false);
    expect(await readFile(keyFile, 'utf8')).toBe(`${OLD.toString('base64')}\n`);
    await expect(stat(`${keyFile}.previous`)).rejects.toThrow(/ENOENT/);
  });

  it('moves every credential to the new key, installs it, and a running process keeps reading without a restart', async () => {
    const running = createCredentialCipher(OLD, { reload: () => reloadMasterKeyring(keyFile) });
    const run = rotate(['--new-key-file', newKeyFile]);
    expect(await run.exit).toBe(0);
    expect(JSON.parse(run.out.join(''))).toEqual({
      keyId: masterKeyId(NEW),
      reencrypted: ACCOUNTS,
      alreadyCurrent: 0,
      installedIn: keyFile,
    });
    expect(run.out.join('') + run.err.join('')).not.toContain('sk-admin-rotation');
    await readsAllWith(NEW); // the legacy row is bound to its account on the way
    expect(await readFile(keyFile, 'utf8')).toBe(`${NEW.toString('base64')}\n`);
    expect(await readFile(`${keyFile}.previous`, 'utf8')).toBe(`${OLD.toString('base64')}\n`);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);

    const [row] = await rows();
    const account = {
      organizationId: row!.organization_id,
      id: row!.id,
      provider: row!.provider,
      credentialsEncrypted: row!.credentials_encrypted,
    };
    expect(openCredentials(running, account)).toEqual(expected.get(row!.id)); // reloaded the key file
    expect(running.currentKeyId()).toBe(masterKeyId(NEW));

    const again = rotate([]);
    expect(await again.exit).toBe(0);
    expect(JSON.parse(again.out.join(''))).toMatchObject({
      reencrypted: 0,
      alreadyCurrent: ACCOUNTS,
      installedIn: null,
    });
  });
});
