import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { queryApiKeyDashboard } from '../src/features/dashboards/api-key-dashboard.service';
import type { DashboardFilterInput } from '../src/features/dashboards/dashboard-filter';
import { TODAY, plain, rounded, type SeededOrganization } from './dashboard-seed';
import { lastSevenDays, openDashboardFixture } from './dashboard-fixture';

const filter = lastSevenDays;

describe('API key dashboard', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ({ ds, a } = await openDashboardFixture());
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  describe('queryApiKeyDashboard', () => {
    it('returns cost, usage, trend, last activity and the metered, uninstrumented and idle flags per key', async () => {
      const { rows, total } = await queryApiKeyDashboard(ds, a.org.id, filter(), TODAY);
      // 5 keys, plus Runway's and Anthropic's spend with no key (one row per account)
      expect(total).toBe(7);
      expect(rows.slice(0, 5).map((r) => r.externalId ?? `no key: ${r.provider}`)).toEqual([
        'no key: runway',
        'akey_1',
        'key_a',
        'key_b',
        'no key: anthropic',
      ]);
      const byId = new Map(rows.map((r) => [r.externalId ?? `no key: ${r.provider}`, r]));
      const summary = (id: string) => {
        const r = byId.get(id)!;
        return [
          r.hint,
          r.name,
          r.workspaceName,
          plain(r.cost),
          plain(r.previousCost),
          rounded(r.costChange, 2),
          plain(r.credits),
          plain(r.net),
          r.inputTokens,
          r.outputTokens,
          r.requests,
          r.previousRequests,
          r.lastActiveDay,
          r.hasMeteredTraffic,
          r.isUninstrumented,
          r.isIdle,
        ];
      };
      // none of these providers reports credits: credits and net are null (not captured), never 0
      expect(summary('akey_1')).toEqual([
        'sk-ant-api03-Dd4...dddd',
        'claude-app',
        'Web',
        '3',
        '2',
        '50',
        null,
        null,
        800000n,
        200000n,
        null,
        null,
        '2025-06-05',
        false,
        true,
        false,
      ]);
      expect(summary('key_a')).toEqual([
        'sk-proj-Aa1...aaaa',
        'backend',
        'Web',
        '2',
        '1',
        '100',
        null,
        null,
        600000n,
        150000n,
        150n,
        80n,
        '2025-06-06',
        true,
        false,
        false,
      ]);
      expect(summary('key_b')).toEqual([
        'sk-proj-Bb2...bbbb',
        'batch',
        'Research',
        '0.9',
        '0.5',
        '80',
        null,
        null,
        1000000n,
        500000n,
        305n,
        200n,
        '2025-06-06',
        false,
        true,
        false,
      ]);
      // listed keys without records: OpenAI counts requests (0: idle), Anthropic does not (unknown)
      expect(summary('key_idle')).toEqual([
        'sk-proj-Cc3...cccc',
        'old',
        'Research',
        '0',
        '0',
        null,
        null,
        null,
        null,
        null,
        0n,
        0n,
        null,
        false,
        false,
        true,
      ]);
      expect(summary('akey_idle')).toEqual([
        'sk-ant-api03-Ee5...eeee',
        'unused',
        'ML',
        '0',
        '0',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        false,
        false,
      ]);
      // spend with no key: never flagged, names no workspace, says why it has no key
      expect(summary('no key: runway')).toEqual([
        null,
        null,
        null,
        '4',
        '0',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '2025-06-06',
        false,
        false,
        false,
      ]);
      expect(byId.get('no key: runway')).toMatchObject({
        isUnattributed: true,
        apiKeyId: null,
        providerAccountId: a.runway.id,
        note: expect.stringContaining('Runway'),
      });
      expect(byId.get('no key: anthropic')).toMatchObject({
        isUnattributed: true,
        cost: expect.anything(),
        inputTokens: 1000n,
        note: expect.stringContaining('without an API key'),
      });
      expect(byId.get('key_a')).toMatchObject({ isUnattributed: false, note: null });
      expect(byId.get('key_a')).toMatchObject({
        apiKeyId: a.keyA.id,
        providerAccountId: a.openai.id,
        provider: 'openai',
        workspaceExternalId: 'proj_web',
      });
    });

    it.each<[string, DashboardFilterInput, string[]]>([
      ['a workspace display name', { workspaces: ['Web'] }, ['akey_1', 'key_a']],
      ['a hint search that finds a listed key without records', { search: 'cC3' }, ['key_idle']],
      ['a model search', { search: 'gpt-4o-mini' }, ['key_b']],
      ['a provider', { providers: ['openai'] }, ['key_a', 'key_b', 'key_idle']],
      ['a minimum cost', { costMin: '0.9' }, ['no key', 'akey_1', 'key_a', 'key_b']],
      [
        'hint ascending',
        { sort: { field: 'hint', direction: 'asc' } },
        ['akey_1', 'akey_idle', 'key_a', 'key_b', 'key_idle', 'no key', 'no key'],
      ],
      [
        'requests descending, unknown last',
        { sort: { field: 'requests', direction: 'desc' }, providers: ['openai'] },
        ['key_b', 'key_a', 'key_idle'],
      ],
      [
        'trend ascending',
        { sort: { field: 'costChange', direction: 'asc' }, costMin: '0.01' },
        ['akey_1', 'key_b', 'key_a', 'no key'],
      ],
      // regression: "Last used" shows lastUsedAt, else the last active day, but sorted by the last active day only
      [
        'last used descending',
        { sort: { field: 'lastUsed', direction: 'desc' }, providers: ['openai'] },
        ['key_idle', 'key_a', 'key_b'],
      ],
    ])('filters and sorts by %s', async (_name, input, expected) => {
      const { rows, total } = await queryApiKeyDashboard(ds, a.org.id, filter(input), TODAY);
      expect(rows.map((r) => r.externalId ?? 'no key')).toEqual(expected);
      expect(total).toBe(expected.length);
    });
  });
});
