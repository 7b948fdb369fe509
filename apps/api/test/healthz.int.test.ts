import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { findFreePort } from '../src/database/free-port';
import { createLogger } from '../src/logger';
import { type ApiServer, createServer } from '../src/server';
import { openTestDataSource } from './test-data-source';

const logLines: string[] = [];
const logger = createLogger('warn', { write: (line: string) => void logLines.push(line) });

async function get(port: number, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('GET /healthz', () => {
  let ds: DataSource;
  let server: ApiServer | undefined;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
  });

  async function start(dataSource: DataSource, routes?: (app: ApiServer['app']) => void) {
    server = createServer({ dataSource, logger });
    routes?.(server.app); // mounted after createServer, as GraphQL and the exports are
    return server.listen(0, '127.0.0.1');
  }

  it('answers 200 {"status":"ok","db":"ok"} when the database answers', async () => {
    const port = await start(ds);
    await expect(get(port, '/healthz')).resolves.toEqual({ status: 200, body: { status: 'ok', db: 'ok' } });
  });

  it('answers 503 without the database error (that goes to the log) when nothing listens at the database address', async () => {
    const dead = createDataSource({ url: `postgres://postgres@127.0.0.1:${await findFreePort()}/nowhere` });
    // Initialized lazily by pg: building the pool does not connect, the health query does.
    await dead.initialize().catch(() => undefined);
    const port = await start(dead);
    const { status, body } = await get(port, '/healthz');
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'error', db: 'down' });
    expect(logLines.some((line) => line.includes('Health check failed') && /"reason":"\S/.test(line))).toBe(true);
    if (dead.isInitialized) await dead.destroy();
  });

  it('answers 503 once the connection pool is gone', async () => {
    const own = await openTestDataSource();
    const port = await start(own);
    await own.destroy();
    await expect(get(port, '/healthz')).resolves.toEqual({
      status: 503,
      body: { status: 'error', db: 'down' },
    });
  });

  it('answers 404 for unknown paths, a malformed body with 400 and no stack, and closes cleanly', async () => {
    const port = await start(ds, (app) => app.post('/echo', express.json(), (_req, res) => void res.json({})));
    const response = await fetch(`http://127.0.0.1:${port}/nope`);
    expect(response.status).toBe(404);
    const malformed = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/SyntaxError|\bat \S+ \(/);
    await server!.close();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
