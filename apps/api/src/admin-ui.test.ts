import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { mountAdminUi } from './admin-ui';

const INDEX = '<!doctype html><title>spendsync admin</title>';

async function serve(distDir: string): Promise<{ url: string; mounted: boolean; close(): Promise<void> }> {
  const app = express();
  // API routes come first, as in main.ts.
  app.post('/graphql', (_req, res) => void res.json({ data: { ok: true } }));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  const mounted = mountAdminUi(app, distDir);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mounted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('mountAdminUi', () => {
  let dist: string;
  let app: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'spendsync-admin-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), INDEX);
    await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(path.join(dist, 'favicon.svg'), '<svg/>');
    app = await serve(dist);
  });
  afterAll(async () => {
    await app?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('reports that it mounted a build', () => {
    expect(app.mounted).toBe(true);
  });

  it.each(['/', '/overview/models', '/provider-accounts/create', '/sync-runs?filter=%7B%7D'])(
    'returns index.html for the client route %s',
    async (route) => {
      const response = await fetch(`${app.url}${route}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    },
  );

  it('returns fingerprinted assets with a long cache lifetime', async () => {
    const response = await fetch(`${app.url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toMatch(/immutable/);
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each(['/assets/missing.js', '/missing.png'])('returns 404 for the missing file %s, not the page', async (file) => {
    const response = await fetch(`${app.url}${file}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('spendsync admin');
  });

  it.each(['/graphql', '/export/providers.csv', '/v1/metered-usage', '/healthz/deep'])(
    'leaves the API path %s to the API',
    async (route) => {
      const response = await fetch(`${app.url}${route}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('spendsync admin');
    },
  );

  it('keeps the API routes working', async () => {
    const graphql = await fetch(`${app.url}/graphql`, { method: 'POST' });
    expect(await graphql.json()).toEqual({ data: { ok: true } });
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('does not answer a POST to a client route with the page', async () => {
    const response = await fetch(`${app.url}/overview`, { method: 'POST' });
    expect(response.status).toBe(404);
  });

  it('mounts nothing when there is no build', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'spendsync-admin-empty-'));
    const bare = await serve(empty);
    try {
      expect(bare.mounted).toBe(false);
      expect((await fetch(`${bare.url}/`)).status).toBe(404);
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
