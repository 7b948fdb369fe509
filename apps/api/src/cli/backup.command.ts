import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { loadApiConfig, type ApiConfig } from '@spendsync/config';
import { createDataSource } from '../data-source';
import { restoreBackup } from '../database/backup/restore-backup';
import { writeBackup } from '../database/backup/write-backup';
import { runMigrations } from '../database/migrate';
import { pgPoolOf } from '../database/pg-pool';
import { openDatabaseForTool } from '../database/running-embedded';
import { createLogger } from '../logger';
import { parseCommandArgs, required } from './args';
import { CliUsageError, EXIT, reportError, writeLine, type CliIo } from './cli-io';

/** How `backup` and `restore` are called. */
export const BACKUP_USAGE =
  'usage: spendsync backup --out <file>\n' +
  '  Writes a consistent snapshot of the whole database (one transaction) to <file> (gzip), while spendsync keeps\n' +
  "  running: the embedded database of the data dir (the running server's, or started for the backup), or DATABASE_URL.\n" +
  'usage: spendsync restore --from <file> [--replace]\n' +
  '  Loads a backup into the database (migrated first), all or nothing. Refuses a database that already holds data\n' +
  '  unless --replace. Stop spendsync first.';

/** Seams for tests: where the configuration comes from. */
export type BackupCommandDeps = { loadConfig?: () => ApiConfig };

async function withDatabase<T>(
  io: CliIo,
  deps: BackupCommandDeps,
  work: (pool: ReturnType<typeof pgPoolOf>) => Promise<T>,
): Promise<T> {
  const config = (deps.loadConfig ?? loadApiConfig)();
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    io.stderr as unknown as Parameters<typeof createLogger>[1],
  );
  const database = await openDatabaseForTool(config, logger);
  try {
    const dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    try {
      await runMigrations(dataSource);
      return await work(pgPoolOf(dataSource));
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.stop();
  }
}

/** `spendsync backup --out <file>`. */
export async function runBackup(argv: readonly string[], io: CliIo, deps: BackupCommandDeps = {}): Promise<number> {
  try {
    const values = parseCommandArgs(argv, { out: { type: 'string' } } as const);
    const out = required(values.out, 'out', 'the file to write the backup to');
    if (
      await stat(out).then(
        () => true,
        () => false,
      )
    )
      throw new CliUsageError(`--out ${out} exists already; choose a new file (a backup never overwrites one)`);
    const partial = `${out}.partial`;
    const summary = await withDatabase(io, deps, async (pool) => {
      try {
        return await writeBackup(pool, createWriteStream(partial, { mode: 0o600, flags: 'wx' }));
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    });
    await rename(partial, out); // only a complete archive gets the name
    const rows = Object.values(summary.tables).reduce((sum, n) => sum + n, 0);
    await writeLine(
      io.stdout,
      JSON.stringify({ file: out, bytes: (await stat(out)).size, tables: Object.keys(summary.tables).length, rows }),
    );
    return EXIT.OK;
  } catch (error) {
    return reportError(error, io, []);
  }
}

/** `spendsync restore --from <file> [--replace]`. */
export async function runRestore(argv: readonly string[], io: CliIo, deps: BackupCommandDeps = {}): Promise<number> {
  try {
    const values = parseCommandArgs(argv, { from: { type: 'string' }, replace: { type: 'boolean' } } as const);
    const from = required(values.from, 'from', 'the backup file to restore');
    await stat(from).catch(() => {
      throw new CliUsageError(`--from ${from} does not exist`);
    });
    const summary = await withDatabase(io, deps, (pool) =>
      restoreBackup(pool, createReadStream(from), { replace: values.replace === true }),
    );
    const rows = Object.values(summary.tables).reduce((sum, n) => sum + n, 0);
    await writeLine(io.stdout, JSON.stringify({ file: from, tables: Object.keys(summary.tables).length, rows }));
    return EXIT.OK;
  } catch (error) {
    return reportError(error, io, []);
  }
}
