import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction that is always rolled back and returns its result. With
 * `triggersOff`, foreign keys and triggers are off in it (`session_replication_role = replica`):
 * for tests that fill tables only to read plans or rows off them.
 */
export async function rolledBack<T>(
  ds: DataSource,
  work: (tx: EntityManager) => Promise<T>,
  { triggersOff = false } = {},
): Promise<T> {
  let result: T | undefined;
  await ds
    .transaction(async (tx) => {
      if (triggersOff) await tx.query('SET LOCAL session_replication_role = replica');
      result = await work(tx);
      throw new Error('roll back');
    })
    .catch((error: Error) => {
      if (error.message !== 'roll back') throw error;
    });
  return result as T;
}
