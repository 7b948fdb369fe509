import { afterEach, describe, expect, it } from '@jest/globals';
import { dayToUnixSeconds, formatMoney, parseMoney, sumMoney, type Money } from '@spendsync/domain';
import type { ProviderSimulator, SimulatorOptions } from '../../simulator/provider-simulator';
import { createOpenAiDataset } from './dataset';
import { startOpenAiSimulator } from './simulator';

let sim: ProviderSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const start = async (options: SimulatorOptions = {}) =>
  (sim = await startOpenAiSimulator({ seed: 9, days: 5, workspaces: 2, keysPerWorkspace: 2, models: 6, ...options }));

/** One result of a bucket: a cost line's amount, or usage fields. */
type Result = { amount: { value: string | number }; [field: string]: unknown };
type Page = { data: { start_time: number; results: Result[] }[]; has_more: boolean; next_page: string | null };
/** A project list page and an error, the other answers the tests read. */
type Listing = { data: { id: string }[]; last_id: string };
type ErrorBody = { error: { code: string; param: string | null; message: string; type: string } };
type AnswerBody = Page & Listing & ErrorBody;

async function get(
  s: ProviderSimulator,
  path: string,
  query: string,
  key = String(s.credentials.apiKey),
): Promise<{ status: number; body: AnswerBody }> {
  const res = await fetch(`${s.url}/v1${path}?${query}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as AnswerBody };
}

const window = (s: ProviderSimulator) =>
  `start_time=${dayToUnixSeconds(s.dataRange.start)}&end_time=${dayToUnixSeconds(s.dataRange.end)}`;

/** Every page of a bucket listing, following next_page. */
async function allBuckets(s: ProviderSimulator, path: string, query: string): Promise<Page['data']> {
  const buckets: Page['data'] = [];
  for (let page: string | null = null, n = 0; n < 50; n++) {
    const { body } = await get(s, path, `${query}${page ? `&page=${page}` : ''}`);
    buckets.push(...(body as Page).data);
    page = (body as Page).next_page;
    if (!(body as Page).has_more) break;
  }
  return buckets;
}

describe('startOpenAiSimulator', () => {
  it('serves costs whose amounts sum exactly to its ground truth, across pages', async () => {
    const s = await start({ pageSize: 2 });
    const buckets = await allBuckets(s, '/organization/costs', `${window(s)}&limit=31`);
    expect(buckets).toHaveLength(5);
    const served: Money = sumMoney(buckets.flatMap((b) => b.results.map((r) => parseMoney(r.amount.value))));
    expect(formatMoney(served)).toBe(formatMoney(s.groundTruth(s.dataRange).cost));
    expect(buckets[0]?.results).toHaveLength(1);
    expect(buckets[0]?.results[0]).toMatchObject({ line_item: null, project_id: null, api_key_id: null });
  });

  it('prices line items from the usage it serves', async () => {
    const s = await start();
    const query = `${window(s)}&limit=1&project_ids=${encodeURIComponent(String((await get(s, '/organization/projects', 'limit=1')).body.data[0].id))}`;
    const [costs] = (await get(s, '/organization/costs', `${query}&group_by=line_item`)).body.data as Page['data'];
    const [usage] = (
      await get(s, '/organization/usage/completions', `${query}&group_by=model&models=gpt-4o-2024-08-06`)
    ).body.data as Page['data'];
    const output = costs?.results.find((r) => r.line_item === 'gpt-4o-2024-08-06, output');
    const tokens = usage?.results[0]?.output_tokens as number;
    expect(output?.quantity).toBe(tokens);
    // $10 per 1M output tokens, in whole micro-dollars.
    expect(formatMoney(parseMoney(output?.amount.value))).toBe(
      formatMoney(parseMoney(Math.round(tokens * 10)).div(1_000_000)),
    );
  });

  it('accepts array params repeated and bracketed alike', async () => {
    const s = await start();
    const repeated = await get(
      s,
      '/organization/usage/images',
      `${window(s)}&limit=5&group_by=project_id&group_by=size`,
    );
    const bracketed = await get(
      s,
      '/organization/usage/images',
      `${window(s)}&limit=5&group_by[]=project_id&group_by%5B%5D=size`,
    );
    expect(bracketed).toEqual(repeated);
    const results = (repeated.body as Page).data.flatMap((b) => b.results);
    expect(results.length).toBeGreaterThan(0);
    expect(
      results.every((r) => r.size !== null && r.project_id !== null && r.api_key_id === null && r.model === null),
    ).toBe(true);
  });

  it.each([
    ['/organization/usage/completions', 'limit=32', /'limit'/],
    ['/organization/costs', 'limit=181', /'limit'/],
    ['/organization/costs', 'limit=7&bucket_width=1h', /bucket_width/],
    ['/organization/costs', 'limit=7&page=nonsense', /page cursor/],
    ['/organization/usage/embeddings', 'limit=7&group_by=size', /group_by/],
  ])('refuses %s?%s with a 400 envelope', async (path, query, message) => {
    const s = await start();
    const { status, body } = await get(s, path, `${window(s)}&${query}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ message: expect.stringMatching(message), type: 'invalid_request_error' });
  });

  it('needs start_time', async () => {
    const s = await start();
    const { status, body } = await get(s, '/organization/costs', 'limit=1');
    expect([status, body.error.code, body.error.param]).toEqual([400, 'missing_required_parameter', 'start_time']);
  });

  it('answers keys the way OpenAI does', async () => {
    const s = await start();
    const q = `${window(s)}&limit=1`;
    const unknown = await get(s, '/organization/costs', q, String(s.invalidCredentials.apiKey));
    expect([unknown.status, unknown.body.error.code]).toEqual([401, 'invalid_api_key']);
    expect(unknown.body.error.message).toContain(`sk-admin-****${String(s.invalidCredentials.apiKey).slice(-4)}`);
    expect(JSON.stringify(unknown.body)).not.toContain(String(s.invalidCredentials.apiKey));
    const project = await get(s, '/organization/costs', q, 'sk-proj-abcdef123456');
    expect([project.status, project.body.error.message]).toEqual([
      403,
      expect.stringContaining('Missing scopes: api.usage.read'),
    ]);
    const bare = await get(s, '/organization/usage/completions', q, String(s.wrongTypeCredentials.apiKey));
    expect(bare).toEqual({
      status: 403,
      body: { error: 'You have insufficient permissions for this operation. Missing scopes: api.usage.read.' },
    });
    const res = await fetch(`${s.url}/v1/organization/costs?${q}`);
    expect(res.status).toBe(401);
  });

  it('pages projects and keys with after = last_id', async () => {
    const s = await start({ workspaces: 3, pageSize: 2 });
    const first = (await get(s, '/organization/projects', 'limit=100')).body;
    expect([first.data.length, first.has_more]).toEqual([2, true]);
    const second = (await get(s, '/organization/projects', `limit=100&after=${first.last_id}`)).body;
    expect([second.data.length, second.has_more]).toEqual([1, false]);
    const keys = (await get(s, `/organization/projects/${second.data[0].id}/api_keys`, 'limit=1')).body;
    expect(keys.data[0]).toMatchObject({ object: 'organization.project.api_key', id: expect.stringMatching(/^key_/) });
    expect((await get(s, '/organization/projects/proj_nope/api_keys', '')).status).toBe(404);
  });

  it('serves empty buckets for idle days outside its data', async () => {
    const s = await start();
    const before = dayToUnixSeconds('2025-12-30');
    const { body } = await get(s, '/organization/costs', `start_time=${before}&end_time=${before + 2 * 86_400}`);
    expect((body as Page).data.map((b) => b.results)).toEqual([[], []]);
  });
});

