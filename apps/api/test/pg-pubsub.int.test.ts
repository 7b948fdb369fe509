import { afterEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createPgPubSub } from '../src/pubsub/pg-pubsub';
import type { PubSub } from '../src/pubsub/pubsub';
import { testDatabaseUrl } from './test-data-source';
import { nextEvent as next } from './support/next-event';

type Topics = { T: { n: number; text?: string } };

describe('createPgPubSub', () => {
  const opened: PubSub<Topics>[] = [];
  const open = async (channel: string) => {
    const pubsub = await createPgPubSub<Topics>({ connectionString: testDatabaseUrl(), channel, reconnectDelayMs: 50 });
    opened.push(pubsub);
    return pubsub;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.close()));
  });

  it('delivers to subscribers of another instance, and once (no echo) to its own', async () => {
    const [a, b] = [await open('t_echo'), await open('t_echo')];
    const own = a.subscribe('T');
    const remote = b.subscribe('T');
    await a.publish('T', { n: 1 });
    await a.publish('T', { n: 2 });
    expect([await next(own), await next(own)]).toEqual([{ n: 1 }, { n: 2 }]);
    expect([await next(remote), await next(remote)]).toEqual([{ n: 1 }, { n: 2 }]);
    await expect(next(own, 300)).rejects.toThrow(/no event/);
  });

  it('keeps channels apart and trims an event too large for NOTIFY', async () => {
    const [a, b, c] = [await open('t_one'), await open('t_one'), await open('t_two')];
    const same = b.subscribe('T');
    const other = c.subscribe('T');
    await a.publish('T', { n: 1, text: 'x'.repeat(50_000) });
    const got = await next(same);
    expect(got.n).toBe(1);
    expect(got.text!.length).toBeLessThan(8_000);
    await expect(next(other, 300)).rejects.toThrow(/no event/);
  });

  it('reconnects after its connection is killed and delivers again', async () => {
    const [a, b] = [await open('t_reconnect'), await open('t_reconnect')];
    const remote = b.subscribe('T');
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "t_reconnect"' AND pid <> pg_backend_pid()`,
      );
    } finally {
      await admin.end();
    }
    for (let attempt = 0; ; attempt++) {
      const ok = await a.publish('T', { n: attempt }).then(
        () => true,
        () => false,
      );
      const event = ok ? await next(remote, 300).catch(() => undefined) : undefined;
      if (event) break;
      if (attempt > 50) throw new Error('never reconnected');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
