import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { getNamedType, isLeafType, type GraphQLField } from 'graphql';
import { isPublicErrorCode } from '../../src/errors';
import { createTenant, startTestApi, type Tenant, type TestApi } from '../api-harness';
import { CANARY_SECRET, edgeString, garbage, valueFor } from './fuzz-values';

/**
 * Every public input, fed malformed, huge, deeply nested and unicode-edge values by fast-check:
 * each answer is a clear error with a public code (or a success), never a 500 or a stack
 * trace, never a partial change left behind by a failed call, never a secret echoed back.
 * FUZZ_RUNS raises the number of cases per input (default 8; `pnpm test:soak` runs 60).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
/** Signing out would end the session the fuzzer uses; it takes no input anyway. */
const SKIPPED = new Set(['spendsyncLogout', 'logout']);
/** Tables a refused request may legitimately write to: the audit log records refusals, limiters count attempts. */
const WRITABLE_ON_FAILURE = /^(audit_events|migrations|login_|.*attempts?$|.*_limits?$|typeorm_metadata)/;

type Answer = {
  status: number;
  text: string;
  body:
    | { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: unknown } }[] }
    | undefined;
};

jest.setTimeout(600_000);

describe('fuzzing every public input', () => {
  let api: TestApi;
  let tenant: Tenant;
  let tables: string[];
  const origin = () => new URL(api.url).origin;

  beforeAll(async () => {
    api = await startTestApi({ meteringPerMinute: 1_000_000 });
    tenant = await createTenant(api, 'Fuzz');
    const rows: { name: string }[] = await api.ds.query(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    tables = rows.map((r) => r.name).filter((name) => !WRITABLE_ON_FAILURE.test(name));
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  }, 60_000);

  /** Row counts of every table, as one row, to compare before and after a refused call. */
  const counts = async (): Promise<string> => {
    const sql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`;
    return JSON.stringify((await api.ds.query(sql))[0]);
  };

  const send = async (path: string, init: RequestInit): Promise<Answer> => {
    const response = await fetch(`${origin()}${path}`, init);
    const text = await response.text();
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = undefined;
    }
    return { status: response.status, text, body };
  };

  /** What every answer must be, success or not. */
  const expectClean = (answer: Answer, what: string) => {
    if (answer.status >= 500) throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
    expect(answer.text).not.toContain(CANARY_SECRET);
    expect(answer.text).not.toMatch(/\n\s+at [\w.<>]+ \(|node_modules|\.ts:\d+/);
    for (const error of answer.body?.errors ?? []) {
      if (!isPublicErrorCode(error.extensions?.code))
        throw new Error(`${what}: code ${String(error.extensions?.code)} (${error.message})`);
      expect(error.message.length).toBeGreaterThan(0);
    }
  };

  const mutations = (): GraphQLField<unknown, unknown>[] =>
    Object.values(api.schema.getMutationType()!.getFields()).filter((f) => !SKIPPED.has(f.name));

  it('has mutations to fuzz', () => {
    expect(mutations().length).toBeGreaterThan(15);
  });

  it('answers every mutation cleanly and leaves nothing behind when it refuses', async () => {
    for (const field of mutations()) {
      const returns = getNamedType(field.type);
      const selection = isLeafType(returns) ? '' : '{ __typename }';
      const params = field.args.map((a, i) => `$a${i}: ${String(a.type)}`).join(', ');
      const args = field.args.map((a, i) => `${a.name}: $a${i}`).join(', ');
      const query = `mutation Fuzz${params ? `(${params})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection} }`;
      const variables = fc.record(Object.fromEntries(field.args.map((a, i) => [`a${i}`, valueFor(a.type, 0, a.name)])));
      await fc.assert(
        fc.asyncProperty(variables, async (vars) => {
          const before = await counts();
          const answer = await send('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.admin.token}` },
            body: JSON.stringify({ query, variables: vars }),
          });
          expectClean(answer, field.name);
          const refused = (answer.body?.errors?.length ?? 0) > 0 && !answer.body?.data?.[field.name];
          if (refused) expect(await counts()).toBe(before);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('answers CSV and FOCUS downloads with any query string cleanly', async () => {
    const paths = [
      '/export/providers.csv',
      '/export/models.csv',
      '/export/api-keys.csv',
      '/export/workspaces.csv',
      '/export/focus.csv',
      '/export/focus.jsonl',
      '/export/budgets.csv',
      '/export/audit.csv',
      '/export/reconciliation.csv',
    ];
    const keys = fc.constantFrom(
      'period',
      'start',
      'end',
      'providers',
      'workspaces',
      'costMin',
      'costMax',
      'search',
      'sort',
      'direction',
      'constructor',
      '__proto__',
      'limit',
      'offset',
      'rows',
      'accounts',
      'apiKeys',
      'models',
    );
    const query = fc.array(
      fc.tuple(keys, fc.oneof(edgeString(), fc.constantFrom('last_month', 'cost', 'asc', '2025-06-01'))),
      { maxLength: 5 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), query, async (path, pairs) => {
        const search = new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, v.slice(0, 2000)]));
        const answer = await send(`${path}?${search.toString()}`, {
          headers: { authorization: `Bearer ${tenant.admin.token}` },
        });
        expectClean(answer, path);
        if (answer.status >= 400)
          expect(answer.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('answers POST /v1/metered-usage with any body cleanly, storing nothing when it refuses', async () => {
    const entry = fc.record(
      {
        provider: fc.oneof(fc.constantFrom('openai', 'anthropic', 'OPENAI', 'acme'), edgeString()),
        model: edgeString(),
        day: fc.oneof(fc.constantFrom('2025-06-01', '2025-13-01'), edgeString()),
        cost: fc.oneof(fc.constantFrom('1.5', '-1', '1e400', 'NaN'), garbage()),
        apiKeyHint: edgeString(),
        inputTokens: fc.oneof(fc.integer(), garbage()),
        idempotencyKey: edgeString(),
        timestamp: fc.oneof(fc.constantFrom('2025-06-01T10:00:00Z', '2025-06-01T23:00:00-05:00'), edgeString()),
        units: fc.oneof(fc.constantFrom('2.5', '-1', '1e3'), garbage()),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc
        .record(
          {
            entries: fc.array(fc.oneof(entry, garbage()), { maxLength: 4 }),
            idempotencyKey: fc.oneof(edgeString(), garbage()),
          },
          { requiredKeys: ['entries'] },
        )
        .map((b) => JSON.stringify(b)),
      garbage().map((g) => JSON.stringify(g)),
      edgeString(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = await counts();
        const answer = await send('/v1/metered-usage', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.admin.token}` },
          body: raw,
        });
        expectClean(answer, 'metered-usage');
        if (answer.status >= 400) {
          expect(answer.body).toMatchObject({ error: expect.anything() });
          expect(await counts()).toBe(before);
        }
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('never echoes pasted credential JSON, whatever its shape', async () => {
    const providers = [
      'OPENAI',
      'ANTHROPIC',
      'AWS_BEDROCK',
      'VERTEX_AI',
      'AZURE',
      'FAL',
      'RUNWAY',
      'OPENROUTER',
      'LITELLM',
    ];
    const credentials = fc.oneof(
      fc
        .dictionary(
          fc.constantFrom(
            'apiKey',
            'adminKey',
            'accessKeyId',
            'secretAccessKey',
            'clientSecret',
            'serviceAccountJson',
            'baseUrl',
            'x',
          ),
          fc.oneof(fc.constant(CANARY_SECRET), edgeString(), garbage()),
        )
        .map((o) => JSON.stringify(o)),
      fc.constant(`{"apiKey": "${CANARY_SECRET}"`),
      fc.constant(CANARY_SECRET),
      edgeString(),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...providers), credentials, async (provider, pasted) => {
        const before = await counts();
        const answer = await send('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.admin.token}` },
          body: JSON.stringify({
            query: 'mutation($input: LinkProviderInput!) { linkProvider(input: $input) { account { id } } }',
            variables: { input: { provider, label: 'fuzz', credentials: pasted, endpoint: 'http://127.0.0.1:1' } },
          }),
        });
        expectClean(answer, `linkProvider ${provider}`);
        expect(answer.body?.errors?.length).toBeGreaterThan(0);
        expect(await counts()).toBe(before);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('keeps every secret the fuzzers sent out of the audit log and its export', async () => {
    const csv = await send('/export/audit.csv', { headers: { authorization: `Bearer ${tenant.admin.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n').length).toBeGreaterThan(10);
    expect(csv.text).not.toContain(CANARY_SECRET);
    const stored: { n: string }[] = await api.ds.query(
      'SELECT count(*) AS n FROM audit_events WHERE organization_id = $1 AND position($2 in changes::text) > 0',
      [tenant.organizationId, CANARY_SECRET],
    );
    expect(stored[0]?.n).toBe('0');
  });
});