describe('createOpenAiDataset', () => {
  it('is deterministic per seed', () => {
    const range = { start: '2026-01-01', end: '2026-01-08' };
    const total = (seed: number) => formatMoney(createOpenAiDataset({ seed, days: 7 }).totalCost(range));
    expect(total(3)).toBe(total(3));
    expect(total(3)).not.toBe(total(4));
  });

  it('generates a day of a million-record organization (200 keys × 15 models) on demand', () => {
    const data = createOpenAiDataset({
      seed: 1,
      days: 365,
      workspaces: 20,
      keysPerWorkspace: 10,
      models: 15,
      density: 1,
    });
    const day = data.day('2026-06-30');
    const keyed = day.usage.filter((r) => r.api_key_id !== null && r.endpoint !== 'images');
    expect(keyed).toHaveLength(200 * 13);
    expect(new Set(day.usage.map((r) => r.model)).size).toBe(15);
  });
});

describe('createOpenAiDataset with an injected spike', () => {
  const base = { seed: 3, start: '2026-01-01', days: 10, workspaces: 2, keysPerWorkspace: 2, models: 3 } as const;
  const plain = createOpenAiDataset(base);
  const spiked = createOpenAiDataset({ ...base, spike: { day: '2026-01-05', factor: 20 } });
  const key = plain.projects[0]!.keys[0]!.id;
  const model = 'gpt-4o-2024-08-06';
  const tokens = (d: typeof plain, day: string) =>
    d
      .day(day)
      .usage.filter((u) => u.api_key_id === key && u.model === model)
      .reduce((t, u) => t + (u.input_tokens ?? 0), 0);

  it("gives the first key's first model `factor` times a usual day on that day only, and prices it", () => {
    // a usual day: the middle of the drawn range (1,000–2,000,000 input tokens), whatever that day drew
    expect(tokens(spiked, '2026-01-05')).toBe(1_000_500 * 20);
    expect(spiked.day('2026-01-04')).toEqual(plain.day('2026-01-04'));
    expect(
      spiked
        .totalCost({ start: '2026-01-05', end: '2026-01-06' })
        .gt(plain.totalCost({ start: '2026-01-05', end: '2026-01-06' })),
    ).toBe(true);
  });
});
