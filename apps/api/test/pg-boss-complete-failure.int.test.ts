import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PgBoss from 'pg-boss';
import { testDatabaseUrl } from './test-data-source';

type Complete = (...args: unknown[]) => Promise<unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pg-boss's internal manager, to make one completion fail
const Manager = require('pg-boss/src/manager') as { prototype: { complete: Complete } };
const complete = Manager.prototype.complete;

// pg-boss 10.4.2 completed (or failed) a worked job without awaiting it: when that write failed
// (the database restarting under a running sync), the rejection went unhandled and took the
// worker down. patches/pg-boss@10.4.2.patch awaits it and reports the failure as an error event;
// the job's lease then expires and it is retried. Found by the fault and load suite (test/soak).
describe('pg-boss (patched): a job completion that fails does not stop the worker', () => {
  let boss: PgBoss;
  const errors: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    boss = new PgBoss({ connectionString: testDatabaseUrl(), schema: 'pgboss_complete_failure', max: 2 });
    boss.on('error', (error) => errors.push(error.message));
    await boss.start();
    await boss.createQueue('q');
  });
  afterAll(async () => {
    Manager.prototype.complete = complete;
    await boss?.stop({ graceful: false, wait: true });
    process.off('unhandledRejection', onUnhandled);
  });

  it('reports the failed completion as an error and goes on working the queue', async () => {
    // The first completion fails as it does while PostgreSQL restarts.
    let failNext = true;
    Manager.prototype.complete = async function (this: unknown, ...args: unknown[]) {
      if (failNext) {
        failNext = false;
        throw new Error('Connection terminated unexpectedly');
      }
      return complete.apply(this, args);
    };
    const worked: string[] = [];
    await boss.work<{ n: number }>('q', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      worked.push(String(job!.data.n));
    });
    await boss.send('q', { n: 1 });
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 15_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await until(() => errors.length > 0);
    expect(errors.join('\n')).toMatch(/Connection terminated unexpectedly/);
    await boss.send('q', { n: 2 });
    await until(() => worked.includes('2'));
    expect(worked).toContain('2');
    expect(unhandled).toEqual([]);
  });
});
