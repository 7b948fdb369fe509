/**
 * bench:api [--records N] — seeds a large organization (9 providers, 5,000 keys, 300 models, 400
 * workspaces, 730 days; N cost records, default 1,000,000) by COPY, then times each dashboard and
 * costSeries over a 30-day and a 365-day window: through GraphQL (Apollo's executeOperation on the
 * real schema, as a signed-in viewer) against the best hand-written SQL over the same stored data
 * (the rollups the service reads: monthly rows for whole months; the key running totals for API keys), alternating them. Then each
 * Overview filter (provider, workspace, cost range, search, sort): GraphQL against the service's
 * own SQL run directly on the pool (`sql: "service"`: what it reads first for a search or a
 * workspace filter, then its statement), and the Overview's cost chart under the
 * filters that apply to it (`series-day` over 30 days, `series-week` over 365, as the chart asks).
 * One JSON line per measurement. Not a
 * test: nothing is asserted. DATABASE_URL picks the server (default: embedded PostgreSQL).
 */
import { performance } from 'node:perf_hooks';
import { addDays, type Day } from '@spendsync/domain';
import { pgPoolOf } from '../src/database/pg-pool';
import { pageStatement, queryRows, type SqlStatement } from '../src/features/dashboards/dashboard-db';
import {
  ZCostSeriesOptions,
  ZDashboardFilter,
  type DashboardFilter,
} from '../src/features/dashboards/dashboard-filter';
import { buildCostSeriesStatement } from '../src/features/dashboards/cost-series.service';
import { dashboardWindow } from '../src/features/dashboards/dashboard-query';
import { sourceSql } from '../src/features/dashboards/dashboard-sources';
import { keyRunningTotalsSql, runningTotalsPay } from '../src/features/dashboards/key-running-totals';
import {
  readSearchMatches,
  readWorkspaceNamesDiffer,
  type SearchMatchOptions,
} from '../src/features/dashboards/search-matches';
import { openBenchDatabase } from './bench-database';
import {
  BENCH_GRAPHQL,
  SERIES_CHART_GRAPHQL,
  SERIES_VARIANTS,
  SERVICE_QUERIES,
  VARIANTS,
  type Variant,
} from './bench-queries';
import { startBenchGraphql } from './graphql-endpoint';
import { ROLLUP, handKeysFromRunningTotals, handSql, type BenchQuery } from './hand-sql';
import { compare } from './measure';
import { seedLargeOrganization, seededBefore } from './seed-large';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
/**
 * Past its `BENCH_ROUNDS`, a measurement goes on until its rounds have taken `BENCH_BUDGET_MS`
 * (default 2,000 ms; 0 turns it off), up to 500 rounds: the fast statements' p95 from hundreds of samples.
 */
const BUDGET = { budgetMs: Number(process.env.BENCH_BUDGET_MS ?? 2000), maxRounds: 500 };
/** `BENCH_FILTERS=sort,search` measures only those Overview filters (`none` only the unfiltered rows). */
const ONLY_FILTERS = process.env.BENCH_FILTERS?.split(',').map((f) => f.trim());
/** `BENCH_WINDOWS=365d` measures only that window. */
const ONLY_WINDOWS = process.env.BENCH_WINDOWS?.split(',').map((w) => w.trim());
const DAYS = 730;
const FIRST_DAY = '2024-01-01';
const TODAY: Day = addDays(FIRST_DAY, DAYS);

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

/** A literal for the hand-written SQL (dates and arrays the benchmark made itself). */
const literal = (value: unknown, cast?: string) =>
  `'${Array.isArray(value) ? `{${value.join(',')}}` : String(value)}'${cast ? `::${cast}` : ''}`;

const WINDOWS = [
  { window: '30d', period: 'last_30_days', input: { preset: 'LAST_30_DAYS' } },
  {
    window: '365d',
    period: { start: addDays(TODAY, -365), end: TODAY },
    input: { range: { start: addDays(TODAY, -365), end: TODAY } },
  },
] as const;

