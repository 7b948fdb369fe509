/**
 * bench:api — seeds ≥ 1,000,000 cost records (a year; many keys, models and workspaces, plus a
 * second organization) by COPY, then times each dashboard over a 30-day window against the
 * hand-written SQL of the same result, alternating them: through GraphQL (Apollo's
 * executeOperation on the real schema, as a signed-in viewer), the service alone, and the SQL.
 * Prints one JSON line per query. Not a test: nothing is asserted. DATABASE_URL picks the server
 * (default: embedded PostgreSQL).
 */
import { performance } from 'node:perf_hooks';
import { previousPeriod, resolvePeriod } from '@spendsync/domain';
import { pgPoolOf } from '../src/database/pg-pool';
import { queryApiKeyDashboard } from '../src/features/dashboards/api-key-dashboard.service';
import { ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { queryProviderDashboard } from '../src/features/dashboards/provider-dashboard.service';
import { queryWorkspaceDashboard } from '../src/features/dashboards/workspace-dashboard.service';
import { openBenchDatabase } from './bench-database';
import { handSql, type BenchQuery } from './hand-sql';
import { startBenchGraphql } from './graphql-endpoint';
import { compare } from './measure';
import { seedBenchOrganization, type BenchAccount } from './seed-costs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const TODAY = '2026-01-01';
const tokenModels = (names: string[]) => names.map((name) => ({ name, unit: null }));

const ACCOUNTS: BenchAccount[] = [
  { provider: 'openai', workspaces: 10, keys: 80, hasRequests: true, models: tokenModels(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3', 'o4-mini', 'text-embedding-3-small', 'gpt-image-1', 'whisper-1']) },
  { provider: 'anthropic', workspaces: 10, keys: 80, hasRequests: false, models: tokenModels(['claude-opus-4', 'claude-sonnet-4', 'claude-3-5-haiku', 'claude-3-7-sonnet', 'claude-3-opus', 'claude-haiku-4', 'claude-sonnet-4-5', 'claude-opus-4-1', 'claude-3-haiku']) },
  { provider: 'aws-bedrock', workspaces: 10, keys: 80, hasRequests: true, models: tokenModels(['nova-pro', 'nova-lite', 'nova-micro', 'llama3-70b', 'llama3-8b', 'mistral-large', 'titan-embed', 'command-r', 'bedrock-general']) },
  { provider: 'fal', workspaces: 10, keys: 80, hasRequests: true, models: ['flux-dev', 'flux-pro', 'flux-schnell', 'sdxl', 'recraft-v3'].map((name) => ({ name, unit: 'image' })).concat(['veo3', 'kling', 'wan', 'minimax'].map((name) => ({ name, unit: 'seconds' }))) },
];

/** Each dashboard's first page through GraphQL, every row field selected (what the admin UI asks for). */
const GRAPHQL: Record<BenchQuery, string> = {
  providers: `query($f: DashboardFilterInput) { providerDashboard(filter: $f) { total rows { providerAccountId provider label spend previousSpend
    spendChange credits previousCredits creditsChange net previousNet netChange metered previousMetered meteredChange coverage previousCoverage
    status lastError lastSyncedAt dataCompleteThrough expectedDelayHours } } }`,
  models: `query($f: DashboardFilterInput) { modelDashboard(filter: $f) { total rows { modelId provider model unit cost previousCost costChange
    credits net inputTokens outputTokens cachedInputTokens requests averageTokensPerRequest costPerMillionTokens quantity costPerUnit
    isMostEfficient images { count costPerImage cost mix } } } }`,
  'api-keys': `query($f: DashboardFilterInput) { apiKeyDashboard(filter: $f) { total rows { apiKeyId externalId providerAccountId provider hint name
    workspaceExternalId workspaceName cost previousCost costChange net inputTokens outputTokens cachedInputTokens requests previousRequests
    lastUsedAt lastActiveDay hasMeteredTraffic isUninstrumented isIdle } } }`,
  workspaces: `query($f: DashboardFilterInput) { workspaceDashboard(filter: $f) { total rows { displayName providers cost previousCost costChange
    credits net previousNet netChange inputTokens outputTokens requests members { workspaceId providerAccountId provider externalId
    providerName cost previousCost net } } } }`,
};

async function main(): Promise<void> {
  const db = await openBenchDatabase();
  try {
    const pool = pgPoolOf(db.dataSource);
    const started = performance.now();
    const a = await seedBenchOrganization(pool, { name: 'bench A', accounts: ACCOUNTS, firstDay: '2025-01-01', days: 365, directory: true, seed: 1 });
    const b = await seedBenchOrganization(pool, { name: 'bench B', accounts: ACCOUNTS.slice(0, 1).map((x) => ({ ...x, keys: 30 })), firstDay: '2025-01-01', days: 365, directory: true, seed: 2 });
    await pool.query('VACUUM ANALYZE');
    process.stderr.write(`seeded ${a.records + b.records} cost records (${a.records} in the measured organization) in ${Math.round(performance.now() - started)} ms\n`);

    const filter = ZDashboardFilter.parse({ period: 'last_30_days' });
    const current = resolvePeriod('last_30_days', TODAY);
    const params = [a.organizationId, previousPeriod(current).start, current.start, current.end];
    const api = await startBenchGraphql(db.dataSource, () => new Date(`${TODAY}T12:00:00Z`));
    const caller = { organizationId: a.organizationId, role: 'viewer' as const, userId: null, apiTokenId: null, sessionId: null, canRecordUsage: false };
    const graphql = (query: string) => () => api.run(query, { f: { preset: 'LAST_30_DAYS' } }, caller);
    const services = {
      providers: () => queryProviderDashboard(db.dataSource, a.organizationId, filter, TODAY),
      models: () => queryModelDashboard(db.dataSource, a.organizationId, filter, TODAY),
      'api-keys': () => queryApiKeyDashboard(db.dataSource, a.organizationId, filter, TODAY),
      workspaces: () => queryWorkspaceDashboard(db.dataSource, a.organizationId, filter, TODAY),
    };
    for (const [query, service] of Object.entries(services)) {
      const name = query as BenchQuery;
      const { total } = await service();
      const { a: viaGraphql, b: hand } = await compare(graphql(GRAPHQL[name]), () => pool.query(handSql(name, 'rollup'), params), ROUNDS);
      const { a: ours } = await compare(service, async () => undefined, Math.ceil(ROUNDS / 2), 1);
      const { b: records } = await compare(async () => undefined, () => pool.query(handSql(name, 'records'), params), Math.ceil(ROUNDS / 2), 1);
      process.stdout.write(`${JSON.stringify({
        query, rows: total, graphqlP50Ms: viaGraphql.p50, graphqlP95Ms: viaGraphql.p95, sqlP50Ms: hand.p50, sqlP95Ms: hand.p95,
        ratio: Math.round((viaGraphql.p95 / hand.p95) * 100) / 100, serviceP50Ms: ours.p50, serviceP95Ms: ours.p95, recordsSqlP95Ms: records.p95,
      })}\n`);
    }
    await api.close();
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
