/**
 * bench:export — one day of 1,000,000 API keys, exported through `GET /export/api-keys.csv`
 * (cursor + our RFC 4180 writer, over HTTP on loopback) and through PostgreSQL's own
 * `COPY (<the same query>) TO STDOUT (FORMAT csv)`. Prints rows/s of each, their ratio and the
 * process's peak RSS while the CSV streamed. Then the same 1,000,000 records as FOCUS 1.3
 * (`GET /export/focus.csv` and `.jsonl`; every tenth record has credits applied, so 1,100,000
 * rows): rows/s, megabytes and peak RSS of each. Not a test: nothing is asserted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express from 'express';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { pgPoolOf } from '../src/database/pg-pool';
import { ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { allRowsStatement } from '../src/features/dashboards/dashboard-db';
import { CSV_EXPORTS } from '../src/features/exports/export-definitions';
import { createExportRouter } from '../src/features/exports/export.router';
import { createExportService } from '../src/features/exports/export.service';
import { openBenchDatabase } from './bench-database';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
/** `api-keys` or `focus` runs only that part (each export's peak RSS on its own); both by default. */
const ONLY = process.env.BENCH_EXPORT_ONLY;
const DAY = '2025-06-01';
const QUERY = `start=${DAY}&end=2025-06-02`;

/** A statement with its parameters written in as literals: COPY takes no bind parameters. */
function inline(client: pg.PoolClient, text: string, values: unknown[]): string {
  const literal = (v: unknown) =>
    Array.isArray(v)
      ? client.escapeLiteral(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`)
      : client.escapeLiteral(String(v));
  return values.reduceRight<string>((sql, value, i) => sql.replaceAll(`$${i + 1}`, literal(value)), text);
}

/** Counts bytes and newlines going by. */
function counter() {
  const count = { bytes: 0, lines: 0 };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      count.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count.lines += 1;
      done();
    },
  });
  return { count, sink };
}

async function copyExport(pool: pg.Pool, organizationId: string) {
  const statement = allRowsStatement(
    CSV_EXPORTS['api-keys'].build(
      organizationId,
      ZDashboardFilter.parse({ period: { start: DAY, end: '2025-06-02' } }),
      '2025-06-02',
    ),
  );
  const client = await pool.connect();
  try {
    const { count, sink } = counter();
    const start = process.hrtime.bigint();
    await pipeline(
      client.query(
        copyTo(`COPY (${inline(client, statement.text, statement.values)}) TO STDOUT WITH (FORMAT csv, HEADER)`),
      ),
      sink,
    );
    return { seconds: Number(process.hrtime.bigint() - start) / 1e9, rows: count.lines - 1, bytes: count.bytes };
  } finally {
    client.release();
  }
}

async function httpExport(
  base: string,
  organizationId: string,
  path = `/export/api-keys.csv?${QUERY}`,
  headerLines = 1,
) {
  // Each export starts from a collected heap (node --expose-gc), so its peak is its own and not
  // what the previous export left for V8 to collect later.
  (globalThis as { gc?: () => void }).gc?.();
  const { count, sink } = counter();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers: { 'x-bench-org': organizationId } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
        pipeline(res, sink).then(resolve, reject);
      })
      .on('error', reject);
  });
  clearInterval(sampler);
  return {
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    rows: count.lines - headerLines,
    bytes: count.bytes,
    peakRssMb: Math.round(peak / 2 ** 20),
    rssBeforeMb: Math.round(rssBefore / 2 ** 20),
  };
}

/** One day of ROWS keys, generated inside PostgreSQL so this process never holds the data. */
async function seed(pool: pg.Pool): Promise<string> {
  const {
    rows: [org],
  } = await pool.query<{ id: string }>(`INSERT INTO organizations (name) VALUES ('bench export') RETURNING id`);
  const {
    rows: [account],
  } = await pool.query<{ id: string }>(
    `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, 'openai', 'OpenAI', '\\x00', 'sk-…') RETURNING id`,
    [org!.id],
  );
  const { rowCount } = await pool.query(
    `INSERT INTO cost_records (organization_id, provider_account_id, provider, day, workspace_external_id, api_key_external_id, model, charge_kind,
       cost, credits_applied, input_tokens, output_tokens, cached_input_tokens, requests, workspace_name, api_key_hint, api_key_name)
     SELECT $1, $2, 'openai', $3, 'proj_' || (i % 100), 'key_' || i, 'gpt-4o', 'usage', ((i * 7919) % 5000000 + 1) / 1000000.0,
       CASE WHEN i % 10 = 0 THEN 0.01 ELSE 0 END, (i * 31) % 2000000, (i * 17) % 400000, (i * 13) % 50000, (i * 7) % 5000,
       'Project ' || (i % 100), 'sk-proj-' || i || '...' || (i % 97), 'key ' || i
     FROM generate_series(0::bigint, $4::bigint - 1) i`,
    [org!.id, account!.id, DAY, ROWS],
  );
  await pool.query('VACUUM ANALYZE');
  process.stderr.write(`seeded ${rowCount} cost records\n`);
  return org!.id;
}

/** The API keys dashboard through HTTP, then through COPY; one line with both. */
async function keysExport(base: string, pool: pg.Pool, organizationId: string, baselineRssMb: number) {
  const csv = await httpExport(base, organizationId);
  const copy = await copyExport(pool, organizationId);
  const csvRowsPerSecond = Math.round(csv.rows / csv.seconds);
  const copyRowsPerSecond = Math.round(copy.rows / copy.seconds);
  process.stdout.write(
    `${JSON.stringify({
      rows: csv.rows,
      copyRows: copy.rows,
      csvRowsPerSecond,
      copyRowsPerSecond,
      ratio: Math.round((csvRowsPerSecond / copyRowsPerSecond) * 100) / 100,
      csvSeconds: Math.round(csv.seconds * 100) / 100,
      copySeconds: Math.round(copy.seconds * 100) / 100,
      csvMb: Math.round(csv.bytes / 2 ** 20),
      peakRssMb: csv.peakRssMb,
      rssBeforeExportMb: baselineRssMb,
    })}\n`,
  );
}

async function main(): Promise<void> {
  const db = await openBenchDatabase();
  const pool = pgPoolOf(db.dataSource);
  const app = express();
  app.use(
    createExportRouter({
      exports: createExportService(pool),
      resolveOrganization: (req) => req.header('x-bench-org') ?? null,
      now: () => new Date('2025-06-02T12:00:00Z'),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const organizationId = await seed(pool);
    const baselineRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    await copyExport(pool, organizationId); // warms the cache so both measured runs read the same pages
    if (ONLY !== 'focus') await keysExport(base, pool, organizationId, baselineRssMb);
    if (ONLY === 'api-keys') return;
    for (const [format, headerLines] of [
      ['csv', 1],
      ['jsonl', 0],
    ] as const) {
      const focus = await httpExport(base, organizationId, `/export/focus.${format}?${QUERY}`, headerLines);
      process.stdout.write(
        `${JSON.stringify({
          export: `focus.${format}`,
          rows: focus.rows,
          rowsPerSecond: Math.round(focus.rows / focus.seconds),
          seconds: Math.round(focus.seconds * 100) / 100,
          mb: Math.round(focus.bytes / 2 ** 20),
          peakRssMb: focus.peakRssMb,
          rssBeforeExportMb: focus.rssBeforeMb,
        })}\n`,
      );
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
