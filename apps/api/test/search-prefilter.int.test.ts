import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { SqlParams, containsPattern, searchPrefilter } from '../src/features/dashboards/dashboard-query';
import { searchField as field, searchText as text } from './support/search-text-arbitraries';
import { openTestDataSource } from './test-data-source';

describe('searchPrefilter (what the search rollup indexes find)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('keeps every row one ILIKE per own column matches: search_text holds each column whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field, field, field), { minLength: 1, maxLength: 8 }),
        text.filter((t) => t.length > 0 && !t.includes('\u001f')),
        async (rows, search) => {
          const result: { narrowed: boolean; each: boolean }[] = await ds.query(
            `SELECT coalesce(search_text(f.a, f.b, f.c, f.d) ILIKE $2, false) AS narrowed,
              coalesce(f.a ILIKE $2 OR f.b ILIKE $2 OR f.c ILIKE $2 OR f.d ILIKE $2, false) AS each
            FROM jsonb_to_recordset($1::jsonb) AS f(a text, b text, c text, d text, n int) ORDER BY f.n`,
            [JSON.stringify(rows.map(([a, b, c, d], n) => ({ a, b, c, d, n }))), containsPattern(search)],
          );
          // Equal, not only a superset: a term without the separator cannot match across two columns.
          for (const row of result) expect(row.narrowed).toBe(row.each);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is read through the monthly search rollup's trigram and workspace indexes", async () => {
    const p = new SqlParams();
    const narrow = searchPrefilter(p, '00000000-0000-0000-0000-000000000000', 'gpt-4o')!;
    // An empty table would be read whole; with that off, and the condition alone, the plan shows
    // whether the condition's expressions match the indexes'.
    const plan: { 'QUERY PLAN': string }[] = await ds.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query(`EXPLAIN SELECT * FROM cost_rollup_search_monthly WHERE ${narrow}`, p.values);
    });
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toContain('cost_rollup_search_monthly_search_text_idx');
    expect(text).toContain('cost_rollup_search_monthly_workspace_idx');
  });

  it('gives a term holding the separator no prefilter (the exact condition alone decides)', () => {
    expect(searchPrefilter(new SqlParams(), 'org', 'a\u001fb')).toBeUndefined();
  });
});
