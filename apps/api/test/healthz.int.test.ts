import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { findFreePort } from '../src/database/free-port';
import { createLogger } from '../src/logger';
import { type ApiServer, createServer } from '../src/server';
import { openTestDataSource } from './test-data-source';

const logger = createLogger('silent');

async function get(port: number, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('GET /healthz', () => {
  let ds: DataSource;
  let server: ApiServer | undefined;
  beforeAll(async () => { ds = await openTestDataSource(); });
  afterEach(async () => { await server?.close(); server = undefined; });
  afterAll(async () => { if (ds?.isInitialized) await ds.destroy(); });

  async function start(dataSource: DataSource) {
    server = createServer({ dataSource, logger });
    return server.listen(0, '127.0.0.1');
  }

  it('answers 200 {"status":"ok","db":"ok"} when the database answers', async () => {
    const port = await start(ds);
    await expect(get(port, '/healthz')).resolves.toEqual({ status: 200, body: { status: 'ok', db: 'ok' } });
  });

  it('answers 503 with a reason when nothing listens at the database address', async () => {
    const dead = createDataSource({ url: `postgres://postgres@127.0.0.1:${await findFreePort()}/nowhere` });
    // Initialized lazily by pg: building the pool does not connect, the health query does.
    await dead.initialize().catch(() => undefined);
    const port = await start(dead);
    const { status, body } = await get(port, '/healthz');
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'error', db: 'down', reason: expect.stringMatching(/\S/) });
    if (dead.isInitialized) await dead.destroy();
  });

  it('answers 503 once the connection pool is gone', async () => {
    const own = await openTestDataSource();
    const port = await start(own);
    await own.destroy();
    await expect(get(port, '/healthz')).resolves.toEqual({
      status: 503, body: { status: 'error', db: 'down', reason: expect.stringMatching(/\S/) },
    });
  });

  it('answers 404 for unknown paths and closes cleanly', async () => {
    const port = await start(ds);
    const response = await fetch(`http://127.0.0.1:${port}/nope`);
    expect(response.status).toBe(404);
    await server!.close();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
