import { afterEach, describe, expect, it } from '@jest/globals';
import { addDays, formatMoney, sumMoney } from '@spendsync/domain';
import type { ProviderSimulator } from '../../testing/provider-simulator';
import {
  catchAdapterError,
  collectRecords,
  createCapturingLogger,
  createTestDeps,
} from '../../testing/contract-helpers';
import { createOpenAiClient } from './client';
import { openaiProvider } from './index';
import { startOpenAiSimulator } from '@spendsync/simulators/providers/openai/simulator';

let sim: ProviderSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const start = async (options = {}) =>
  (sim = await startOpenAiSimulator({ seed: 5, days: 4, workspaces: 2, keysPerWorkspace: 2, models: 3, ...options }));
const apiKeyOf = (credentials: Record<string, unknown>) => String(credentials.apiKey);

describe('openaiProvider credentials', () => {
  it.each([
    ['sk-proj-abcdefghijklmnop', /project key \(sk-proj-…\).*Admin key/],
    ['sk-svcacct-abcdefghijklmnop', /service-account key.*Admin key/],
    ['sk-abcdefghijklmnopqrstuvwx', /user or legacy API key.*Admin key/],
  ])('refuses %s before any call, saying an Admin key is needed', (apiKey, message) => {
    const parsed = openaiProvider.credentials.safeParse({ apiKey });
    expect(parsed.success).toBe(false);
    const text = parsed.error?.issues.map((i) => i.message).join('; ') ?? '';
    expect(text).toMatch(message);
    expect(text).not.toContain(apiKey);
  });

  it('accepts an Admin key', () => {
    expect(openaiProvider.credentials.parse({ apiKey: ' sk-admin-abc_DEF-123 ' })).toEqual({
      apiKey: 'sk-admin-abc_DEF-123',
    });
  });
});

describe('createOpenAiAdapter', () => {
  it('reports missing scopes as CREDENTIAL_REJECTED with guidance, in the envelope and the bare-string form', async () => {
    const s = await start();
    const deps = createTestDeps(s);
    const rejected = await catchAdapterError(
      openaiProvider.create({ apiKey: apiKeyOf(s.wrongTypeCredentials) }, deps).verify(),
      'CREDENTIAL_REJECTED',
    );
    expect(rejected.message).toMatch(/^OpenAI: HTTP 403: missing scopes api\.usage\.read\. .*Organization Admin key/);
    // The simulator answers the usage endpoints with the bare `{"error": "…"}` form.
    const client = createOpenAiClient(apiKeyOf(s.wrongTypeCredentials), [apiKeyOf(s.wrongTypeCredentials)], deps);
    const bare = await catchAdapterError(client.usage('images', s.dataRange), 'CREDENTIAL_REJECTED');
    expect(bare.message).toMatch(/missing scopes api\.usage\.read\. .*Admin key/);
  });

  it('lists projects and keys once per adapter, however many windows a sync reads', async () => {
    const s = await start({ days: 4 });
    const adapter = openaiProvider.create(openaiProvider.credentials.parse(s.credentials), createTestDeps(s));
    const first = { start: s.dataRange.start, end: addDays(s.dataRange.start, 2) };
    await collectRecords(adapter, first);
    await collectRecords(adapter, { start: first.end, end: s.dataRange.end });
    const projectListings = s.calls.filter((c) => c.path.endsWith('/organization/projects'));
    expect(projectListings).toHaveLength(1);
  });

  it('names projects and keys, and lists them', async () => {
    const s = await start();
    const adapter = openaiProvider.create(openaiProvider.credentials.parse(s.credentials), createTestDeps(s));
    const workspaces = await adapter.listWorkspaces?.();
    const keys = await adapter.listApiKeys?.();
    expect(workspaces?.map((w) => [w.name, w.archived])).toEqual([
      ['Default project', false],
      ['Search', false],
    ]);
    expect(keys).toHaveLength(4);
    expect(keys?.[0]).toMatchObject({
      workspaceId: workspaces?.[0]?.id,
      name: 'svc-1-1',
      hint: expect.stringMatching(/^sk-proj-\w{3}\.\.\.\w{4}$/),
    });
    const { records } = await collectRecords(adapter, s.dataRange);
    const keyed = records.filter((r) => r.apiKeyId !== null);
    expect(keyed.length).toBeGreaterThan(0);
    for (const r of keyed) expect([r.workspaceName, r.apiKeyName, r.apiKeyHint]).not.toContain(null);
  });

  it('still syncs, without names, when the key cannot list projects', async () => {
    const s = await start();
    const logger = createCapturingLogger();
    // A key restricted to usage read: the projects listing answers 403.
    const fetchDenyingProjects: typeof fetch = async (input, init) =>
      String(input).includes('/organization/projects')
        ? new Response(
            JSON.stringify({
              error: 'You have insufficient permissions for this operation. Missing scopes: api.management.read.',
            }),
            { status: 403 },
          )
        : fetch(input, init);
    const adapter = openaiProvider.create(
      openaiProvider.credentials.parse(s.credentials),
      createTestDeps(s, logger, { fetch: fetchDenyingProjects }),
    );
    const { records } = await collectRecords(adapter, s.dataRange);
    expect(formatMoney(sumMoney(records.map((r) => r.cost)))).toBe(formatMoney(s.groundTruth(s.dataRange).cost));
    expect(records.every((r) => r.workspaceName === null && r.apiKeyHint === null)).toBe(true);
    expect(
      logger.lines.some((l) => l.startsWith('warn OpenAI: projects and keys cannot be listed (CREDENTIAL_REJECTED)')),
    ).toBe(true);
  });

  it('splits a long range into windows of at most 31 days and still totals exactly', async () => {
    const s = await start({ days: 40, workspaces: 1, keysPerWorkspace: 1 });
    const adapter = openaiProvider.create(openaiProvider.credentials.parse(s.credentials), createTestDeps(s));
    const { records, pages } = await collectRecords(adapter, s.dataRange);
    expect(formatMoney(sumMoney(records.map((r) => r.cost)))).toBe(formatMoney(s.groundTruth(s.dataRange).cost));
    expect(pages).toBe(40);
    const windows = s.calls.filter((c) => c.path.endsWith('/organization/costs')).length;
    expect(windows).toBe(2);
  });

  it('yields nothing and calls nothing for an empty range', async () => {
    const s = await start();
    const adapter = openaiProvider.create(openaiProvider.credentials.parse(s.credentials), createTestDeps(s));
    await expect(collectRecords(adapter, { start: '2026-01-02', end: '2026-01-02' })).resolves.toEqual({
      records: [],
      pages: 0,
    });
    expect(s.calls).toEqual([]);
  });
});
