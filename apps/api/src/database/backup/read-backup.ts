import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BACKUP_MAGIC, END_OF_TABLE, TABLE_PREFIX, type BackupHeader } from './backup-format';

/** The archive is not a spendsync backup, or is damaged. */
export class BackupFormatError extends Error {
  override readonly name = 'BackupFormatError';
}

/** One table's rows as COPY text lines, in archive order. */
export type BackupSection = { table: string; rows: AsyncIterable<string> };

/**
 * Reads an archive (see backup-format.ts): the header first, then each table's rows lazily —
 * consume each section's rows before asking for the next section.
 */
export async function openBackup(
  source: Readable,
): Promise<{ header: BackupHeader; sections: AsyncGenerator<BackupSection> }> {
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<string | undefined> => {
    try {
      const { value, done } = await lines.next();
      return done ? undefined : value;
    } catch (error) {
      throw new BackupFormatError(
        `The backup cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): is it a spendsync backup, complete and uncorrupted?`,
      );
    }
  };
  if ((await next()) !== BACKUP_MAGIC)
    throw new BackupFormatError(
      'This file is not a spendsync backup (version 1); make one with `spendsync backup --out <file>`.',
    );
  let header: BackupHeader;
  try {
    header = JSON.parse((await next()) ?? '') as BackupHeader;
  } catch {
    throw new BackupFormatError("The backup's header is damaged.");
  }
  if (!Array.isArray(header.tables) || !Array.isArray(header.migrations))
    throw new BackupFormatError("The backup's header is damaged.");

  async function* sections(): AsyncGenerator<BackupSection> {
    for (const table of header.tables) {
      const line = await next();
      if (line !== `${TABLE_PREFIX}${table.name}`)
        throw new BackupFormatError(`The backup is cut short or damaged before table ${table.name}.`);
      let ended = false;
      async function* rows(): AsyncGenerator<string> {
        for (;;) {
          const row = await next();
          if (row === undefined)
            throw new BackupFormatError(`The backup ends inside table ${table.name}: it is incomplete.`);
          if (row === END_OF_TABLE) {
            ended = true;
            return;
          }
          yield row;
        }
      }
      yield { table: table.name, rows: rows() };
      if (!ended) throw new Error(`The rows of ${table.name} were not read before the next table`);
    }
    if ((await next()) !== undefined)
      throw new BackupFormatError('The backup has data after its last table: it is damaged.');
  }
  return { header, sections: sections() };
}
