import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createLinkedAccount, createTestEngine, startSimulator, syncNow } from './sync-harness';
import { openTestDataSource } from './test-data-source';

/** Issue 16: the sync engine keeps each account's settled-through day from the days it re-read. */
describe('settled-through day kept by the sync engine', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  const settledThrough = async (id: string) =>
    (await ds.query('SELECT settled_through::text AS s FROM provider_accounts WHERE id = $1', [id]))[0].s as
      string | null;
  const readAt = async (id: string, day: string) =>
    (
      (
        await ds.query('SELECT read_at FROM provider_account_day_reads WHERE provider_account_id = $1 AND day = $2', [
          id,
          day,
        ])
      )[0]?.read_at as Date | undefined
    )?.toISOString();

  it('settles OpenAI days (24 h) only once a run re-read them after the delay', async () => {
    const sim = await startSimulator('openai', {
      seed: 16,
      start: '2026-01-01',
      days: 13,
      workspaces: 1,
      keysPerWorkspace: 2,
      models: 2,
    });
    try {
      const account = await createLinkedAccount(ds, 'openai', sim.credentials);
      let now = new Date('2026-01-13T06:00:00Z');
      const { engine } = createTestEngine(ds, sim, { now: () => now });
      expect((await syncNow(engine, { accountId: account.id, trigger: 'link' })).status).toBe('succeeded');
      // 2026-01-11 settled at 2026-01-13T00:00 and was read after; 2026-01-12 settles 2026-01-14T00:00.
      expect(await settledThrough(account.id)).toBe('2026-01-12');
      expect(await readAt(account.id, '2026-01-12')).toBe('2026-01-13T06:00:00.000Z');

      now = new Date('2026-01-13T23:00:00Z'); // still before 2026-01-12 settles: a re-read does not settle it
      expect((await syncNow(engine, { accountId: account.id, trigger: 'manual' })).status).toBe('succeeded');
      expect(await settledThrough(account.id)).toBe('2026-01-12');

      now = new Date('2026-01-14T03:00:00Z');
      expect((await syncNow(engine, { accountId: account.id, trigger: 'manual' })).status).toBe('succeeded');
      expect(await readAt(account.id, '2026-01-12')).toBe('2026-01-14T03:00:00.000Z');
      expect(await settledThrough(account.id)).toBe('2026-01-13');
    } finally {
      await sim.close();
    }
  }, 60_000);

  it('uses the 24 h delay for an Azure account that says it is on EA', async () => {
    const sim = await startSimulator('azure', {
      seed: 16,
      start: '2026-01-01',
      days: 13,
      workspaces: 1,
      keysPerWorkspace: 1,
      models: 2,
    });
    try {
      const account = await createLinkedAccount(ds, 'azure', { ...(sim.credentials as object), agreement: 'EA' });
      const { engine } = createTestEngine(ds, sim, { now: () => new Date('2026-01-13T06:00:00Z') });
      expect((await syncNow(engine, { accountId: account.id, trigger: 'link' })).status).toBe('succeeded');
      // EA: 2026-01-11 settled at 2026-01-13T00:00 (72 h PAYG would stop at 2026-01-10).
      expect(await settledThrough(account.id)).toBe('2026-01-12');
    } finally {
      await sim.close();
    }
  }, 60_000);
});
