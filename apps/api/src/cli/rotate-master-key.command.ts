import { readFile } from 'node:fs/promises';
import {
  decodeMasterKey,
  installMasterKey,
  loadApiConfig,
  resolveMasterKeyring,
  type ApiConfig,
} from '@spendsync/config';
import { createDataSource } from '../data-source';
import { runMigrations } from '../database/migrate';
import { openDatabaseForTool } from '../database/running-embedded';
import { pgPoolOf } from '../database/pg-pool';
import { createCredentialCipher, masterKeyId } from '../features/provider-accounts/credential-cipher';
import { reencryptCredentials } from '../features/provider-accounts/reencrypt-credentials';
import { createLogger } from '../logger';
import { parseCommandArgs } from './args';
import { CliUsageError, EXIT, reportError, writeLine, type CliIo } from './cli-io';

/** How `rotate-master-key` is called. */
export const ROTATE_MASTER_KEY_USAGE =
  'usage: spendsync rotate-master-key [--new-key-file <file>]\n' +
  '  Re-encrypts every stored provider credential under a new master key, in one transaction: all or nothing.\n' +
  '  The service may keep running. --new-key-file holds the new key (32 random bytes, base64: openssl rand -base64 32).\n' +
  "  With a key file (the data dir's master.key or SPENDSYNC_MASTER_KEY_FILE) the new key is installed there afterwards and\n" +
  '  the old one kept in <file>.previous; running processes pick it up by themselves. With SPENDSYNC_MASTER_KEY, restart\n' +
  '  first with the new key in SPENDSYNC_MASTER_KEY and the old one in SPENDSYNC_MASTER_KEY_PREVIOUS, then run this\n' +
  '  without --new-key-file: it moves everything to the current key.';

const OPTIONS = { 'new-key-file': { type: 'string' } } as const;

/** Seams for tests: where the configuration comes from. */
export type RotateCommandDeps = { loadConfig?: () => ApiConfig };

async function readNewKey(file: string): Promise<Buffer> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliUsageError(`--new-key-file ${file} cannot be read (${error.code ?? error.message})`);
  });
  const key = decodeMasterKey(text);
  // Never echo the file: it is (or was meant to be) a key.
  if (!key)
    throw new CliUsageError(
      `--new-key-file ${file} does not hold a key: it must be 32 random bytes in base64 (openssl rand -base64 32)`,
    );
  return key;
}

/** `spendsync rotate-master-key`: see {@link ROTATE_MASTER_KEY_USAGE}. */
export async function runRotateMasterKey(
  argv: readonly string[],
  io: CliIo,
  deps: RotateCommandDeps = {},
): Promise<number> {
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const values = parseCommandArgs(argv, OPTIONS);
    const config = (deps.loadConfig ?? loadApiConfig)();
    const logger = createLogger(
      config.logLevel === 'info' ? 'warn' : config.logLevel,
      io.stderr as unknown as Parameters<typeof createLogger>[1],
    );
    const ring = await resolveMasterKeyring(config, { logger });
    const next = values['new-key-file'] === undefined ? ring.current : await readNewKey(values['new-key-file']);
    const reader = createCredentialCipher(ring.current, { previous: [...ring.previous, next] });
    const target = createCredentialCipher(next);
    const database = await openDatabaseForTool(config, logger);
    cleanup.unshift(database.stop);
    const dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    cleanup.unshift(() => dataSource.destroy());
    await runMigrations(dataSource);
    io.stderr.write(`Re-encrypting provider credentials under key ${masterKeyId(next)}…\n`);
    const result = await reencryptCredentials(pgPoolOf(dataSource), reader, target);
    const changedKey = !next.equals(ring.current);
    if (changedKey && ring.file) await installMasterKey(ring.file, next, ring.current);
    await writeLine(
      io.stdout,
      JSON.stringify({
        keyId: masterKeyId(next),
        reencrypted: result.reencrypted,
        alreadyCurrent: result.alreadyCurrent,
        installedIn: changedKey && ring.file ? ring.file : null,
      }),
    );
    if (changedKey && !ring.file) {
      io.stderr.write(
        'Done. Now set SPENDSYNC_MASTER_KEY to the new key and keep the old one in SPENDSYNC_MASTER_KEY_PREVIOUS until every process has restarted.\n',
      );
    }
    return EXIT.OK;
  } catch (error) {
    return reportError(error, io, []);
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
}
