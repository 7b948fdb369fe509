/**
 * Child of broken-connection.int.test.ts: holds connections of an application data source checked
 * out (a query runner inside a transaction with a statement running, and an idle one), has
 * PostgreSQL end their sessions, then uses the pool again. Prints one JSON line per step; a
 * crash shows as a non-zero exit without the last line.
 */
import { createDataSource } from '../../src/data-source';
import { pgPoolOf } from '../../src/database/pg-pool';

const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

async function main(): Promise<void> {
  const broken: string[] = [];
  const dataSource = createDataSource({
    url: process.argv[2]!,
    poolSize: 3,
    onBrokenConnection: (error) => broken.push(error.message),
  });
  await dataSource.initialize();
  const pool = pgPoolOf(dataSource);
  const pidOf = async (query: (sql: string) => Promise<{ pid: number }[]>) =>
    (await query('SELECT pg_backend_pid() AS pid'))[0]!.pid;

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  const busyPid = await pidOf((sql) => runner.query(sql));
  const idle = await pool.connect();
  const idlePid = await pidOf(async (sql) => (await idle.query<{ pid: number }>(sql)).rows);

  const sleeping = runner.query('SELECT pg_sleep(5)').then(
    () => 'finished',
    (error: Error) => `failed: ${error.message}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  await pool.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) pid', [[busyPid, idlePid]]);
  say({ step: 'statement', outcome: await sleeping });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const idleNext = await idle.query('SELECT 1').then(
    () => 'answered',
    (error: Error) => `failed: ${error.message}`,
  );
  say({ step: 'idle connection', outcome: idleNext });
  await runner.rollbackTransaction().catch(() => undefined);
  await runner.release();
  idle.release();
  const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
  say({ step: 'pool after', one: rows[0]!.one, broken });
  await dataSource.destroy();
}

main().then(
  () => say({ step: 'done' }),
  (error: unknown) => {
    say({ step: 'error', message: String(error) });
    process.exitCode = 2;
  },
);
