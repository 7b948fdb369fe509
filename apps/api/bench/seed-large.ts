import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { addDays, PROVIDER_IDS, type Day, type ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * A large organization's cost records (issue 19): 9 providers (one account each), 5,000 keys,
 * 300 models, 400 workspaces, over `days` days, `records` records in all (spread evenly over
 * days and accounts). Each key sits in one workspace and uses three favourite models of its
 * provider; half the workspaces share display names across providers ("Team 7"), as mappings do.
 */
export type LargeOrganization = { records: number; days: number; firstDay: Day; seed: number };

export const LARGE_SHAPE = { keys: 5_000, models: 300, workspaces: 400 } as const;

const COLUMNS = [
  'organization_id',
  'provider_account_id',
  'provider',
  'day',
  'workspace_external_id',
  'api_key_external_id',
  'model',
  'charge_kind',
  'unit',
  'cost',
  'credits_applied',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'requests',
  'quantity',
  'workspace_name',
  'api_key_hint',
  'api_key_name',
];

/** Providers without request counts (requests stay null), and those billing images or seconds. */
const NO_REQUESTS = new Set<ProviderId>(['anthropic', 'vertex-ai']);
const UNIT: Partial<Record<ProviderId, string>> = { fal: 'image', runway: 'seconds' };

type Account = { id: string; provider: ProviderId; index: number };

/** mulberry32: the same data on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const micros = (n: number) => `${Math.floor(n / 1e6)}.${String(n % 1e6).padStart(6, '0')}`;
const per = (total: number, parts: number, i: number) => Math.floor(total / parts) + (i < total % parts ? 1 : 0);

function* copyLines(
  orgId: string,
  accounts: readonly Account[],
  plan: LargeOrganization,
  fromDay: number,
  toDay: number,
): Generator<string> {
  const next = random(plan.seed + fromDay);
  const int = (max: number) => Math.floor(next() * max);
  const n = accounts.length;
  for (let d = fromDay; d < toDay; d += 1) {
    const day = addDays(plan.firstDay, d);
    for (const { id, provider, index } of accounts) {
      const keys = per(LARGE_SHAPE.keys, n, index);
      const models = per(LARGE_SHAPE.models, n, index);
      const workspaces = per(LARGE_SHAPE.workspaces, n, index);
      const count = Math.min(per(per(plan.records, plan.days, d), n, index), keys * 3);
      const unit = UNIT[provider] ?? null;
      let chunk = '';
      for (let r = 0; r < count; r += 1) {
        // a different, distinct (key, favourite model) pair for each record of the day
        const pair = (r * 7919 + d * 131) % (keys * 3);
        const k = Math.floor(pair / 3);
        const model = `${provider}-model-${(k * 3 + (pair % 3)) % models}`;
        const ws = `ws_${k % workspaces}`;
        const cost = 1 + int(5_000_000);
        const credits = int(10) === 0 ? micros(int(cost)) : '0';
        const tokens =
          unit === null ? `${1_000 + int(2_000_000)}\t${100 + int(400_000)}\t${int(50_000)}` : '\\N\t\\N\t\\N';
        const requests = NO_REQUESTS.has(provider) ? '\\N' : String(int(5_000));
        const quantity = unit === null ? '\\N' : String(1 + int(500));
        chunk +=
          `${orgId}\t${id}\t${provider}\t${day}\t${ws}\t${provider}_key_${k}\t${model}\t${unit === 'image' ? 'image' : 'usage'}\t` +
          `${unit ?? '\\N'}\t${micros(cost)}\t${credits}\t${tokens}\t${requests}\t${quantity}\t${provider} ${ws}\t` +
          `${provider.slice(0, 6)}-${k}...x${k % 97}\tkey ${k}\n`;
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
  }
}

async function createAccounts(db: pg.PoolClient, orgId: string, plan: LargeOrganization): Promise<Account[]> {
  const accounts: Account[] = [];
  for (const [index, provider] of PROVIDER_IDS.entries()) {
    const {
      rows: [row],
    } = await db.query<{ id: string }>(
      `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint, last_synced_at,
         data_complete_through, settled_through)
       VALUES ($1, $2, $3, '\\x00', 'bench', now(), $4, $5) RETURNING id`,
      [orgId, provider, `${provider} bench`, addDays(plan.firstDay, plan.days), addDays(plan.firstDay, plan.days - 3)],
    );
    const account = { id: row!.id, provider, index };
    accounts.push(account);
    const [keys, workspaces] = [
      per(LARGE_SHAPE.keys, PROVIDER_IDS.length, index),
      per(LARGE_SHAPE.workspaces, PROVIDER_IDS.length, index),
    ];
    await db.query(
      `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name, display_name)
       SELECT $1, $2, 'ws_' || i, $3 || ' ws_' || i, CASE WHEN i < $4 / 2 THEN 'Team ' || i END FROM generate_series(0, $4 - 1) i`,
      [orgId, account.id, provider, workspaces],
    );
    await db.query(
      `INSERT INTO api_keys (organization_id, provider_account_id, workspace_external_id, external_id, name, hint, status)
       SELECT $1, $2, 'ws_' || (i % $4), $3 || '_key_' || i, 'key ' || i, left($3, 6) || '-' || i || '...x' || (i % 97), 'active'
       FROM generate_series(0, $5 - 1) i`,
      [orgId, account.id, provider, workspaces, keys],
    );
    // applications meter one key in a hundred, once a day
    await db.query(
      `INSERT INTO metered_usage (organization_id, provider, model, api_key_hint, api_key_id, day, input_tokens, requests, cost, source)
       SELECT $1, $3, 'm', k.hint, k.id, d::date, 1000, 10, 0.5, 'bench'
       FROM api_keys k, generate_series($4::date, $4::date + ($5 - 1), interval '1 day') d
       WHERE k.provider_account_id = $2 AND right(k.external_id, 2) = '00'`,
      [orgId, account.id, provider, plan.firstDay, plan.days],
    );
  }
  return accounts;
}

/**
 * Creates the organization and COPYs its records a month at a time (each COPY is one statement,
 * so the rollup triggers refresh that month's account-days in the same transaction, as a sync does).
 */
export async function seedLargeOrganization(
  pool: pg.Pool,
  plan: LargeOrganization,
  progress: (line: string) => void,
): Promise<{ organizationId: string; records: number }> {
  const db = await pool.connect();
  try {
    const {
      rows: [org],
    } = await db.query<{ id: string }>('INSERT INTO organizations (name) VALUES ($1) RETURNING id', ['bench large']);
    const accounts = await createAccounts(db, org!.id, plan);
    let records = 0;
    for (let from = 0; from < plan.days; from += 30) {
      const copy = db.query(copyFrom(`COPY cost_records (${COLUMNS.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(copyLines(org!.id, accounts, plan, from, Math.min(plan.days, from + 30))), copy);
      records += Number(copy.rowCount);
      progress(`copied ${records} records (days ${from}–${Math.min(plan.days, from + 30) - 1})`);
    }
    return { organizationId: org!.id, records };
  } finally {
    db.release();
  }
}

/**
 * The large organization an earlier run seeded into a kept database (`BENCH_DATABASE`), or null
 * when there is none; an error when the kept one is another data set (size or first day).
 */
export async function seededBefore(
  pool: Pick<pg.Pool, 'query'>,
  plan: Pick<LargeOrganization, 'records' | 'firstDay'>,
): Promise<{ organizationId: string; records: number } | null> {
  const { rows } = await pool.query<{ id: string; records: string; first: string | null }>(
    `SELECT o.id, count(c.*) AS records, min(c.day)::text AS first FROM organizations o
     LEFT JOIN cost_records c ON c.organization_id = o.id WHERE o.name = 'bench large' GROUP BY o.id`,
  );
  if (rows.length === 0) return null;
  const [row] = rows;
  if (rows.length > 1 || Number(row!.records) !== plan.records || row!.first !== plan.firstDay) {
    throw new Error(
      `BENCH_DATABASE holds ${row!.records} records from ${row!.first}, not ${plan.records} from ${plan.firstDay}: use another name, or drop that database`,
    );
  }
  return { organizationId: row!.id, records: plan.records };
}
