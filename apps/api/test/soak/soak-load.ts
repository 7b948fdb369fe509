import autocannon from 'autocannon';

/** One answered (or failed) dashboard request. */
export type LoadSample = { at: number; ms: number; ok: boolean };

/** Dashboards as the admin's Overview asks for them (one query per request, round-robin). */
export const DASHBOARD_QUERIES = [
  `{ spendsyncProviderDashboard { total rows { providerAccountId provider label spend credits net status lastSyncedAt } } }`,
  `{ spendsyncModelDashboard { total rows { modelId provider model cost net inputTokens outputTokens requests } } }`,
  `{ spendsyncApiKeyDashboard { total rows { apiKeyId provider hint cost net requests lastUsedAt } } }`,
  `{ spendsyncWorkspaceDashboard { total rows { displayName providers cost net } } }`,
  `{ spendsyncCostSeries(granularity: DAY, groupBy: PROVIDER) { bucket key cost credits net } }`,
];

/** A running autocannon load; `stop()` ends it and returns every sample. */
export type DashboardLoad = { readonly samples: LoadSample[]; stop(): Promise<void> };

/**
 * `connections` concurrent GraphQL clients (autocannon, keep-alive, one request in flight each)
 * on the dashboards behind `url`, until stopped. A request counts as failed when it errors, times
 * out, answers other than 200 or carries GraphQL `errors`.
 */
export function startDashboardLoad(url: string, token: string, connections: number): DashboardLoad {
  const samples: LoadSample[] = [];
  let answeredOk = false;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const instance = autocannon(
    {
      url: `${url}/graphql`,
      connections,
      duration: 3_600,
      timeout: 10,
      requests: DASHBOARD_QUERIES.map((query) => ({
        method: 'POST' as const,
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
        // Called just before autocannon's 'response' event for the same response.
        onResponse: (status: number, body: string) => {
          answeredOk = status === 200 && !body.includes('"errors"');
        },
      })),
    },
    () => finished(),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    samples.push({ at: Date.now(), ms: responseTime, ok: answeredOk });
  });
  instance.on('reqError', () => samples.push({ at: Date.now(), ms: Number.NaN, ok: false }));
  return {
    samples,
    async stop() {
      instance.stop();
      await done;
    },
  };
}

/** p95 (nearest rank) of the answered samples' latency, in whole ms; null without samples. */
export function p95(samples: readonly LoadSample[]): number | null {
  const sorted = samples
    .map((s) => s.ms)
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!);
}

/** When the load's phases began and ended (ms since the epoch), and when PostgreSQL was down. */
export type LoadPhases = {
  beforeAt: number;
  duringAt: number;
  duringEnd: number;
  afterAt: number;
  afterEnd: number;
  pgDown: { downAt: number; upAt: number };
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The load's figures by phase: p95 before, during and after the faults; the error rate during
 * them while PostgreSQL was up, and in all; and the failed requests per second of the fault phase.
 */
export function loadFigures(samples: readonly LoadSample[], phases: LoadPhases) {
  const { beforeAt, duringAt, duringEnd, afterAt, afterEnd, pgDown } = phases;
  const inWindow = (from: number, to: number) => (s: LoadSample) => s.at >= from && s.at < to;
  const pgIsDown = (s: LoadSample) => s.at >= pgDown.downAt && s.at < pgDown.upAt;
  const during = samples.filter(inWindow(duringAt, duringEnd));
  const rate = (list: LoadSample[]) =>
    list.length === 0 ? 0 : round2((100 * list.filter((s) => !s.ok).length) / list.length);
  const errorSeconds: Record<string, number> = {};
  for (const s of during) {
    if (s.ok) continue;
    const second = String(Math.floor((s.at - duringAt) / 1000));
    errorSeconds[second] = (errorSeconds[second] ?? 0) + 1;
  }
  return {
    p95Ms: {
      before: p95(samples.filter(inWindow(beforeAt, duringAt))),
      during: p95(during),
      after: p95(samples.filter(inWindow(afterAt, afterEnd))),
    },
    errorRatePct: rate(during.filter((s) => !pgIsDown(s))),
    errorRateWithPgDownPct: rate(during),
    errorSeconds,
  };
}
