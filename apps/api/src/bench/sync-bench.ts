// `pnpm bench:sync`: syncs a generated OpenAI organization of at least 1,000,000 cost records
// into a fresh database, then loads the same rows with a plain COPY into the same table, and
// prints one JSON line comparing the two: `syncSeconds` until the run closed with its records
// committed, `afterRunSeconds` for the anomaly detection over the year it wrote (and budgets),
// `syncPeakRssMb` until the run closed (sampled every 100 ms) and `peakRssMb` over both.
// A benchmark, not a test: nothing here asserts speed.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadApiConfig } from '@spendsync/config';
import { Money, startOfDay } from '@spendsync/domain';
import pino from 'pino';
import { createDataSource } from '../data-source';
import { runMigrations } from '../database/migrate';
import { pgPoolOf } from '../database/pg-pool';
import { createCredentialCipher } from '../features/provider-accounts/credential-cipher';
import { sealCredentials } from '../features/provider-accounts/provider-account-credentials';
import { buildApp } from '../app';
import type { SyncTopicMap } from '../features/sync/sync-pubsub';
import { createInMemoryPubSub } from '../pubsub/in-memory-pubsub';
import type { SimulatorHandle } from './bench-simulator';
import { createBenchDatabase } from './bench-database';
import { timeCopyBaseline } from './copy-baseline';

/** `--name=N` options for a quick look or tuning: `--days` (default 365), `--chunk-days`, `--concurrency` (engine defaults). */
const flag = (name: string) => {
  const found = process.argv
    .slice(2)
    .map((a) => new RegExp(`^--${name}=(\\d+)$`).exec(a))
    .find(Boolean);
  return found ? Number(found[1]) : undefined;
};
const DAYS = flag('days') ?? 365;
/** 20 projects × 10 keys = 200 keys, 15 models, 365 days, every cell used: about 1.1 million records. */
const ORGANIZATION = {
  seed: 2026,
  start: '2025-01-01',
  days: DAYS,
  workspaces: 20,
  keysPerWorkspace: 10,
  models: 15,
  density: 1,
  pageSize: 7,
};

async function startSimulatorProcess(): Promise<{ handle: SimulatorHandle; stop(): void }> {
  // Same runtime flags and file type as this process (built .js, or .ts run from source).
  const script = path.join(__dirname, `openai-sim-child${path.extname(__filename)}`);
  const child = spawn(process.execPath, [...process.execArgv, script, JSON.stringify(ORGANIZATION)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The simulator process exited (${code}) before listening`)));
  });
  return { handle: JSON.parse(line) as SimulatorHandle, stop: () => child.kill('SIGTERM') };
}

async function groundTruth(handle: SimulatorHandle): Promise<string> {
  const response = await fetch(
    `${handle.url}/__simulator/ground-truth?from=${handle.dataRange.start}&to=${handle.dataRange.end}`,
  );
  return ((await response.json()) as { cost: string }).cost;
}

async function main(): Promise<void> {
  const config = loadApiConfig();
  const database = await createBenchDatabase(config.databaseUrl);
  const simulator = await startSimulatorProcess();
  const dataSource = createDataSource({ url: database.url, poolSize: 4 });
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const pool = pgPoolOf(dataSource);
    const cipher = createCredentialCipher(randomBytes(32));
    const { handle } = simulator;
    const {
      rows: [org],
    } = await pool.query<{ id: string }>(`INSERT INTO organizations (name) VALUES ('bench') RETURNING id`);
    const accountId = randomUUID();
    const {
      rows: [account],
    } = await pool.query<{ id: string }>(
      `INSERT INTO provider_accounts (id, organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, $2, 'openai', 'bench', $3, 'sk-admin-…') RETURNING id`,
      [
        accountId,
        org!.id,
        sealCredentials(cipher, { organizationId: org!.id, id: accountId, provider: 'openai' }, handle.credentials),
      ],
    );
    const now = () => new Date(startOfDay(handle.dataRange.end).getTime() + 12 * 3_600_000);
    const { engine } = buildApp({
      dataSource,
      pubsub: createInMemoryPubSub<SyncTopicMap>(),
      cipher,
      logger: pino({ level: 'warn' }, process.stderr),
      backfillDays: ORGANIZATION.days,
      now,
      // The simulator listens on loopback, which the outbound policy allows only when named.
      allowCustomEndpoints: false,
      litellmAllowedHosts: ['127.0.0.1'],
      syncAdapterDeps: () => ({ baseUrl: handle.baseUrl, now }),
      engine: { maxChunkDays: flag('chunk-days'), fetchConcurrency: flag('concurrency') },
    });
    await pool.query('CHECKPOINT').catch(() => undefined);
    const started = process.hrtime.bigint();
    const startedAt = Date.now();
    // Resident memory sampled through the run, to tell the sync's peak from the detection's after it.
    const rss: { at: number; mb: number }[] = [];
    const sampler = setInterval(() => rss.push({ at: Date.now(), mb: process.memoryUsage.rss() / 1_048_576 }), 100);
    const result = await engine.trigger({ accountId: account!.id, trigger: 'link' });
    if (result.kind !== 'started') throw new Error(result.message);
    const run = await result.done;
    const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    // The run closes (its records committed, its status final) before anomaly detection and
    // budgets judge what it wrote; `done` waits for those too. Both are printed.
    if (!run.finishedAt) throw new Error('The run has no finishing time');
    const syncSeconds = (run.finishedAt.getTime() - startedAt) / 1000;
    clearInterval(sampler);
    const syncPeakRssMb = Math.max(0, ...rss.filter((r) => r.at <= run.finishedAt!.getTime()).map((r) => r.mb));
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    if (run.status !== 'succeeded') throw new Error(`The sync ended ${run.status}: ${run.error}`);
    const {
      rows: [stored],
    } = await pool.query<{ cost: string }>(
      'SELECT sum(cost)::text AS cost FROM cost_records WHERE provider_account_id = $1',
      [account!.id],
    );
    const truth = await groundTruth(handle);
    if (!new Money(stored!.cost).eq(new Money(truth))) {
      throw new Error(`Stored total ${stored!.cost} differs from the simulator's ${truth}`);
    }
    const copy = await timeCopyBaseline(pool, account!.id);
    const copyRecordsPerSec = copy.rows / copy.seconds;
    const round = (n: number, digits = 0) => Number(n.toFixed(digits));
    const rate = (seconds: number) => run.recordCount / seconds;
    process.stdout.write(
      `${JSON.stringify({
        records: run.recordCount,
        syncSeconds: round(syncSeconds, 2),
        afterRunSeconds: round(totalSeconds - syncSeconds, 2),
        syncRecordsPerSec: round(rate(syncSeconds)),
        copyRecordsPerSec: round(copyRecordsPerSec),
        ratio: round(rate(syncSeconds) / copyRecordsPerSec, 3),
        ratioWithAfterRun: round(rate(totalSeconds) / copyRecordsPerSec, 3),
        syncPeakRssMb: round(syncPeakRssMb),
        peakRssMb,
      })}\n`,
    );
  } finally {
    simulator.stop();
    await dataSource.destroy().catch(() => undefined);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:sync failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
