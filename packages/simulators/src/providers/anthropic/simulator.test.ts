import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatMoney, parseMoney, sumMoney } from '@spendsync/domain';
import { providers } from '@spendsync/adapters';
import { createTestDeps } from '@spendsync/adapters/testing';
import { ZCostPage, ZErrorBody, ZUsagePage } from '@spendsync/adapters/wire/anthropic';
import type { ProviderSimulator } from '../../simulator/provider-simulator';
import { startAnthropicSimulator } from './simulator';

const OPTIONS = { seed: 7, start: '2026-03-01', days: 10, workspaces: 3, keysPerWorkspace: 2, models: 2 };

describe('startAnthropicSimulator', () => {
  let sim: ProviderSimulator;
  let key: string;
  const get = async (
    path: string,
    headers: Record<string, string> = { 'x-api-key': key, 'anthropic-version': '2023-06-01' },
  ) => {
    const response = await fetch(`${sim.url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const window = 'starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-11T00:00:00Z&limit=31';

  beforeAll(async () => {
    sim = await startAnthropicSimulator(OPTIONS);
    key = sim.credentials.apiKey as string;
  });
  afterAll(() => sim.close());

  it('serves cost amounts as cent strings that total the ground truth', async () => {
    const { body } = await get(
      `/v1/organizations/cost_report?${window}&group_by[]=workspace_id&group_by[]=description`,
    );
    const page = ZCostPage.parse(body);
    expect(page.data).toHaveLength(10);
    const items = page.data.flatMap((b) => b.results);
    expect(items.every((i) => typeof i.amount === 'string')).toBe(true);
    const usd = sumMoney(items.map((i) => parseMoney(i.amount))).div(100);
    expect(formatMoney(usd)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
    expect(new Set(items.map((i) => i.cost_type))).toEqual(
      new Set(['tokens', 'web_search', 'code_execution', 'session_usage']),
    );
  });

  it('accepts array parameters with and without brackets, and reports Console usage with a null key', async () => {
    const bracketed = await get(
      `/v1/organizations/usage_report/messages?${window}&group_by[]=api_key_id&group_by[]=workspace_id&group_by[]=model`,
    );
    const plain = await get(
      `/v1/organizations/usage_report/messages?${window}&group_by=api_key_id&group_by=workspace_id&group_by=model`,
    );
    expect(plain.body).toEqual(bracketed.body);
    const items = ZUsagePage.parse(bracketed.body).data.flatMap((b) => b.results);
    expect(items.some((i) => i.api_key_id === null && i.model !== null)).toBe(true);
    expect(items.some((i) => i.workspace_id === null)).toBe(true);
  });

  it('leaves group fields null when not grouped by them', async () => {
    const { body } = await get(`/v1/organizations/usage_report/messages?${window}`);
    const items = ZUsagePage.parse(body).data.flatMap((b) => b.results);
    expect(items.every((i) => i.api_key_id === null && i.workspace_id === null && i.model === null)).toBe(true);
  });

  it.each([
    ['a missing key', {}, 401, 'authentication_error'],
    [
      'an unknown key',
      { 'x-api-key': 'sk-ant-admin01-nope', 'anthropic-version': '2023-06-01' },
      401,
      'authentication_error',
    ],
    ['a missing anthropic-version', 'admin-only', 400, 'invalid_request_error'],
  ] as const)('answers %s with the error envelope', async (_name, headers, status, type) => {
    const { status: got, body } = await get(
      '/v1/organizations/me',
      headers === 'admin-only' ? { 'x-api-key': key } : { ...headers },
    );
    expect(got).toBe(status);
    expect(ZErrorBody.parse(body).error.type).toBe(type);
  });

  it('refuses a limit over 31 buckets', async () => {
    const { status, body } = await get('/v1/organizations/cost_report?starting_at=2026-03-01T00:00:00Z&limit=32');
    expect(status).toBe(400);
    expect(ZErrorBody.parse(body).error.message).toMatch(/limit/);
  });

  it.each([401, 403] as const)(
    'answers a regular key with a configurable %i, which the adapter reads as CREDENTIAL_REJECTED',
    async (status) => {
      const wrong = await startAnthropicSimulator({ ...OPTIONS, wrongKeyStatus: status });
      try {
        // The credential rules refuse such keys before any call; this checks the provider's own answer.
        const regular = providers.anthropic.create(
          { apiKey: wrong.wrongTypeCredentials.apiKey },
          createTestDeps(wrong),
        );
        const error = await regular.verify().catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'CREDENTIAL_REJECTED', status });
        expect((error as Error).message).toMatch(/Admin API key \(sk-ant-admin01/);
        const unknownAdmin = providers.anthropic.create(
          { apiKey: wrong.invalidCredentials.apiKey },
          createTestDeps(wrong),
        );
        await expect(unknownAdmin.verify()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
      } finally {
        await wrong.close();
      }
    },
  );
});
