/**
 * bench:budgets — seeds ≥ 1,000,000 cost records (a year of four accounts, 80 keys and 9 models
 * each) by COPY, creates 1,000 budgets with mixed scopes (whole organization, providers,
 * accounts, workspaces, mapped names, API keys, models, combinations; months, quarters, custom
 * ranges; gross and net), then times one evaluation of all of them as after a sync (status,
 * thresholds, alert events and outbox rows). Prints one JSON line {budgets, records, ms,
 * p95PerBudgetMs}. Goal: ms ≤ 2,000 on the 2-core machine. Not a test: nothing is asserted.
 */
import { performance } from 'node:perf_hooks';
import { pgPoolOf } from '../src/database/pg-pool';
import { createBudgetEvaluator } from '../src/features/budgets/budget-evaluation.service';
import { createBudgetService } from '../src/features/budgets/budget.service';
import { createLogger } from '../src/logger';
import { createInMemoryPubSub } from '../src/pubsub/in-memory-pubsub';
import type { SyncTopicMap } from '../src/features/sync/sync-pubsub';
import { openBenchDatabase } from './bench-database';
import { seedBenchOrganization, type BenchAccount } from './seed-costs';

const BUDGETS = Number(process.env.BENCH_BUDGETS ?? 1_000);
const NOW = new Date('2025-12-20T12:00:00Z');
const models = (names: string[]) => names.map((name) => ({ name, unit: null }));
const ACCOUNTS: BenchAccount[] = [
  {
    provider: 'openai',
    workspaces: 10,
    keys: 80,
    hasRequests: true,
    models: models([
      'gpt-4o',
      'gpt-4o-mini',
      'gpt-4.1',
      'gpt-4.1-mini',
      'o3',
      'o4-mini',
      'text-embedding-3-small',
      'gpt-image-1',
      'whisper-1',
    ]),
  },
  {
    provider: 'anthropic',
    workspaces: 10,
    keys: 80,
    hasRequests: false,
    models: models([
      'claude-opus-4',
      'claude-sonnet-4',
      'claude-3-5-haiku',
      'claude-3-7-sonnet',
      'claude-3-opus',
      'claude-haiku-4',
      'claude-sonnet-4-5',
      'claude-opus-4-1',
      'claude-3-haiku',
    ]),
  },
  {
    provider: 'aws-bedrock',
    workspaces: 10,
    keys: 80,
    hasRequests: true,
    models: models([
      'nova-pro',
      'nova-lite',
      'nova-micro',
      'llama3-70b',
      'llama3-8b',
      'mistral-large',
      'titan-embed',
      'command-r',
      'bedrock-general',
    ]),
  },
  {
    provider: 'fal',
    workspaces: 10,
    keys: 80,
    hasRequests: true,
    models: models(['flux-dev', 'flux-pro', 'flux-schnell', 'sdxl', 'recraft-v3', 'veo3', 'kling', 'wan', 'minimax']),
  },
];

type Ids = { accounts: { id: string; provider: string }[]; workspaces: string[]; keys: string[]; models: string[] };

/** The i-th budget's scope, cycling through every kind of scope and combination. */
function scopeOf(i: number, ids: Ids): Record<string, unknown> {
  const pick = <T>(list: T[], n: number) => Array.from({ length: n }, (_, k) => list[(i * 7 + k * 13) % list.length]!);
  switch (i % 8) {
    case 0:
      return {};
    case 1:
      return { providers: [ids.accounts[i % 4]!.provider] };
    case 2:
      return { accountIds: [ids.accounts[i % 4]!.id] };
    case 3:
      return { workspaces: pick(ids.workspaces, 2) };
    case 4:
      return { apiKeyIds: pick(ids.keys, 3) };
    case 5:
      return { models: pick(ids.models, 2) };
    case 6:
      return {
        providers: [ids.accounts[i % 4]!.provider],
        workspaces: pick(ids.workspaces, 1),
        models: pick(ids.models, 3),
      };
    default:
      return { apiKeyIds: pick(ids.keys, 2), models: pick(ids.models, 4) };
  }
}

const PERIODS = [{ kind: 'month' }, { kind: 'quarter' }, { kind: 'custom', start: '2025-12-01', end: '2026-01-01' }];

async function main(): Promise<void> {
  const db = await openBenchDatabase(8);
  try {
    const pool = pgPoolOf(db.dataSource);
    const seeded = await seedBenchOrganization(pool, {
      name: 'budgets bench',
      accounts: ACCOUNTS,
      firstDay: '2025-01-01',
      days: 351,
      directory: true,
      seed: 3,
    });
    // Two providers' first workspaces share a mapped display name, as an admin would map them.
    await pool.query(
      `UPDATE workspaces SET display_name = 'Shared' WHERE organization_id = $1 AND external_id IN (SELECT min(external_id) FROM workspaces WHERE organization_id = $1)`,
      [seeded.organizationId],
    );
    // Days before each account's complete-through day count as settled (re-read after the billing delay).
    await pool.query(
      'UPDATE provider_accounts SET settled_through = data_complete_through WHERE organization_id = $1',
      [seeded.organizationId],
    );
    await pool.query('VACUUM ANALYZE');
    const org = seeded.organizationId;
    const ids: Ids = {
      accounts: (
        await pool.query('SELECT id, provider FROM provider_accounts WHERE organization_id = $1 ORDER BY provider', [
          org,
        ])
      ).rows,
      workspaces: (
        await pool.query(
          `SELECT DISTINCT coalesce(display_name, provider_name, external_id) AS n FROM workspaces WHERE organization_id = $1 ORDER BY 1`,
          [org],
        )
      ).rows.map((r) => r.n),
      keys: (await pool.query('SELECT id FROM api_keys WHERE organization_id = $1 ORDER BY id', [org])).rows.map(
        (r) => r.id,
      ),
      models: (
        await pool.query(
          'SELECT DISTINCT model FROM cost_rollup_workspace_models WHERE organization_id = $1 ORDER BY 1',
          [org],
        )
      ).rows.map((r) => r.model),
    };
    const budgets = createBudgetService(pool);
    for (let i = 0; i < BUDGETS; i++) {
      await budgets.create(org, {
        name: `budget ${i}`,
        amount: String(1_000 + (i % 50) * 500),
        period: PERIODS[i % 3],
        measure: i % 5 === 0 ? 'net' : 'gross',
        scope: scopeOf(i, ids),
      });
    }
    const evaluator = createBudgetEvaluator({
      pool,
      budgets,
      pubsub: createInMemoryPubSub<SyncTopicMap>(),
      logger: createLogger('silent'),
      now: () => NOW,
    });
    const started = performance.now();
    const result = await evaluator.evaluateOrganization(org);
    const ms = performance.now() - started;
    const sorted = [...result.perBudgetMs].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
    process.stderr.write(`fired ${result.fired.length} thresholds\n`);
    if (process.env.BENCH_BREAKDOWN) {
      const all = await budgets.list(org);
      for (let kind = 0; kind < 8; kind++) {
        const subset = all.filter((b) => Number(b.name.split(' ')[1]) % 8 === kind);
        const t = performance.now();
        await evaluator.statuses(org, subset);
        process.stderr.write(
          `scope kind ${kind}: ${subset.length} budgets in ${Math.round(performance.now() - t)} ms\n`,
        );
      }
    }
    process.stdout.write(
      `${JSON.stringify({ budgets: result.budgets, records: seeded.records, ms: Math.round(ms), p95PerBudgetMs: Math.round(p95 * 10) / 10 })}\n`,
    );
  } finally {
    await db.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
