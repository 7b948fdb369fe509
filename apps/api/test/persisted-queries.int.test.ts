import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import type { UntypedData } from './support/untyped-data';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

describe('automatic persisted queries (APQ)', () => {
  let api: TestApi;
  let tenant: Tenant;

  beforeAll(async () => {
    // A store that holds about two of the queries below, to see it stay bounded.
    api = await startTestApi({ persistedQueries: { maxBytes: 120, ttlSeconds: 60 } });
    tenant = await createTenant(api);
  });
  afterAll(() => api?.close());

  const post = async (body: object) => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.viewer.token}` },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      ...((await response.json()) as { data?: UntypedData; errors?: { extensions?: { code?: string } }[] }),
    };
  };
  /** A CDN-cacheable GET: only the hash and variables travel, in the URL (Apollo Client sends content-type, which passes CSRF checks). */
  const get = async (query: string) => {
    const url = new URL(api.url);
    url.searchParams.set('extensions', JSON.stringify(apq(query)));
    const response = await fetch(url, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${tenant.viewer.token}` },
    });
    return {
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      ...((await response.json()) as { data?: UntypedData; errors?: { extensions?: { code?: string } }[] }),
    };
  };

  it('asks for the text of an unknown hash, registers it once sent, then answers GET requests by hash', async () => {
    const query = 'query ApqViewer { spendsyncViewer { role } }';
    expect((await get(query)).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await post({ query, extensions: apq(query) })).toMatchObject({
      status: 200,
      data: { spendsyncViewer: { role: 'VIEWER' } },
    });
    // Per-caller data: a CDN must not keep it (Apollo marks answers without a cache hint so).
    expect(await get(query)).toMatchObject({
      status: 200,
      cacheControl: 'no-store',
      data: { spendsyncViewer: { role: 'VIEWER' } },
    });
    expect(await post({ extensions: apq(query) })).toMatchObject({ data: { spendsyncViewer: { role: 'VIEWER' } } });
  });

  it('refuses a query whose hash does not match its text as a bad request (regression: masked and logged as a server fault)', async () => {
    const logged = api.logLines.length;
    const response = await post({
      query: '{ spendsyncViewer { role } }',
      extensions: apq('{ spendsyncUsers { id } }'),
    });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(api.logLines.slice(logged).filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });

  it('keeps the store bounded: old queries are evicted as new ones arrive', async () => {
    const queries = ['a', 'b', 'c', 'd'].map(
      (alias) => `query Bounded { ${alias}: spendsyncViewer { role canRecordUsage } }`,
    );
    for (const query of queries) expect((await post({ query, extensions: apq(query) })).errors).toBeUndefined();
    expect((await get(queries[0]!)).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get(queries[3]!)).data).toEqual({ d: { role: 'VIEWER', canRecordUsage: false } });
  });
});
