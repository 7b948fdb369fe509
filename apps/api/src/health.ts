import type { DataSource } from 'typeorm';

/** The /healthz body. */
export type Health = { status: 'ok'; db: 'ok' } | { status: 'error'; db: 'down'; reason: string };

const TIMEOUT_MS = 3_000;

/** Checks the database with `SELECT 1`, giving up after 3 s so a hung server reads as down. */
export async function checkHealth(dataSource: DataSource): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([dataSource.query('SELECT 1'), timeout]);
    return { status: 'ok', db: 'ok' };
  } catch (error) {
    return { status: 'error', db: 'down', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
