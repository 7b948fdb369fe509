/**
 * spendsync's backup archive, version 1: gzip of UTF-8 lines.
 *
 * ```
 * SPENDSYNC-BACKUP 1
 * {"createdAt":"…","migrations":["InitialSchema1795737600000",…],"tables":[{"name":"organizations","columns":["id",…]},…]}
 * TABLE organizations
 * <one row per line, PostgreSQL COPY text format>
 * \.
 * TABLE …
 * ```
 *
 * COPY's text format escapes newlines inside values, so every row is exactly one line.
 */
export const BACKUP_MAGIC = 'SPENDSYNC-BACKUP 1';
export const TABLE_PREFIX = 'TABLE ';
export const END_OF_TABLE = '\\.';

/** One table of the archive and the columns of its rows, in order. */
export type BackupTable = { name: string; columns: string[] };

/** The archive's second line. */
export type BackupHeader = { createdAt: string; migrations: string[]; tables: BackupTable[] };

/** A table name or column as a quoted SQL identifier. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