async function main(): Promise<void> {
  const records = argument('records', 1_000_000);
  const db = await openBenchDatabase();
  try {
    const pool = pgPoolOf(db.dataSource);
    const started = performance.now();
    const log = (line: string) =>
      process.stderr.write(`${line} (${Math.round((performance.now() - started) / 1000)} s)\n`);
    const org =
      (db.reused ? await seededBefore(pool, { records, firstDay: FIRST_DAY }) : null) ??
      (await seedLargeOrganization(pool, { records, days: DAYS, firstDay: FIRST_DAY, seed: 1 }, log));
    await pool.query('VACUUM ANALYZE');
    log(`${db.reused ? 'reused' : 'seeded'} ${org.records} cost records and their rollups, vacuumed`);

    const api = await startBenchGraphql(db.dataSource, () => new Date(`${TODAY}T12:00:00Z`));
    const caller = {
      organizationId: org.organizationId,
      role: 'viewer' as const,
      userId: null,
      apiTokenId: null,
      sessionId: null,
      canRecordUsage: false,
    };
    const print = (line: Record<string, unknown>) =>
      process.stdout.write(`${JSON.stringify({ ...line, records: org.records })}\n`);
    for (const w of WINDOWS.filter((x) => ONLY_WINDOWS?.includes(x.window) ?? true)) {
      const filter = ZDashboardFilter.parse({ period: w.period });
      const window = dashboardWindow(filter, TODAY);
      const params = [org.organizationId, window.previous.start, window.current.start, window.current.end];
      const unfiltered = ONLY_FILTERS?.includes('none') ?? true;
      for (const query of unfiltered ? (Object.keys(BENCH_GRAPHQL) as BenchQuery[]) : []) {
        const ranges = query === 'series' ? [window.current] : [window.previous, window.current];
        const rollup = sourceSql(
          literal,
          org.organizationId,
          ROLLUP[query],
          ranges,
          query === 'series' ? 'day' : 'none',
        );
        // the API keys dashboard reads the key rollup's running totals where they pay (not a month of whole months and blocks)
        const statement =
          query === 'api-keys' && runningTotalsPay(window)
            ? handKeysFromRunningTotals(keyRunningTotalsSql(literal, org.organizationId, window))
            : handSql(query, { rollup });
        const graphql = () => api.run(BENCH_GRAPHQL[query], { f: w.input }, caller);
        const {
          a: viaGraphql,
          b: hand,
          rounds,
        } = await compare(graphql, () => pool.query(statement, params), ROUNDS, 3, BUDGET);
        print({
          query,
          window: w.window,
          filter: 'none',
          graphqlP95Ms: viaGraphql.p95,
          sqlP95Ms: hand.p95,
          ratio: ratio(viaGraphql.p95, hand.p95),
          sql: 'hand',
          graphqlP50Ms: viaGraphql.p50,
          sqlP50Ms: hand.p50,
          rounds,
        });
      }
      for (const variant of VARIANTS.filter((v) => ONLY_FILTERS?.includes(v.name) ?? true)) {
        await measureVariant(variant, w, { api, pool, caller, print });
        if (SERIES_VARIANTS.includes(variant.name))
          await measureSeriesVariant(variant, w, { api, pool, caller, print });
      }
    }
    await api.close();
  } finally {
    await db.close();
  }
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

type Bench = {
  api: Awaited<ReturnType<typeof startBenchGraphql>>;
  pool: ReturnType<typeof pgPoolOf>;
  caller: Parameters<Awaited<ReturnType<typeof startBenchGraphql>>['run']>[2];
  print: (line: Record<string, unknown>) => void;
};

/**
 * One GraphQL operation against the service's own SQL run directly on the pool, printed as one
 * line: what it reads first for the filter (`serviceFilter`), then the statement `statement` builds
 * from it.
 */
async function measureAgainstService(
  bench: Bench,
  line: { query: string; window: string; filter: string },
  graphql: { query: string; variables: Record<string, unknown> },
  sql: {
    input: Record<string, unknown>;
    options?: SearchMatchOptions;
    statement(filter: DashboardFilter): SqlStatement;
  },
): Promise<void> {
  const {
    a: viaGraphql,
    b: direct,
    rounds,
  } = await compare(
    () => bench.api.run(graphql.query, graphql.variables, bench.caller),
    async () => queryRows(bench.pool, sql.statement(await serviceFilter(bench, sql.input, sql.options))),
    ROUNDS,
    1,
    BUDGET,
  );
  bench.print({
    ...line,
    graphqlP95Ms: viaGraphql.p95,
    sqlP95Ms: direct.p95,
    ratio: ratio(viaGraphql.p95, direct.p95),
    sql: 'service',
    graphqlP50Ms: viaGraphql.p50,
    sqlP50Ms: direct.p50,
    rounds,
  });
}

/**
 * The filter as the service reads it: what it reads first, as the service does in its own snapshot
 * (`withSearchMatches`) — under a search what holds the term, under a workspace filter whether the
 * workspaces' record names differ on it — so the statement run directly is the one GraphQL runs.
 * Those lookups are part of the SQL figure.
 */
async function serviceFilter(
  bench: Bench,
  input: Record<string, unknown>,
  options: SearchMatchOptions = {},
): Promise<DashboardFilter> {
  const filter = ZDashboardFilter.parse(input);
  const { organizationId } = bench.caller;
  return {
    ...filter,
    ...(filter.search
      ? { searchMatches: await readSearchMatches(bench.pool, organizationId, filter.search, options) }
      : {}),
    ...(filter.workspaces.length > 0
      ? { workspaceNamesDiffer: await readWorkspaceNamesDiffer(bench.pool, organizationId, filter.workspaces) }
      : {}),
  };
}

async function measureVariant(variant: Variant, w: (typeof WINDOWS)[number], bench: Bench): Promise<void> {
  for (const query of Object.keys(SERVICE_QUERIES) as (keyof typeof SERVICE_QUERIES)[]) {
    await measureAgainstService(
      bench,
      { query, window: w.window, filter: variant.name },
      { query: BENCH_GRAPHQL[query], variables: { f: { ...w.input, ...variant.input(query) } } },
      {
        input: { period: w.period, ...variant.filter(query) },
        // the API keys dashboard also reads which keys the term holds wholly (queryApiKeyDashboard)
        options: { keys: query === 'api-keys' },
        statement: (filter) =>
          pageStatement(SERVICE_QUERIES[query](bench.caller.organizationId, filter, TODAY), filter),
      },
    );
  }
}

/** The Overview's cost chart under a filter: days over 30 days, ISO weeks over 365, as the chart asks. */
async function measureSeriesVariant(variant: Variant, w: (typeof WINDOWS)[number], bench: Bench): Promise<void> {
  const granularity = w.window === '30d' ? 'day' : 'week';
  const options = ZCostSeriesOptions.parse({ granularity, groupBy: 'provider' });
  const variables = { f: { ...w.input, ...variant.input('providers') }, g: granularity.toUpperCase() };
  await measureAgainstService(
    bench,
    { query: `series-${granularity}`, window: w.window, filter: variant.name },
    { query: SERIES_CHART_GRAPHQL, variables },
    {
      input: { period: w.period, ...variant.filter('providers') },
      statement: (filter) => buildCostSeriesStatement(bench.caller.organizationId, filter, options, TODAY),
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
