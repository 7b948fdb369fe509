import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config-error';
import type { ApiConfig } from './load';
import { decodeMasterKey, MASTER_KEY_BYTES, MASTER_KEY_RULE } from './schema/crypto';

/** The one logging call this module makes; a pino logger fits. */
export type WarnLogger = { warn(details: object, message: string): void };

/** File name of the generated key inside the data dir. */
export const MASTER_KEY_FILE = 'master.key';

/**
 * Reads a key file. Group or world access to it is refused when `strict` (production: a key
 * others can read is a leaked key) and only warned about otherwise.
 */
async function readKeyFile(
  file: string,
  logger: WarnLogger,
  options: { variable: string; strict: boolean },
): Promise<Buffer> {
  const key = decodeMasterKey(await readFile(file, 'utf8'));
  // Never echo the file's content: it is (or was meant to be) the key.
  if (!key)
    throw new ConfigError([
      { variable: options.variable, message: `${file} is not a usable key: it ${MASTER_KEY_RULE}` },
    ]);
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    if (options.strict) {
      throw new ConfigError([
        {
          variable: options.variable,
          message: `${file} can be read by other users (mode ${octal}); run chmod 600 on it and start again (refused when NODE_ENV=production)`,
        },
      ]);
    }
    logger.warn({ keyFile: file, mode: octal }, 'The master key file is readable by other users; run chmod 600 on it');
  }
  return key;
}

// Duck-typed: fs errors can come from another realm (jest), where `instanceof Error` is false.
function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

/**
 * The key that encrypts provider credentials. SPENDSYNC_MASTER_KEY wins, then the file named by
 * SPENDSYNC_MASTER_KEY_FILE (owner-only in production). Without either (never in production) a key is generated once into `<dataDir>/master.key` (mode 0600) with a warning,
 * and read back on every later start, so a local install works with no setup.
 */
export async function resolveMasterKey(config: ApiConfig, deps: { logger: WarnLogger }): Promise<Buffer> {
  if (config.masterKey) return config.masterKey;
  const strict = config.nodeEnv === 'production';
  if (config.masterKeyFile !== undefined) {
    try {
      return await readKeyFile(config.masterKeyFile, deps.logger, { variable: 'SPENDSYNC_MASTER_KEY_FILE', strict });
    } catch (error) {
      if (!isErrno(error, 'ENOENT') && !isErrno(error, 'EACCES')) throw error;
      throw new ConfigError([
        {
          variable: 'SPENDSYNC_MASTER_KEY_FILE',
          message: `${config.masterKeyFile} cannot be read (${(error as NodeJS.ErrnoException).code})`,
        },
      ]);
    }
  }
  if (strict) {
    throw new ConfigError([
      {
        variable: 'SPENDSYNC_MASTER_KEY',
        message: `(or SPENDSYNC_MASTER_KEY_FILE) is required when NODE_ENV=production; it ${MASTER_KEY_RULE}`,
      },
    ]);
  }
  const file = path.join(config.dataDir, MASTER_KEY_FILE);
  const generated = { variable: 'SPENDSYNC_MASTER_KEY', strict: false };
  try {
    return await readKeyFile(file, deps.logger, generated);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  // 0711: an embedded PostgreSQL running as another OS user must be able to reach <dataDir>/pg.
  await mkdir(config.dataDir, { recursive: true, mode: 0o711 });
  const key = randomBytes(MASTER_KEY_BYTES);
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process created it first: use theirs, so both encrypt with the same key.
    if (isErrno(error, 'EEXIST')) return readKeyFile(file, deps.logger, generated);
    throw error;
  }
  deps.logger.warn(
    { keyFile: file },
    'SPENDSYNC_MASTER_KEY is not set: generated a master key into the data dir. Back it up; without it stored credentials cannot be read. Set SPENDSYNC_MASTER_KEY in production.',
  );
  return key;
}

/** The keys a process holds: `current` encrypts, every key decrypts. `file` is where `current` came from, if a file. */
export type MasterKeyring = { current: Buffer; previous: readonly Buffer[]; file?: string };

/** `<key file>.previous`: earlier keys of a rotated key file, one base64 key per line. */
export const previousKeysFile = (file: string): string => `${file}.previous`;

function parsePreviousKeys(text: string): Buffer[] {
  return text
    .split('\n')
    .map(decodeMasterKey)
    .filter((key): key is Buffer => key !== undefined);
}

/**
 * The master key with the earlier keys a rotation still needs for reading:
 * SPENDSYNC_MASTER_KEY_PREVIOUS, plus the `.previous` file beside a key file.
 */
export async function resolveMasterKeyring(config: ApiConfig, deps: { logger: WarnLogger }): Promise<MasterKeyring> {
  const current = await resolveMasterKey(config, deps);
  const file = config.masterKey ? undefined : (config.masterKeyFile ?? path.join(config.dataDir, MASTER_KEY_FILE));
  const fromFile = file ? parsePreviousKeys(await readFile(previousKeysFile(file), 'utf8').catch(() => '')) : [];
  return { current, previous: [...config.previousMasterKeys, ...fromFile], ...(file ? { file } : {}) };
}

/**
 * Reads a key file and its `.previous` again, synchronously: a running process calls it when it
 * meets a credential sealed under a key it does not hold (another process rotated the file).
 * Undefined when the file is gone or not a key.
 */
export function reloadMasterKeyring(file: string, previous: readonly Buffer[] = []): MasterKeyring | undefined {
  try {
    const current = decodeMasterKey(readFileSync(file, 'utf8'));
    if (!current) return undefined;
    const older = existsSync(previousKeysFile(file))
      ? parsePreviousKeys(readFileSync(previousKeysFile(file), 'utf8'))
      : [];
    return { current, previous: [...previous, ...older], file };
  } catch {
    return undefined;
  }
}

/**
 * Makes `next` the key in `file` (atomically: write beside it, then rename) after adding the key
 * it replaces to `<file>.previous`, so processes that still meet old ciphertexts can read them.
 * Both files are owner-only.
 */
export async function installMasterKey(file: string, next: Buffer, replaced: Buffer): Promise<void> {
  await appendFile(previousKeysFile(file), `${replaced.toString('base64')}\n`, { mode: 0o600 });
  await chmod(previousKeysFile(file), 0o600);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${next.toString('base64')}\n`, { mode: 0o600, flag: 'w' });
  await rename(temporary, file);
}
