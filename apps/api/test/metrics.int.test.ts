import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simulators, type ProviderSimulator } from '@spendsync/simulators';
import { createApiMetrics } from '../src/metrics/api-metrics';
import { createTenant, startTestApi, waitForRun, type Tenant, type TestApi } from './api-harness';
import { simulatorNow } from './sync-harness';

const TOKEN = 'metrics-token-0123456789abcdef';

/** One sample of a scrape: metric name, labels and value. */
type Sample = { name: string; labels: Record<string, string>; value: number };

/** Parses Prometheus text exposition format (0.0.4) back into samples, checking every line's shape. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type = /^# TYPE (\w+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    // Values as Go's ParseFloat reads them (Prometheus does): NaN and Inf in any case (prom-client writes "Nan").
    const sample = /^(\w+)(?:\{(.*)\})? (-?[\d.e+-]+|nan|[+-]inf)$/i.exec(line);
    if (!sample) throw new Error(`Not a Prometheus sample line: ${line}`);
    const labels = Object.fromEntries(
      [...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const text = sample[3]!.toLowerCase();
    samples.push({
      name: sample[1]!,
      labels,
      value:
        text === 'nan'
          ? Number.NaN
          : text.endsWith('inf')
            ? text.startsWith('-')
              ? -Infinity
              : Infinity
            : Number(text),
    });
  }
  return { samples, types };
}

const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

describe('GET /metrics', () => {
  let api: TestApi;
  let other: ReturnType<typeof createApiMetrics>;
  let sim: ProviderSimulator;
  let tenant: Tenant;
  const base = () => api.url.replace(/\/graphql$/, '');
  const scrape = async () => {
    const response = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return parseExposition(await response.text());
  };

  beforeAll(async () => {
    sim = await simulators.openai!({
      seed: 5,
      start: '2026-01-01',
      days: 4,
      workspaces: 1,
      keysPerWorkspace: 2,
      models: 2,
    });
    other = createApiMetrics(); // a second server's registry in the same process: no clash with the first
    api = await startTestApi({
      now: simulatorNow(sim),
      backfillDays: 3,
      metrics: { metrics: createApiMetrics(), token: TOKEN },
    });
    tenant = await createTenant(api);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  it('refuses a scrape without the token, or with a wrong one', async () => {
    expect((await fetch(`${base()}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('serves Prometheus text with the process metrics and our metric types', async () => {
    const { samples, types } = await scrape();
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name.startsWith('nodejs_eventloop_lag'))).toBe(true);
    expect(types.get('spendsync_sync_runs_total')).toBe('counter');
    expect(types.get('spendsync_sync_records_written_total')).toBe('counter');
    expect(types.get('spendsync_graphql_request_duration_seconds')).toBe('histogram');
    expect(types.get('spendsync_graphql_ws_connections')).toBe('gauge');
  });

  it('counts a real sync run by provider and status, and the records it wrote', async () => {
    const before = (await scrape()).samples;
    const linked = await api.gql(
      `mutation($input: LinkProviderInput!) { linkProvider(input: $input) { run { id } } }`,
      {
        input: {
          provider: 'OPENAI',
          label: 'OpenAI',
          credentials: sim.credentials,
          endpoint: sim.adapterDeps().baseUrl ?? null,
        },
      },
      tenant.admin.token,
    );
    const runId = linked.data.linkProvider.run.id as string;
    expect(await waitForRun(api, tenant, runId)).toEqual({ status: 'SUCCEEDED', error: null });
    const [{ record_count: written }] = await api.ds.query<{ record_count: number }[]>(
      'SELECT record_count FROM sync_runs WHERE id = $1',
      [runId],
    );
    expect(written).toBeGreaterThan(0);
    // The run's promise settles just after its row: poll the scrape until the count moved.
    let after = (await scrape()).samples;
    for (
      let i = 0;
      i < 50 && valueOf(after, 'spendsync_sync_runs_total') === valueOf(before, 'spendsync_sync_runs_total');
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = (await scrape()).samples;
    }
    const moved = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved('spendsync_sync_runs_total', { provider: 'openai', status: 'succeeded' })).toBe(1);
    expect(moved('spendsync_sync_runs_total', {})).toBe(1);
    expect(moved('spendsync_sync_records_written_total', { provider: 'openai' })).toBe(written);
    expect((await other.registry.getSingleMetric('spendsync_sync_runs_total')?.get())?.values).toEqual([]);
  });

  it('times GraphQL requests by operation type and outcome, and gauges open WebSockets', async () => {
    const before = (await scrape()).samples;
    expect((await api.gql('query { me { user { id } } }', undefined, tenant.admin.token)).status).toBe(200);
    expect((await api.gql('mutation { nope }', undefined, tenant.admin.token)).status).toBe(400);
    const client = api.wsClient(tenant.admin.token);
    await new Promise<void>((resolve, reject) =>
      client.subscribe({ query: 'query { me { user { id } } }' }, { next: () => {}, error: reject, complete: resolve }),
    );
    const after = (await scrape()).samples;
    const moved = (labels: Record<string, string>) =>
      valueOf(after, 'spendsync_graphql_request_duration_seconds_count', labels) -
      valueOf(before, 'spendsync_graphql_request_duration_seconds_count', labels);
    expect(moved({ operation: 'query', outcome: 'ok' })).toBe(1);
    expect(moved({ operation: 'unknown', outcome: 'error' })).toBe(1);
    expect(
      valueOf(after, 'spendsync_graphql_request_duration_seconds_bucket', {
        operation: 'query',
        outcome: 'ok',
        le: '+Inf',
      }),
    ).toBe(valueOf(after, 'spendsync_graphql_request_duration_seconds_count', { operation: 'query', outcome: 'ok' }));
    expect(valueOf(after, 'spendsync_graphql_ws_connections')).toBe(1);
    await client.dispose();
    let open = 1;
    for (let i = 0; i < 50 && open !== 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      open = valueOf((await scrape()).samples, 'spendsync_graphql_ws_connections');
    }
    expect(open).toBe(0);
  });
});
