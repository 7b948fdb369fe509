import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { SearchTerm } from '../src/features/dashboards/dashboard-prefilters';
import { SqlParams, containsPattern, searchPrefilter } from '../src/features/dashboards/dashboard-query';
import { readSearchMatches } from '../src/features/dashboards/search-matches';
import { rolledBack } from './support/rolled-back';
import { searchField as field, searchText as text } from './support/search-text-arbitraries';
import { openTestDataSource } from './test-data-source';

const FIELDS = ['model', 'api_key_hint', 'workspace_name', 'workspace_external_id'] as const;
const ORGANIZATION = '00000000-0000-0000-0000-0000000000a2';

describe('searchPrefilter (what the search rollups are read through)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it("keeps exactly the rows one ILIKE per searched column, or their own account's workspace names, match", async () => {
    // two accounts that share workspace ids, as providers' ids repeat: a directory name matches
    // only its own account's rows of that id
    const accounts = ['00000000-0000-0000-0000-00000000ac01', '00000000-0000-0000-0000-00000000ac02'];
    const account = fc.constantFrom(0, 1);
    // workspace ids from a few, so rows and directory entries share them often
    const workspaceId = fc.constantFrom('ws_1', 'ws_2', 'bé');
    const directory = fc.uniqueArray(fc.tuple(account, workspaceId, field, field), {
      maxLength: 4,
      selector: ([a, id]) => `${a}|${id}`,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field, field, fc.oneof(field, workspaceId), account), { minLength: 1, maxLength: 8 }),
        directory,
        text.filter((t) => t.length > 0),
        async (rows, workspaces, search) => {
          const result = await rolledBack(ds, async (tx) => {
            await tx.query('SET LOCAL session_replication_role = replica'); // accounts are only ids here
            const [{ id: org }] = (await tx.query(`INSERT INTO organizations (name) VALUES ('p') RETURNING id`)) as {
              id: string;
            }[];
            const records = rows.map((r, n) => ({
              ...Object.fromEntries(FIELDS.map((f, i) => [f, r[i]])),
              provider_account_id: accounts[r[4]],
              n,
            }));
            // what the trigger on the monthly search rollup keeps: every non-null value of each column
            await tx.query(
              `INSERT INTO search_values (organization_id, field, value)
                SELECT DISTINCT $1::uuid, f.field, f.value FROM jsonb_to_recordset($2::jsonb)
                  AS r(model text, api_key_hint text, workspace_name text, workspace_external_id text)
                CROSS JOIN LATERAL (VALUES ${FIELDS.map((f) => `('${f}', r.${f})`).join(', ')}) f(field, value)
                WHERE f.value IS NOT NULL`,
              [org, JSON.stringify(records)],
            );
            for (const [a, id, providerName, displayName] of workspaces) {
              await tx.query(
                `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name, display_name)
                VALUES ($1, $2, $3, $4, $5)`,
                [org, accounts[a], id, providerName, displayName],
              );
            }
            const p = new SqlParams();
            // the statement's own lookups, and the matches read before it (what the services pass)
            const narrow = searchPrefilter(p, org!, { text: search });
            const matches = await readSearchMatches(tx, org!, search);
            const known = searchPrefilter(p, org!, { text: search, matches });
            const data = p.add(JSON.stringify(records), 'jsonb');
            const pattern = p.add(containsPattern(search), 'text');
            return (await tx.query(
              `SELECT coalesce(${narrow}, false) AS narrowed, coalesce(${known}, false) AS known,
                coalesce(${FIELDS.map((f) => `${f} ILIKE ${pattern}`).join(' OR ')}, false)
                  OR EXISTS (SELECT 1 FROM workspaces ws WHERE ws.organization_id = ${p.add(org, 'uuid')}
                    AND ws.provider_account_id = r.provider_account_id AND ws.external_id = r.workspace_external_id
                    AND (ws.display_name ILIKE ${pattern} OR ws.provider_name ILIKE ${pattern})) AS each
              FROM jsonb_to_recordset(${data}) AS r(model text, api_key_hint text, workspace_name text,
                workspace_external_id text, provider_account_id uuid, n int) ORDER BY n`,
              p.values,
            )) as { narrowed: boolean; known: boolean; each: boolean }[];
          });
          // Equal, not only a superset: each column is matched on its own, separator or not.
          for (const row of result) expect([row.narrowed, row.known]).toEqual([row.each, row.each]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each(['cost_rollup_search_monthly', 'cost_rollup_search_weekly', 'cost_rollup_search_iso_weekly'])(
    'finds the rows of %s through a btree index on each searched column, and estimates a broad term',
    async (table) => {
      // Two years of 300 models, 2,000 keys and 400 workspaces, analyzed, with their values, in a
      // transaction rolled back (foreign keys and triggers off for it: only the plans are looked at).
      const plans = await rolledBack(ds, async (tx) => {
        await tx.query('SET LOCAL session_replication_role = replica');
        await tx.query(
          `INSERT INTO ${table} (organization_id, provider_account_id, provider, day, workspace_external_id,
            workspace_name, api_key_external_id, api_key_hint, model, records, cost, credits_applied, is_active)
          SELECT $1::uuid, $1::uuid, 'openai', '2024-01-01'::date + (i % 104) * 7, 'ws-' || i % 400, 'Team ' || i % 400,
            'key-' || i % 2000, 'sk-...' || i % 2000, 'model-' || i % 300, 1, 1, 0, true
          FROM generate_series(1, 60000) i`,
          [ORGANIZATION],
        );
        await tx.query(
          `INSERT INTO search_values (organization_id, field, value)
          SELECT DISTINCT $1::uuid, f.field, f.value FROM ${table} n
          CROSS JOIN LATERAL (VALUES ${FIELDS.map((f) => `('${f}', n.${f})`).join(', ')}) f(field, value)
          WHERE n.organization_id = $1 AND f.value IS NOT NULL`,
          [ORGANIZATION],
        );
        await tx.query(`ANALYZE ${table}`);
        await tx.query('ANALYZE search_values');
        const explain = async (search: SearchTerm) => {
          const p = new SqlParams();
          const organization = p.add(ORGANIZATION, 'uuid');
          const narrow = searchPrefilter(p, ORGANIZATION, search);
          const lines = (await tx.query(
            `EXPLAIN SELECT * FROM ${table} WHERE organization_id = ${organization} AND day >= '2025-01-01' AND ${narrow}`,
            p.values,
          )) as { 'QUERY PLAN': string }[];
          return lines.map((line) => line['QUERY PLAN']).join('\n');
        };
        const matched = async (text: string) => ({ text, matches: await readSearchMatches(tx, ORGANIZATION, text) });
        return {
          lookedUp: await explain({ text: 'model-17' }),
          narrow: await explain(await matched('model-17')),
          broad: await explain(await matched('Team')),
        };
      });
      // The statement's own lookups: an array per column known only at run time, each column's index.
      expect(plans.lookedUp).toContain('BitmapOr');
      for (const field of FIELDS) expect(plans.lookedUp).toContain(`${table}_${field}_idx`);
      // Matches read first: only the model holds "model-17" (11 of 300 models), read through its index.
      expect(plans.narrow).toContain(`${table}_model_idx`);
      expect(plans.narrow).not.toContain('Seq Scan');
      // Every workspace's name holds "Team": PostgreSQL expects most of the window's 30,000 rows to
      // match (its estimate comes from a sample; an array built at run time gets a fixed guess), and
      // plans for that (the shape is its choice: it depends on what else the tables hold)
      expect(Number(/rows=(\d+)/.exec(plans.broad)?.[1])).toBeGreaterThan(10_000);
    },
  );
});
