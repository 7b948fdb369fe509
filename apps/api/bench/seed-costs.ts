import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { addDays, type Day, type ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One account's shape: how many workspaces and keys, which models (unit null: token model). */
export type BenchAccount = {
  provider: ProviderId;
  workspaces: number;
  keys: number;
  models: readonly { name: string; unit: string | null }[];
  /** False for providers that report no request counts (requests stay null). */
  hasRequests: boolean;
};

/** What to generate: every key uses every model on every day. */
export type BenchOrganization = {
  name: string;
  accounts: readonly BenchAccount[];
  firstDay: Day;
  days: number;
  /** Also list workspaces and keys in the directory tables (display names, hints). */
  directory: boolean;
  seed: number;
};

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

/** mulberry32: a small seeded generator, so every run writes the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer micro-dollars as exact decimal text (`1234567` → `1.234567`). */
const micros = (n: number) => `${Math.floor(n / 1e6)}.${String(n % 1e6).padStart(6, '0')}`;

type Created = { id: string; account: BenchAccount };

function* copyLines(orgId: string, accounts: readonly Created[], plan: BenchOrganization): Generator<string> {
  const next = random(plan.seed);
  const int = (max: number) => Math.floor(next() * max);
  for (let d = 0; d < plan.days; d += 1) {
    const day = addDays(plan.firstDay, d);
    for (const { id, account } of accounts) {
      let chunk = '';
      for (let k = 0; k < account.keys; k += 1) {
        const ws = `ws_${k % account.workspaces}`;
        const hintAndName = `${account.provider.slice(0, 6)}-${k}...x${k % 97}\tkey ${k}`;
        for (const model of account.models) {
          const cost = 1 + int(5_000_000);
          const credits = int(10) === 0 ? micros(int(cost)) : '0';
          const tokens =
            model.unit === null ? `${1_000 + int(2_000_000)}\t${100 + int(400_000)}\t${int(50_000)}` : '\\N\t\\N\t\\N';
          const requests = account.hasRequests ? String(int(5_000)) : '\\N';
          const quantity = model.unit === null ? '\\N' : String(1 + int(500));
          const kind = model.unit === 'image' ? 'image' : 'usage';
          chunk +=
            `${orgId}\t${id}\t${account.provider}\t${day}\t${ws}\t${account.provider}_key_${k}\t${model.name}\t${kind}\t${model.unit ?? '\\N'}\t` +
            `${micros(cost)}\t${credits}\t${tokens}\t${requests}\t${quantity}\t${account.provider} ${ws}\t${hintAndName}\n`;
        }
        // Bounded chunks: an account with a million keys must not build one giant string.
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
  }
}

async function createDirectory(
  db: pg.PoolClient,
  orgId: string,
  created: Created,
  plan: BenchOrganization,
): Promise<void> {
  if (!plan.directory) return;
  const { id, account } = created;
  // The first half of the workspaces share a display name across providers ("Team 0"…): the Workspaces dashboard combines them.
  await db.query(
    `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name, display_name)
     SELECT $1, $2, 'ws_' || i, $3 || ' ws_' || i, CASE WHEN i < $4 / 2 THEN 'Team ' || i END FROM generate_series(0, $4 - 1) i`,
    [orgId, id, account.provider, account.workspaces],
  );
  await db.query(
    `INSERT INTO api_keys (organization_id, provider_account_id, workspace_external_id, external_id, name, hint, status)
     SELECT $1, $2, 'ws_' || (i % $4), $3 || '_key_' || i, 'key ' || i, left($3, 6) || '-' || i || '...x' || (i % 97), 'active'
     FROM generate_series(0, $5 - 1) i`,
    [orgId, id, account.provider, account.workspaces, account.keys],
  );
  // Applications meter every other key of providers with request counts, once a day.
  if (account.hasRequests) {
    await db.query(
      `INSERT INTO metered_usage (organization_id, provider, model, api_key_hint, api_key_id, day, input_tokens, requests, cost, source)
       SELECT $1, $3, 'm', k.hint, k.id, d::date, 1000, 10, 0.5, 'bench'
       FROM api_keys k, generate_series($4::date, $4::date + ($5 - 1), interval '1 day') d
       WHERE k.provider_account_id = $2 AND right(k.external_id, 1) IN ('0', '2', '4', '6', '8')`,
      [orgId, id, account.provider, plan.firstDay, plan.days],
    );
  }
}

/** Creates the organization, its accounts (and directory), and COPYs every cost record. Returns the org id and record count. */
export async function seedBenchOrganization(
  pool: pg.Pool,
  plan: BenchOrganization,
): Promise<{ organizationId: string; records: number }> {
  const db = await pool.connect();
  try {
    const {
      rows: [org],
    } = await db.query<{ id: string }>('INSERT INTO organizations (name) VALUES ($1) RETURNING id', [plan.name]);
    const created: Created[] = [];
    for (const account of plan.accounts) {
      const {
        rows: [row],
      } = await db.query<{ id: string }>(
        `INSERT INTO provider_accounts (organization_id, provider, label, credentials_encrypted, key_hint, last_synced_at, data_complete_through)
         VALUES ($1, $2, $3, '\\x00', 'bench', now(), $4) RETURNING id`,
        [org!.id, account.provider, `${account.provider} bench`, addDays(plan.firstDay, plan.days)],
      );
      created.push({ id: row!.id, account });
      await createDirectory(db, org!.id, created.at(-1)!, plan);
    }
    const copy = db.query(copyFrom(`COPY cost_records (${COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(copyLines(org!.id, created, plan)), copy);
    return { organizationId: org!.id, records: Number(copy.rowCount) };
  } finally {
    db.release();
  }
}
